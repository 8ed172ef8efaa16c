package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.TestData;
import org.ncer.dataset.DatasetVerifier.FileCheck;
import org.ncer.dataset.DatasetVerifier.Report;
import org.ncer.dataset.DatasetVerifier.Status;

class DatasetVerifierTest {
  @TempDir Path tmp;

  private static final FileTime LAST_YEAR = FileTime.from(Instant.parse("2025-06-01T00:00:00Z"));

  /** A copy of {@code folder}/raw/ of the shared data under {@code tmp}, dated last year. */
  static Path copyRaw(Path tmp, String folder) throws IOException {
    Path from = TestData.dataDir().resolve(folder).resolve("raw");
    Path to = tmp.resolve("data").resolve(folder).resolve("raw");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
          Files.setLastModifiedTime(target, LAST_YEAR);
        }
      }
    }
    return tmp.resolve("data");
  }

  private DatasetVerifier verifier() {
    return DatasetVerifier.withCache(tmp.resolve("cache").resolve("verified-files.tsv"));
  }

  @Test
  void theSharedFilesOfEveryDatasetAreVerified() {
    // given
    DatasetVerifier verifier = verifier();

    for (String name : Datasets.names()) {
      // when
      Report r = verifier.verify(DatasetSpec.of(name), TestData.dataDir());

      // then: chia counts 2000 + 2000 documents files, annotation.conf and data_details.json
      assertEquals(Status.VERIFIED, r.status(), name + ": " + r.problems());
      assertEquals(name.equals("chia") ? 4002 : 4, r.files().size(), name);
    }
  }

  @Test
  void modifiedAndMissingFilesAreNamed() throws IOException {
    // given: one byte more in the test file, no LICENSE
    Path data = copyRaw(tmp, "ncbi-disease");
    Path test = data.resolve("ncbi-disease/raw/NCBItestset_corpus.txt");
    Files.writeString(test, "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    Files.delete(data.resolve("ncbi-disease/raw/LICENSE"));

    // when
    Report r = verifier().verify(DatasetSpec.of("ncbi"), data);

    // then
    assertEquals(Status.MODIFIED, r.status());
    List<FileCheck> problems = r.problems();
    assertEquals(2, problems.size(), problems.toString());
    assertEquals("ncbi-disease/raw/NCBItestset_corpus.txt", problems.get(0).path());
    assertEquals(Status.MODIFIED, problems.get(0).status());
    assertTrue(
        problems
            .get(0)
            .detail()
            .endsWith(
                ", the release's is"
                    + " 61c8050bf6979ef7b943ec1158dfc03b651ea3367d4c37356f9de4841e85c9a3"),
        problems.get(0).detail());
    assertEquals(
        new FileCheck("ncbi-disease/raw/LICENSE", Status.MISSING, "missing"), problems.get(1));
  }

  @Test
  void onlyMissingFilesMakeTheDatasetMissingAndNoFileMakesItAbsent() throws IOException {
    // given
    Path data = copyRaw(tmp, "ncbi-disease");
    Files.delete(data.resolve("ncbi-disease/raw/LICENSE"));

    // when
    Report partial = verifier().verify(DatasetSpec.of("ncbi"), data);
    Report none = verifier().verify(DatasetSpec.of("ncbi"), tmp.resolve("empty"));

    // then
    assertEquals(Status.MISSING, partial.status());
    assertTrue(!partial.absent());
    assertEquals(Status.MISSING, none.status());
    assertTrue(none.absent());
  }

  @Test
  void aSplitChecksOnlyTheFilesItReads() throws IOException {
    // given: the train file is damaged, the test file is not
    Path data = copyRaw(tmp, "ncbi-disease");
    Files.writeString(data.resolve("ncbi-disease/raw/NCBItrainset_corpus.txt"), "");

    // when
    Report test = verifier().verifySplit(DatasetSpec.of("ncbi"), data, "test");
    Report train = verifier().verifySplit(DatasetSpec.of("ncbi"), data, "train");

    // then
    assertEquals(Status.VERIFIED, test.status());
    assertEquals(1, test.files().size());
    assertEquals(Status.MODIFIED, train.status());
  }

  @Test
  void aChiaFileThatIsNotInTheReleaseIsReported() throws IOException {
    // given: an added document, and an edited one
    Path data = copyRaw(tmp, "chia");
    Path docs = data.resolve("chia/raw/chia_with_scope");
    Files.writeString(docs.resolve("NCT99999999_inc.txt"), "Adults with asthma");
    Files.writeString(docs.resolve("NCT00050349_exc.ann"), "");

    // when
    Report r = verifier().verify(DatasetSpec.of("chia"), data);

    // then: the listing names the edited file; the added one is not part of it
    assertEquals(Status.MODIFIED, r.status());
    assertEquals(
        List.of(
            "chia/raw/chia_with_scope/NCT00050349_exc.ann",
            "chia/raw/chia_with_scope/NCT99999999_inc.txt"),
        r.problems().stream().map(FileCheck::path).toList());
    assertEquals(DatasetVerifier.NOT_IN_RELEASE, r.problems().get(1).detail());
  }

  @Test
  void anUnchangedFileIsHashedOnceAcrossVerifiers() throws IOException {
    // given
    Path data = copyRaw(tmp, "ncbi-disease");
    verifier().verify(DatasetSpec.of("ncbi"), data);

    // when: a new verifier, as in the next run, reads the cache file
    DatasetVerifier next = verifier();
    Report r = next.verify(DatasetSpec.of("ncbi"), data);

    // then
    assertEquals(Status.VERIFIED, r.status());
    assertEquals(0, next.cache().hashedCount());
  }

  @Test
  void anEditThatKeepsSizeAndModificationTimeIsStillFound() throws IOException {
    // given: a remembered file, then one character changed and its time set back
    Path data = copyRaw(tmp, "ncbi-disease");
    verifier().verify(DatasetSpec.of("ncbi"), data);
    Path test = data.resolve("ncbi-disease/raw/NCBItestset_corpus.txt");
    byte[] bytes = Files.readAllBytes(test);
    bytes[0] = (byte) (bytes[0] == '1' ? '2' : '1');
    Files.write(test, bytes);
    Files.setLastModifiedTime(test, LAST_YEAR);

    // when
    Report r = verifier().verify(DatasetSpec.of("ncbi"), data);

    // then: the status change time (or file key) differs, so the file is hashed again
    assertEquals(Status.MODIFIED, r.status());
  }

  @Test
  void aFileModifiedJustNowIsNotRemembered() throws IOException {
    // given: a copy made now, not dated back
    Path raw = Files.createDirectories(tmp.resolve("data/ncbi-disease/raw"));
    Files.copy(TestData.dataDir().resolve("ncbi-disease/raw/LICENSE"), raw.resolve("LICENSE"));
    verifier().verify(DatasetSpec.of("ncbi"), tmp.resolve("data"));

    // when
    DatasetVerifier next = verifier();
    next.verify(DatasetSpec.of("ncbi"), tmp.resolve("data"));

    // then: a second edit within the same clock tick would look unchanged, so it is hashed again
    assertEquals(1, next.cache().hashedCount());
  }

  @Test
  void aCacheThatCannotBeWrittenOnlyCostsTime() throws IOException {
    // given: the cache's folder would have to be inside a regular file
    Path blocker = Files.writeString(tmp.resolve("blocker"), "x");
    DatasetVerifier verifier = DatasetVerifier.withCache(blocker.resolve("verified-files.tsv"));

    // when
    Report r = verifier.verify(DatasetSpec.of("ncbi"), TestData.dataDir());

    // then
    assertEquals(Status.VERIFIED, r.status());
  }

  @Test
  void aDamagedCacheIsIgnored() throws IOException {
    // given: a cache line claiming the damaged test file has the release's sum, with a bad stamp
    Path data = copyRaw(tmp, "ncbi-disease");
    Path test = data.resolve("ncbi-disease/raw/NCBItestset_corpus.txt");
    Files.writeString(test, "");
    Path cache = Files.createDirectories(tmp.resolve("cache")).resolve("verified-files.tsv");
    Files.writeString(
        cache,
        FileHashCache.HEADER
            + "\n61c8050bf6979ef7b943ec1158dfc03b651ea3367d4c37356f9de4841e85c9a3\tx\t0\t0\t-\t"
            + test.toRealPath()
            + "\nnot a line\n");

    // when
    Report r = DatasetVerifier.withCache(cache).verify(DatasetSpec.of("ncbi"), data);

    // then
    assertEquals(Status.MODIFIED, r.status());
  }

  @Test
  void theCacheLivesInTheUsersCacheFolder() {
    // given / when / then
    assertEquals(
        Path.of("/x/cache/ncer/verified-files.tsv"),
        FileHashCache.defaultLocation("/x/cache", "/home/u"));
    assertEquals(
        Path.of("/home/u/.cache/ncer/verified-files.tsv"),
        FileHashCache.defaultLocation("relative", "/home/u"));
    assertEquals(
        Path.of("/home/u/.cache/ncer/verified-files.tsv"),
        FileHashCache.defaultLocation(null, "/home/u"));
  }
}
