package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;

class JournalTest {
  @TempDir Path tmp;

  private static JournalEntry answered(String doc) {
    return new JournalEntry(
        new CallKey("ncbi", doc, "condition", "disease", 40),
        "a".repeat(64),
        "[\"fever\"]\n",
        null,
        "length",
        120,
        8,
        350,
        2,
        1,
        false);
  }

  private static JournalEntry failed(String doc) {
    return JournalEntry.failed(
        new CallKey("ncbi", doc, null, null, 0),
        "b".repeat(64),
        new JournalEntry.Failure("server", 503, "HTTP 503: overloaded"));
  }

  @Test
  void entriesAreReadBackAsWritten() {
    // given
    Path file = tmp.resolve("journal.jsonl");

    // when
    try (Journal j = Journal.open(file)) {
      j.append(answered("1"), true);
      j.append(failed("2"), false);
    }

    // then
    List<JournalEntry> read = Journal.read(file);
    assertEquals(List.of(answered("1"), failed("2")), read);
    assertTrue(read.get(0).truncated());
  }

  @Test
  void aLastLineCutShortIsIgnoredAndCutOffBeforeAppending() throws IOException {
    // given: a complete line, then half of one
    Path file = tmp.resolve("journal.jsonl");
    try (Journal j = Journal.open(file)) {
      j.append(answered("1"), true);
      j.append(answered("2"), true);
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int firstEnd = text.indexOf('\n') + 1;
    Files.writeString(file, text.substring(0, firstEnd + 30), StandardCharsets.UTF_8);

    // when
    List<JournalEntry> before = Journal.read(file);
    try (Journal j = Journal.open(file)) {
      j.append(failed("3"), true);
    }

    // then
    assertEquals(List.of(answered("1")), before);
    assertEquals(List.of(answered("1"), failed("3")), Journal.read(file));
  }

  @Test
  void aDamagedLineInTheMiddleNamesTheFileAndLine() throws IOException {
    // given
    Path file = tmp.resolve("journal.jsonl");
    Files.writeString(file, "{not json\n{}\n", StandardCharsets.UTF_8);

    // when
    NcerException e = assertThrows(NcerException.class, () -> Journal.read(file));

    // then
    assertTrue(
        e.getMessage().contains("journal.jsonl") && e.getMessage().contains("1"), e.getMessage());
  }
}
