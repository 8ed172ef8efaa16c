package org.ncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  @TempDir Path tmp;

  private static List<JsonNode> nodes(String... json) throws IOException {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String j : json) {
      out.add(Json.mapper().readTree(j));
    }
    return out;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static List<String> leftovers(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
    }
  }

  @Test
  void newFileGetsTheUmaskPermissionsNotOwnerOnly() throws IOException {
    // given: a file created the ordinary way shows what the umask allows
    Path reference = Files.createFile(tmp.resolve("reference"));
    Path out = tmp.resolve("out.jsonl");
    // when
    Json.writeLines(out, nodes("{\"a\":1}"));
    // then
    assertEquals("{\"a\":1}\n", read(out));
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(out));
    assertEquals(List.of(), leftovers(tmp));
  }

  @Test
  void replacedFileKeepsItsPermissions() throws IOException {
    // given
    Path out = Files.writeString(tmp.resolve("out.json"), "old", StandardCharsets.UTF_8);
    Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(out, mode);
    // when
    Json.writePretty(out, Json.mapper().readTree("{\"a\":1}"));
    // then
    assertEquals("{\n  \"a\" : 1\n}\n", read(out));
    assertEquals(mode, Files.getPosixFilePermissions(out));
  }

  @Test
  void symbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
    // given: a link, through a second link, to a file in another folder
    Path real = Files.writeString(tmp.resolve("real.jsonl"), "old\n", StandardCharsets.UTF_8);
    Path dir = Files.createDirectory(tmp.resolve("links"));
    Path middle = Files.createSymbolicLink(dir.resolve("middle"), real);
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), Path.of("middle"));
    // when
    Json.writeLines(link, nodes("[1]"));
    // then
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.isSymbolicLink(middle));
    assertEquals("[1]\n", read(real));
    assertEquals(List.of(), leftovers(dir));
    assertEquals(List.of(), leftovers(tmp));
  }

  @Test
  void danglingLinkCreatesItsTarget() throws IOException {
    // given
    Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("target.jsonl"));
    // when
    Json.writeLines(link, nodes("2"));
    // then
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("2\n", read(tmp.resolve("target.jsonl")));
  }

  @Test
  void deviceIsWrittenDirectlyNotReplaced() throws IOException {
    // given: a link to /dev/null, so that a wrong rename could only replace the link
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
    Path link = Files.createSymbolicLink(tmp.resolve("null"), devNull);
    // when
    Json.writeLines(link, nodes("{\"a\":1}"));
    // then
    assertTrue(Files.isSymbolicLink(link));
    assertFalse(Files.isRegularFile(devNull));
    assertEquals(List.of(), leftovers(tmp));
    assertEquals(List.of(), leftovers(Path.of("/dev")));
  }

  @Test
  void fullDeviceGivesTheOperatingSystemsReason() {
    // given: writes to /dev/full fail with ENOSPC
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full) && !Files.isRegularFile(full));
    // when
    NcerException e = assertThrows(NcerException.class, () -> Json.writeLines(full, nodes("1")));
    // then
    assertEquals("could not write /dev/full: No space left on device", e.getMessage());
  }

  @Test
  void namedPipeIsWrittenDirectly() throws Exception {
    // given
    Path fifo = tmp.resolve("pipe");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available");
      return;
    }
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
    CompletableFuture<String> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "read failed: " + e.getMessage();
              }
            });
    // when
    Json.writeLines(fifo, nodes("[1]", "[2]"));
    // then
    assertEquals("[1]\n[2]\n", reader.get(10, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(fifo));
    assertTrue(Files.exists(fifo));
  }

  @Test
  void folderIsRefused() {
    // when
    NcerException e = assertThrows(NcerException.class, () -> Json.writeLines(tmp, nodes("1")));
    // then
    assertEquals("could not write " + tmp + ": it is a folder", e.getMessage());
  }

  @Test
  void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    // given
    Path out = Files.writeString(tmp.resolve("out.jsonl"), "old\n", StandardCharsets.UTF_8);
    // when
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                Json.writeTo(
                    out,
                    w -> {
                      w.write("half");
                      throw new IOException("No space left on device");
                    }));
    // then
    assertEquals("could not write " + out + ": No space left on device", e.getMessage());
    assertEquals("old\n", read(out));
    assertEquals(List.of(), leftovers(tmp));
  }

  @Test
  void unwritableFolderGivesTheOperatingSystemsReason() throws IOException {
    // given: a folder without write permission (root may write anyway)
    Path dir = Files.createDirectory(tmp.resolve("locked"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    assumeFalse(Files.isWritable(dir));
    // when
    NcerException e =
        assertThrows(
            NcerException.class, () -> Json.writeLines(dir.resolve("out.jsonl"), nodes("1")));
    // then
    assertTrue(e.getMessage().endsWith(": Permission denied"), e.getMessage());
  }

  private static void assumeFalse(boolean b) {
    assumeTrue(!b, "the test runs with permission to write anywhere");
  }

  @Test
  void readLinesAcceptsAByteOrderMark() throws IOException {
    // given
    Path in = tmp.resolve("in.jsonl");
    Files.write(in, ("\uFEFF{\"a\":1}\n\n{\"a\":2}\r\n").getBytes(StandardCharsets.UTF_8));
    // when
    List<Integer> values = Json.readLines(in, (node, line) -> node.get("a").asInt());
    // then
    assertEquals(List.of(1, 2), values);
  }

  @Test
  void invalidUtf8NamesTheLineAndTheByte() throws IOException {
    // given: 0xFF is never UTF-8; it is byte 17 of the file, on line 2
    Path in = tmp.resolve("in.jsonl");
    byte[] head = "{\"a\":\"\u00e9\"}\n{\"a\":\"".getBytes(StandardCharsets.UTF_8);
    assertEquals(17, head.length);
    byte[] bytes = new byte[head.length + 3];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[17] = (byte) 0xFF;
    bytes[18] = '"';
    bytes[19] = '}';
    Files.write(in, bytes);
    // when
    NcerException e =
        assertThrows(NcerException.class, () -> Json.readLines(in, (node, line) -> node));
    // then
    assertEquals(in + " line 2: invalid UTF-8 at byte 17", e.getMessage());
  }

  @Test
  void readingAFolderIsAnInputError() {
    // when
    NcerException e =
        assertThrows(NcerException.class, () -> Json.readLines(tmp, (node, line) -> node));
    // then
    assertEquals("could not read " + tmp + ": it is a folder, not a file", e.getMessage());
  }

  @Test
  void syntaxErrorsAreDescribedWithoutParserNames() throws IOException {
    // given: each line breaks JSON in another way, with the words expected in the message
    String[][] cases = {
      {"{\"a\":1} {\"b\":2}", "more than one JSON value on the line"},
      {"{\"a\":", "the line ends before the JSON value does"},
      {"{\"a\": NaN}", "NaN and Infinity are not JSON numbers"},
      {"{\"a\": 1} // note", "comments are not allowed"},
      {"{'a': 1}", "double quotes"},
      {"[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1), "deeper than 100 levels"},
      {"{\"a\": " + "1".repeat(Json.MAX_NUMBER_CHARS + 1) + "}", "longer than 1000 characters"},
      {"{\"a\": tru}", "Unrecognized token"},
    };
    for (String[] c : cases) {
      Path in = Files.writeString(tmp.resolve("bad.jsonl"), "\n" + c[0] + "\n");
      // when
      NcerException e =
          assertThrows(NcerException.class, () -> Json.readLines(in, (node, line) -> node));
      // then
      String m = e.getMessage();
      assertTrue(m.startsWith(in + " line 2: not valid JSON"), m);
      assertTrue(m.contains(c[1]), m);
      for (String word :
          List.of("Feature", "FAIL_ON", "StreamReadConstraints", "Source:", "`", "com.")) {
        assertFalse(m.contains(word), m);
      }
    }
  }
}
