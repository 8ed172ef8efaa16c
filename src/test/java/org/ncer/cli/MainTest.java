package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ncer.cli.Cli.ncer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ncer.NcerException;
import org.ncer.cli.Cli.Result;

class MainTest {
  @Test
  void versionNamesTheVersionAndTheCommit() {
    // when
    Result r = ncer("--version");

    // then
    assertEquals(0, r.code());
    assertTrue(r.out().matches("ncer \\S+ \\(commit \\S+\\)\\n"), r.out());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "datasets",
        "datasets list",
        "datasets stats",
        "datasets export",
        "datasets pull",
        "score",
        "ground",
        "prompts",
        "prompts list",
        "prompts render",
        "bench",
        "bench score",
        "bench ground"
      })
  void everyCommandExplainsItselfWithHelp(String command) {
    // when
    Result r = ncer((command + " --help").split(" "));

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Usage: ncer " + command), r.out());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    // when
    Result r = ncer("evaluate");

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("ncer: Unmatched argument at index 0: 'evaluate'"), r.err());
  }

  private static String reported(Exception e, int expectedCode) {
    StringWriter text = new StringWriter();
    int code = Main.report(e, new PrintWriter(text, true), false);
    assertEquals(expectedCode, code, text.toString());
    return text.toString();
  }

  @Test
  void inputErrorIsOneLineWithCode2() {
    // when
    String text = reported(new NcerException("notes.jsonl line 3: field 'id' is missing"), 2);
    // then
    assertEquals("ncer: notes.jsonl line 3: field 'id' is missing\n", text);
  }

  @Test
  void failedReadOrWriteIsAnEnvironmentErrorWithTheOperatingSystemsReason() {
    // when
    String denied =
        reported(
            new UncheckedIOException(
                "could not read notes.jsonl", new AccessDeniedException("notes.jsonl")),
            2);
    String full = reported(new IOException("No space left on device"), 2);
    // then
    assertEquals("ncer: could not read notes.jsonl: Permission denied\n", denied);
    assertEquals("ncer: No space left on device\n", full);
  }

  @Test
  void anythingElseIsAnInternalErrorWithCode3AndNoClassName() {
    // when
    String text = reported(new IllegalStateException("index 4 out of range"), 3);
    // then
    assertEquals(
        "ncer: internal error (a bug in ncer): index 4 out of range\n"
            + "Run again with --verbose for the stack trace.\n",
        text);
  }

  @Test
  void fullOutputExitsWith2AndSaysWhy() throws IOException {
    // given
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full) && !Files.isRegularFile(full));
    Path in = Files.createTempFile("answers", ".jsonl");
    try {
      Files.writeString(in, "{\"id\": \"d\", \"text\": \"fever\", \"response\": \"fever\"}\n");
      // when
      Result r = ncer("ground", "--input", in.toString(), "--out", full.toString());
      // then
      assertEquals(2, r.code(), r.err());
      assertEquals("ncer: could not write /dev/full: No space left on device\n", r.err());
    } finally {
      Files.delete(in);
    }
  }
}
