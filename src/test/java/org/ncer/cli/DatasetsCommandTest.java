package org.ncer.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.DatasetSpec;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.DocumentJsonl;

class DatasetsCommandTest {
  @TempDir Path tmp;

  private static String data() {
    return TestData.dataDir().toString();
  }

  @Test
  void listShowsEachDatasetWithItsFolderLabelsAndFiles() {
    // given / when
    Result r = ncer("datasets", "list", "--data-dir", data());

    // then
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("Data folder: " + TestData.dataDir().toAbsolutePath().normalize(), lines.get(0));
    assertEquals(
        "ncbi    ncbi-disease  condition                                train dev test    verified",
        lines.get(2));
    assertEquals(
        "chia    chia          condition, drug, procedure, measurement  train dev test *  verified",
        lines.get(3));
    assertEquals("* chia: " + DatasetSpec.of("chia").leaderboard().note(), lines.get(6));
  }

  @Test
  void listTellsHowToFetchMissingFiles() {
    // given / when
    Result r = ncer("datasets", "list", "--data-dir", tmp.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains(
                "bc5cdr  bc5cdr        condition, drug                          train"
                    + " dev test    missing: ncer datasets pull --dataset bc5cdr"),
        r.out());
  }

  @Test
  void statsJsonGivesDocumentsAndEntitiesPerLabel() throws IOException {
    // given / when
    Result r =
        ncer(
            "datasets",
            "stats",
            "--data-dir",
            data(),
            "--dataset",
            "ncbi",
            "--dataset",
            "bc5cdr",
            "--json");

    // then
    assertEquals(0, r.code(), r.err());
    JsonNode expected =
        Json.mapper()
            .readTree(
                """
                {"ncbi": {"documents": 100, "entities": {"condition": 960}},
                 "bc5cdr": {"documents": 500, "entities": {"condition": 4530, "drug": 5394}}}
                """);
    assertEquals(expected, Json.mapper().readTree(r.out()));
  }

  @Test
  void statsTableCoversAllDatasetsAndCarriesTheChiaNote() {
    // given / when
    Result r = ncer("datasets", "stats", "--data-dir", data());

    // then
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("DATASET  SPLIT  DOCUMENTS  ENTITIES  LABEL         COUNT", lines.get(0));
    assertEquals("ncbi     test         100       960  condition       960", lines.get(1));
    assertEquals("biored   test         100      3092  condition       917", lines.get(6));
    assertEquals("                                     gene variant    241", lines.get(9));
    assertEquals("bc5cdr   test         500      9924  condition      4530", lines.get(10));
    assertEquals("Note: " + DatasetSpec.of("chia").leaderboard().note(), lines.get(12));
  }

  @Test
  void statsPrintsNoLeaderboardNoteForAUserFileNamedChia() throws IOException {
    // given: a user's file that happens to share CHIA's key
    Path in = tmp.resolve("chia.jsonl");
    Files.writeString(
        in,
        """
        {"id": "a", "text": "aspirin", "entities": [{"start": 0, "end": 7, "label": "drug"}]}
        """);

    // when
    Result r = ncer("datasets", "stats", "--dataset", in.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(
        """
        DATASET  SPLIT  DOCUMENTS  ENTITIES  LABEL  COUNT
        chia     file           1         1  drug       1
        """,
        r.out());
  }

  @Test
  void statsAcceptsValidationForDev() throws IOException {
    // given / when
    Result r =
        ncer(
            "datasets",
            "stats",
            "--data-dir",
            data(),
            "--dataset",
            "ncbi",
            "--split",
            "validation",
            "--json");

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(787, Json.mapper().readTree(r.out()).at("/ncbi/entities/condition").asInt());
  }

  @Test
  void exportWritesOneBenchmarkRecordPerDocument() throws IOException {
    // given
    Path out = tmp.resolve("ncbi-test.jsonl");

    // when
    Result r =
        ncer(
            "datasets",
            "export",
            "--data-dir",
            data(),
            "--dataset",
            "ncbi",
            "--split",
            "test",
            "--out",
            out.toString());

    // then
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(100, lines.size());
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertEquals("9949209", first.get("id").asText());
    assertEquals(
        Json.mapper()
            .readTree(
                """
                {"start": 23, "end": 39, "label": "condition", "text": "copper toxicosis"}
                """),
        first.get("entities").get(0));
    Dataset original = Datasets.load(TestData.dataDir(), "ncbi", "test");
    assertEquals(original.documents(), DocumentJsonl.read(out, original.labels()));
    assertEquals("wrote 100 documents (960 entities) of ncbi test to " + out + "\n", r.err());
  }

  @Test
  void exportKeepsAnExistingFileWithoutForce() throws IOException {
    // given
    Path out = Files.writeString(tmp.resolve("mine.jsonl"), "keep me\n");
    // when
    Result refused =
        ncer(
            "datasets",
            "export",
            "--data-dir",
            data(),
            "--dataset",
            "ncbi",
            "--out",
            out.toString());
    String kept = Files.readString(out);
    Result forced =
        ncer(
            "datasets",
            "export",
            "--data-dir",
            data(),
            "--dataset",
            "ncbi",
            "--out",
            out.toString(),
            "--force");
    // then
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("already exists; use --force"), refused.err());
    assertEquals("keep me\n", kept);
    assertEquals(0, forced.code(), forced.err());
    assertEquals(100, Files.readAllLines(out, StandardCharsets.UTF_8).size());
  }

