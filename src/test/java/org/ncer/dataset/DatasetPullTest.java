package org.ncer.dataset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;
import org.ncer.TestData;

class DatasetPullTest {
  // sha256sum of "alpha\n"
  private static final String ALPHA_SHA =
      "b6a98d9ce9a2d9149288fa3df42d377c3e42737afdcdaf714e33c0a100b51060";
  // `ls | LC_ALL=C sort | xargs sha256sum | sha256sum` over one.ann ("T1\tCondition 0 3\tone\n")
  // and one.txt ("one\n")
  private static final String DOCS_CONTENT_SHA =
      "4759bd4be68feece6f13ef0bba8e743620f43c5f04375d452e90d49e3bb16ef3";

  private static final String DEMO =
      """
      key: demo
      folder: demo
      format: brat
      labels: [condition]
      label_map: {Condition: condition}
      documents: docs
      trial_split: {train: 80, dev: 10, test: 10}
      leaderboard: {comparable: true}
      source:
        base_url: https://unused.example/
        files:
          - path: v1/a.txt
            save_as: a.txt
            sha256: %s
          - path: v1/docs.zip
            unpack:
              into: docs
              include: ["*.txt", "*.ann"]
              content_sha256: %s
      """;

  private final WireMockServer server = new WireMockServer(options().dynamicPort());
  private final List<String> events = new ArrayList<>();

  @TempDir Path dataDir;