  @Test
  void exportToDashWritesStandardOutput() {
    // when
    Result r = ncer("datasets", "export", "--data-dir", data(), "--dataset", "ncbi", "--out", "-");
    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(100, r.out().lines().count());
    assertTrue(r.out().startsWith("{\"id\":\"9949209\""), r.out().substring(0, 40));
    assertTrue(r.err().endsWith(" to standard output\n"), r.err());
  }

  @Test
  void exportReadsAUserFileWithGivenLabels() throws IOException {
    // given
    Path in = tmp.resolve("mine.jsonl");
    Files.writeString(
        in,
        """
        {"id": "a", "text": "aspirin", "entities": [{"start": 0, "end": 7, "label": "drug"}]}
        """);
    Path out = tmp.resolve("copy.jsonl");

    // when
    Result r =
        ncer(
            "datasets",
            "export",
            "--dataset",
            in.toString(),
            "--labels",
            "drug,condition",
            "--out",
            out.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "{\"id\":\"a\",\"text\":\"aspirin\",\"entities\":[{\"start\":0,\"end\":7,\"label\":\"drug\","
            + "\"text\":\"aspirin\"}]}\n",
        Files.readString(out));
  }

  @Test
  void malformedUserLineIsOneLineErrorWithExitCodeTwo() throws IOException {
    // given: line 2 has a span outside its text
    Path in = tmp.resolve("bad.jsonl");
    Files.writeString(
        in,
        """
        {"id": "a", "text": "aspirin", "entities": []}
        {"id": "b", "text": "fever", "entities": [{"start": 0, "end": 9, "label": "condition"}]}
        """);

    // when
    Result r = ncer("datasets", "stats", "--dataset", in.toString());

    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: "
            + in
            + " line 2: entities[0]: span 0..9 is outside the text, which has 5 characters\n",
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownLabelInUserFileNamesFileAndLine() throws IOException {
    // given
    Path in = tmp.resolve("labels.jsonl");
    Files.writeString(
        in,
        """
        {"id": "a", "text": "aspirin", "entities": [{"start": 0, "end": 7, "label": "drug"}]}
        """);

    // when
    Result r = ncer("datasets", "stats", "--dataset", in.toString(), "--labels", "condition");

    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: " + in + " line 1: entities[0].label 'drug' is not one of condition\n", r.err());
  }

  @Test
  void missingDatasetFailsWithoutStackTraceUnlessVerbose() {
    // given / when
    Result quiet = ncer("datasets", "stats", "--data-dir", tmp.toString(), "--dataset", "ncbi");
    Result verbose =
        ncer("--verbose", "datasets", "stats", "--data-dir", tmp.toString(), "--dataset", "ncbi");

    // then
    assertEquals(2, quiet.code());
    assertEquals(1, quiet.err().lines().count(), quiet.err());
    assertTrue(quiet.err().startsWith("ncer: dataset 'ncbi' not found: "), quiet.err());
    assertTrue(quiet.err().contains("NCER_DATA_DIR"), quiet.err());
    assertTrue(quiet.err().contains("ncer datasets pull --dataset ncbi"), quiet.err());
    assertEquals(2, verbose.code());
    assertTrue(verbose.err().contains("\tat org.ncer.dataset.Datasets"), verbose.err());
  }

  /** {@code ncer datasets pull --dataset ncbi} into the temporary folder from {@code server}. */
  private Result pullNcbi(WireMockServer server) {
    return ncer(
        "datasets",
        "pull",
        "--data-dir",
        tmp.toString(),
        "--dataset",
        "ncbi",
        "--mirror",
        server.baseUrl() + "/m");
  }

  @Test
  void pullFetchesFromAMirrorAndReportsEachFile() throws IOException {
    // given: a mirror serving the real NCBI files
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    try {
      DatasetSpec ncbi = DatasetSpec.of("ncbi");
      for (DatasetSpec.RemoteFile f : ncbi.source().files()) {
        server.stubFor(
            get(urlEqualTo("/m/ncbi/" + f.path()))
                .willReturn(
                    aResponse()
                        .withBody(
                            Files.readAllBytes(
                                ncbi.rawDir(TestData.dataDir()).resolve(f.saveAs())))));
      }

      // when
      Result r = pullNcbi(server);
      Result again = pullNcbi(server);

      // then
      assertEquals(0, r.code(), r.err());
      List<String> lines = r.err().lines().toList();
      assertEquals(
          "ncbi: fetching NCBItrainset_corpus.txt from "
              + server.baseUrl()
              + "/m/ncbi/original-data/train/NCBItrainset_corpus.txt",
          lines.get(0));
      assertEquals(
          "ncbi: NCBItrainset_corpus.txt ok (1045967 bytes, checksum verified)", lines.get(1));
      assertEquals(
          "ncbi: ready in " + tmp.resolve("ncbi-disease/raw").toAbsolutePath().normalize(),
          lines.get(8));
      assertEquals(0, again.code(), again.err());
      assertEquals(
          "ncbi: NCBItrainset_corpus.txt already present, checksum ok",
          again.err().lines().findFirst().orElseThrow());
      assertEquals(100, Datasets.load(tmp, "ncbi", "test").documents().size(), "pulled files load");
    } finally {
      server.stop();
    }
  }

  @Test
  void pullChecksumMismatchExitsTwoAndLeavesNoFile() throws IOException {
    // given: the mirror serves a corrupted training file
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    try {
      server.stubFor(
          get(urlEqualTo("/m/ncbi/original-data/train/NCBItrainset_corpus.txt"))
              .willReturn(aResponse().withBody("corrupt")));

      // when
      Result r = pullNcbi(server);

      // then
      assertEquals(2, r.code());
      String last = r.err().lines().reduce((a, b) -> b).orElseThrow();
      assertTrue(
          last.startsWith(
              "ncer: "
                  + server.baseUrl()
                  + "/m/ncbi/original-data/train/NCBItrainset_corpus.txt: SHA-256 mismatch:"
                  + " expected f311381b28a6d0f641f57f4a963bb83619c2bdec5cd9caabb1381f894d5db817,"
                  + " got "),
          last);
      try (var files = Files.walk(tmp)) {
        assertFalse(files.anyMatch(Files::isRegularFile), "no file written");
      }
    } finally {
      server.stop();
    }
  }

  /** A copy of NCBI's raw files under {@code tmp}, its test file cut after its first document. */
  private Path ncbiWithCutTestFile() throws IOException {
    Path from = TestData.dataDir().resolve("ncbi-disease/raw");
    Path to = Files.createDirectories(tmp.resolve("data/ncbi-disease/raw"));
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName().toString()));
      }
    }
    Path test = to.resolve("NCBItestset_corpus.txt");
    String text = Files.readString(test, StandardCharsets.UTF_8);
    Files.writeString(test, text.substring(0, text.indexOf("\n\n") + 2), StandardCharsets.UTF_8);
    return tmp.resolve("data");
  }

  @Test
  void verifyPassesOnTheReleaseFiles() {
    // given / when
    Result r = ncer("datasets", "verify", "--data-dir", data(), "ncbi", "bc5cdr");

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals("ncbi: verified (4 files)\nbc5cdr: verified (4 files)\n", r.out());
  }

  @Test
  void verifyListsModifiedAndMissingFilesAndExitsOne() throws IOException {
    // given: NCBI's test file cut, BC5CDR never pulled
    Path data = ncbiWithCutTestFile();
    Files.delete(data.resolve("ncbi-disease/raw/LICENSE"));

    // when
    Result r = ncer("datasets", "verify", "--data-dir", data.toString(), "ncbi", "bc5cdr");

    // then
    assertEquals(1, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        "ncbi: modified (2 of 4 files not as released; 'ncer datasets pull --dataset ncbi'"
            + " restores them)",
        lines.get(0));
    assertTrue(
        lines.get(1).startsWith("  ncbi-disease/raw/NCBItestset_corpus.txt: SHA-256 is "),
        lines.get(1));
    assertEquals("  ncbi-disease/raw/LICENSE: missing", lines.get(2));
    assertEquals(
        "bc5cdr: missing (no file is there; run 'ncer datasets pull --dataset bc5cdr')",
        lines.get(3));
  }

  @Test
  void listShowsAModifiedDataset() throws IOException {
    // given
    Path data = ncbiWithCutTestFile();

    // when
    Result r = ncer("datasets", "list", "--data-dir", data.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().contains("train dev test    modified (1 file): ncer datasets verify ncbi"),
        r.out());
  }

  @Test
  void statsRefusesAModifiedFileUnlessAllowedAndThenSaysSo() throws IOException {
    // given
    Path data = ncbiWithCutTestFile();

    // when
    Result refused = ncer("datasets", "stats", "--data-dir", data.toString(), "--dataset", "ncbi");
    Result allowed =
        ncer(
            "datasets",
            "stats",
            "--data-dir",
            data.toString(),
            "--dataset",
            "ncbi",
            "--allow-modified-data");

    // then
    assertEquals(2, refused.code());
    assertTrue(
        refused
            .err()
            .startsWith(
                "ncer: dataset 'ncbi' test: ncbi-disease/raw/NCBItestset_corpus.txt is modified"),
        refused.err());
    assertTrue(refused.err().contains("--allow-modified-data"), refused.err());
    assertEquals(0, allowed.code(), allowed.err());
    assertTrue(
        allowed
            .out()
            .contains(
                "Note: not comparable: 1 original file differs from the release ncer pins"
                    + " (ncbi-disease/raw/NCBItestset_corpus.txt); loaded with"
                    + " --allow-modified-data"),
        allowed.out());
  }
}