  @BeforeEach
  void start() {
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private String mirror() {
    return server.baseUrl() + "/mirror";
  }

  private DatasetPull puller(Duration response, Duration idle) {
    return new DatasetPull(
        new DatasetPull.Timeouts(Duration.ofSeconds(5), response, idle),
        new DatasetPull.Listener() {
          @Override
          public void fetching(String dataset, String name, URI url) {
            events.add("fetch " + dataset + " " + name + " " + url.getPath());
          }

          @Override
          public void done(String dataset, String name, long bytes) {
            events.add("done " + dataset + " " + name + " " + bytes);
          }
        });
  }

  private DatasetPull puller() {
    return puller(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  private static DatasetSpec demo(String fileSha, String contentSha) {
    return DatasetSpec.parse(DEMO.formatted(fileSha, contentSha), "demo.yaml");
  }

  private static DatasetSpec demo() {
    return demo(ALPHA_SHA, DOCS_CONTENT_SHA);
  }

  private static byte[] zip(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The archive as uploaded: a top folder, brat UI files and macOS metadata besides the data. */
  private static byte[] docsZip() {
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    entries.put("docs/", "");
    entries.put("docs/one.txt", "one\n");
    entries.put("docs/one.ann", "T1\tCondition 0 3\tone\n");
    entries.put("docs/visual.conf", "[labels]\n");
    entries.put("__MACOSX/docs/._one.txt", "junk");
    return zip(entries);
  }

  private void serve(String path, byte[] body) {
    server.stubFor(get(urlEqualTo("/mirror/demo/" + path)).willReturn(aResponse().withBody(body)));
  }

  private void serveDemo() {
    serve("v1/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    serve("v1/docs.zip", docsZip());
  }

  /** Every path under the data folder, relative, sorted. */
  private List<String> tree() throws IOException {
    try (Stream<Path> all = Files.walk(dataDir)) {
      return all.filter(p -> !p.equals(dataDir))
          .map(p -> dataDir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Test
  void pullsVerifiesAndUnpacksIntoRaw() throws IOException {
    // given
    serveDemo();

    // when
    puller().pull(demo(), dataDir, mirror(), false);

    // then: only the included archive members, flat; no staging folder left
    assertEquals(
        List.of(
            "demo",
            "demo/raw",
            "demo/raw/a.txt",
            "demo/raw/docs",
            "demo/raw/docs/one.ann",
            "demo/raw/docs/one.txt"),
        tree());
    assertEquals("alpha\n", Files.readString(dataDir.resolve("demo/raw/a.txt")));
    assertEquals(
        List.of(
            "fetch demo a.txt /mirror/demo/v1/a.txt",
            "done demo a.txt 6",
            "fetch demo docs.zip /mirror/demo/v1/docs.zip",
            "done demo docs/ " + docsZip().length),
        events);
  }

  @Test
  void intactFilesAreNotFetchedAgain() {
    // given
    serveDemo();
    puller().pull(demo(), dataDir, mirror(), false);
    events.clear();

    // when
    puller().pull(demo(), dataDir, mirror(), false);

    // then
    server.verify(1, getRequestedFor(urlEqualTo("/mirror/demo/v1/a.txt")));
    server.verify(1, getRequestedFor(urlEqualTo("/mirror/demo/v1/docs.zip")));
    assertEquals(List.of("done demo a.txt -1", "done demo docs/ -1"), events);
  }

  @Test
  void forceFetchesIntactFilesAgain() {
    // given
    serveDemo();
    puller().pull(demo(), dataDir, mirror(), false);

    // when
    puller().pull(demo(), dataDir, mirror(), true);

    // then
    server.verify(2, getRequestedFor(urlEqualTo("/mirror/demo/v1/a.txt")));
    server.verify(2, getRequestedFor(urlEqualTo("/mirror/demo/v1/docs.zip")));
  }

  @Test
  void checksumMismatchNamesUrlAndSumsAndWritesNothing() throws IOException {
    // given: the server sends "alpha!\n"
    serve("v1/a.txt", "alpha!\n".getBytes(StandardCharsets.UTF_8));
    serve("v1/docs.zip", docsZip());

    // when
    NcerException e =
        assertThrows(NcerException.class, () -> puller().pull(demo(), dataDir, mirror(), false));

    // then
    assertEquals(
        mirror()
            + "/demo/v1/a.txt: SHA-256 mismatch: expected "
            + ALPHA_SHA
            + ", got "
            + Checksums.hex(Checksums.sha256().digest("alpha!\n".getBytes(StandardCharsets.UTF_8)))
            + "; nothing was written",
        e.getMessage());
    assertEquals(List.of("demo"), tree());
  }

  @Test
  void failedFirstPullLeavesNoRawFolder() {
    // given: a.txt is verified, then the archive's content does not match
    serve("v1/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    serve("v1/docs.zip", docsZip());
    DatasetSpec spec = demo(ALPHA_SHA, "0".repeat(64));

    // when
    assertThrows(NcerException.class, () -> puller().pull(spec, dataDir, mirror(), false));

    // then: a later pull or load still sees the dataset as never pulled
    assertFalse(Files.exists(spec.rawDir(dataDir)), "raw/ was created");
    assertEquals(List.of(), spec.presentSplits(dataDir));
  }

  @Test
  void archiveContentMismatchWritesNothing() throws IOException {
    // given: the descriptor expects other content
    serveDemo();
    DatasetSpec spec = demo(ALPHA_SHA, "0".repeat(64));

    // when
    NcerException e =
        assertThrows(NcerException.class, () -> puller().pull(spec, dataDir, mirror(), false));

    // then: a.txt was verified but is not moved in either, since the dataset is incomplete
    assertTrue(
        e.getMessage()
            .startsWith(
                mirror()
                    + "/demo/v1/docs.zip: content SHA-256 (of the files kept from the archive)"
                    + " mismatch: expected "
                    + "0".repeat(64)
                    + ", got "
                    + DOCS_CONTENT_SHA),
        e.getMessage());
    assertEquals(List.of("demo"), tree());
  }

  @Test
  void connectionDroppedMidBodyWritesNothing() throws IOException {
    // given
    serve("v1/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    server.stubFor(
        get(urlEqualTo("/mirror/demo/v1/docs.zip"))
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    // when
    NcerException e =
        assertThrows(NcerException.class, () -> puller().pull(demo(), dataDir, mirror(), false));

    // then
    assertTrue(
        e.getMessage().startsWith(mirror() + "/demo/v1/docs.zip: download failed after "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; nothing was written"), e.getMessage());
    assertEquals(List.of("demo"), tree());
  }

  @Test
  void failedReplacementKeepsTheOldFile() throws IOException {
    // given: an intact a.txt is present, then a forced pull gets a dropped connection
    serveDemo();
    puller().pull(demo(), dataDir, mirror(), false);
    server.stubFor(
        get(urlEqualTo("/mirror/demo/v1/a.txt"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    // when
    assertThrows(NcerException.class, () -> puller().pull(demo(), dataDir, mirror(), true));

    // then
    assertEquals("alpha\n", Files.readString(dataDir.resolve("demo/raw/a.txt")));
    assertEquals(6, tree().size());
  }

  @Test
  void httpErrorIsNamed() throws IOException {
    // given
    server.stubFor(
        get(urlEqualTo("/mirror/demo/v1/a.txt")).willReturn(aResponse().withStatus(404)));

    // when
    NcerException e =
        assertThrows(NcerException.class, () -> puller().pull(demo(), dataDir, mirror(), false));

    // then
    assertEquals(
        mirror() + "/demo/v1/a.txt: HTTP 404 instead of the file; nothing was written",
        e.getMessage());
    assertEquals(List.of("demo"), tree());
  }

  @Test
  void stalledBodyFailsAfterTheIdleTimeout() throws IOException {
    // given: the body arrives in three chunks a second apart; the idle limit is 300 ms
    server.stubFor(
        get(urlEqualTo("/mirror/demo/v1/a.txt"))
            .willReturn(aResponse().withBody("alpha\n").withChunkedDribbleDelay(3, 3000)));

    // when
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                puller(Duration.ofSeconds(5), Duration.ofMillis(300))
                    .pull(demo(), dataDir, mirror(), false));

    // then
    assertTrue(e.getMessage().contains("(no data for 300 ms)"), e.getMessage());
    assertFalse(Thread.currentThread().isInterrupted());
    assertEquals(List.of("demo"), tree());
  }

  @Test
  void slowResponseFailsAfterTheResponseTimeout() throws IOException {
    // given: the headers come after a second; the limit is 300 ms
    server.stubFor(
        get(urlEqualTo("/mirror/demo/v1/a.txt"))
            .willReturn(aResponse().withBody("alpha\n").withFixedDelay(1000)));

    // when
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                puller(Duration.ofMillis(300), Duration.ofSeconds(5))
                    .pull(demo(), dataDir, mirror(), false));

    // then
    assertTrue(
        e.getMessage().startsWith(mirror() + "/demo/v1/a.txt: download failed after 0 bytes ("),
        e.getMessage());
    assertEquals(List.of("demo"), tree());
  }

  @Test
  void unzipStopsAMemberOnceItPassesTheLimit(@TempDir Path work) throws IOException {
    // given: a 1,000-byte member, then a 100,000-byte one; the limit is 1,000 bytes
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    entries.put("docs/small.txt", "s".repeat(1000));
    entries.put("docs/big.txt", "b".repeat(100_000));
    Path archive = work.resolve("big.zip");
    Files.write(archive, zip(entries));
    Path out = Files.createDirectory(work.resolve("out"));
    URI url = URI.create("https://unused.example/big.zip");

    // when
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                DatasetPull.unzip(
                    url, archive, out, Checksums.nameMatcher(List.of("*.txt")), 1000));

    // then: a member at the limit is fine; the big one is cut off, not written whole first
    assertEquals(url + ": archive member docs/big.txt is larger than 1000 bytes", e.getMessage());
    assertEquals(1000, Files.size(out.resolve("small.txt")));
    assertTrue(Files.size(out.resolve("big.txt")) <= 1000, "bytes written past the limit");
  }

  @Test
  void mirrorAddressesFilesByDatasetKey() {
    // given
    DatasetSpec ncbi = DatasetSpec.of("ncbi");
    DatasetSpec.RemoteFile test = ncbi.source().files().get(2);

    // when / then
    assertEquals(
        URI.create(
            "https://raw.githubusercontent.com/spyysalo/ncbi-disease/"
                + "5a266c6fc76fb2b5184cfa397ff0a5ecdb133aec/original-data/test/NCBItestset_corpus.txt"),
        DatasetPull.url(ncbi, test, null));
    assertEquals(
        URI.create("http://localhost:9/m/ncbi/original-data/test/NCBItestset_corpus.txt"),
        DatasetPull.url(ncbi, test, "http://localhost:9/m"));
  }

  /** Serves the shared original files as the mirror and pulls all four datasets. */
  @Test
  void shippedChecksumsMatchTheRealFiles() throws IOException {
    // given
    Path shared = TestData.dataDir();
    for (String key : Datasets.names()) {
      DatasetSpec spec = DatasetSpec.of(key);
      for (DatasetSpec.RemoteFile f : spec.source().files()) {
        byte[] body =
            f.unpack() == null
                ? Files.readAllBytes(spec.rawDir(shared).resolve(f.saveAs()))
                : zipFolder(spec.rawDir(shared).resolve(f.unpack().into()));
        server.stubFor(
            get(urlEqualTo("/mirror/" + key + "/" + f.path()))
                .willReturn(aResponse().withBody(body)));
      }
    }

    // when
    for (String key : Datasets.names()) {
      puller().pull(DatasetSpec.of(key), dataDir, mirror(), false);
    }

    // then: every file arrived byte for byte, and the test splits load alike
    for (String key : Datasets.names()) {
      DatasetSpec spec = DatasetSpec.of(key);
      for (DatasetSpec.RemoteFile f : spec.source().files()) {
        if (f.unpack() == null) {
          assertArrayEquals(
              Files.readAllBytes(spec.rawDir(shared).resolve(f.saveAs())),
              Files.readAllBytes(spec.rawDir(dataDir).resolve(f.saveAs())),
              key + " " + f.saveAs());
        }
      }
      Dataset original = Datasets.load(shared, key, "test");
      Dataset pulled = Datasets.load(dataDir, key, "test");
      assertEquals(original.documents(), pulled.documents(), key);
    }
  }

  /** Zips a folder as the uploader did: under its own name, with a file the include skips. */
  private static byte[] zipFolder(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
        Stream<Path> files = Files.list(dir)) {
      String top = dir.getFileName() + "/";
      for (Path p : files.sorted().toList()) {
        zip.putNextEntry(new ZipEntry(top + p.getFileName()));
        zip.write(Files.readAllBytes(p));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(top + "visual.conf"));
      zip.write("[labels]\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
