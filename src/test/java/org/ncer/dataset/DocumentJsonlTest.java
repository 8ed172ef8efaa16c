package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;
import org.ncer.span.Mention;

class DocumentJsonlTest {
  @TempDir Path dir;

  private List<Document> read(String content) throws IOException {
    Path file = dir.resolve("docs.jsonl");
    Files.writeString(file, content);
    return DocumentJsonl.read(file, null);
  }

  @Test
  void readTurnsCodePointOffsetsIntoStringIndices() throws IOException {
    // given: the emoji is one code point and two chars, so "fever" is 2..7 in the file, [3..8) here
    String content =
        """
        {"id": "a", "text": "\uD83D\uDE00 fever", "entities": [{"start": 2, "end": 7, "label": "condition", "text": "fever"}]}
        {"id": "b", "text": "plain fever", "entities": [{"start": 6, "end": 11, "label": "condition"}]}
        """;

    // when
    List<Document> docs = read(content);

    // then
    assertEquals(List.of(Mention.of(3, 8, "condition")), docs.get(0).mentions());
    assertEquals(List.of(Mention.of(6, 11, "condition")), docs.get(1).mentions());
  }

  @Test
  void writeTurnsStringIndicesIntoCodePointOffsets() throws IOException {
    // given
    Document emoji =
        new Document("a", "\uD83D\uDE00 fever", List.of(Mention.of(3, 8, "condition")));
    Document plain = new Document("b", "plain fever", List.of(Mention.of(6, 11, "condition")));

    // when
    String emojiLine = DocumentJsonl.line(emoji);
    String plainLine = DocumentJsonl.line(plain);

    // then
    assertEquals(
        "{\"id\":\"a\",\"text\":\"\uD83D\uDE00 fever\",\"entities\":[{\"start\":2,\"end\":7,"
            + "\"label\":\"condition\",\"text\":\"fever\"}]}",
        emojiLine);
    assertEquals(
        "{\"id\":\"b\",\"text\":\"plain fever\",\"entities\":[{\"start\":6,\"end\":11,"
            + "\"label\":\"condition\",\"text\":\"fever\"}]}",
        plainLine);
  }

  @Test
  void writtenDocumentsReadBackUnchanged() {
    // given
    List<Document> docs =
        List.of(
            new Document(
                "a",
                "\uD83D\uDE00 fever and \uD835\uDC00 rash",
                List.of(Mention.of(3, 8, "condition"), Mention.of(16, 20, "condition"))),
            new Document("b", "plain fever", List.of(Mention.of(6, 11, "condition"))));
    Path file = dir.resolve("out.jsonl");

    // when
    DocumentJsonl.write(file, docs);

    // then
    assertEquals(docs, DocumentJsonl.read(file, List.of("condition")));
  }

  @Test
  void aSpanPastTheEndCountsTheTextInCodePoints() {
    // given: 7 code points, 8 chars
    String content =
        """
        {"id": "a", "text": "\uD83D\uDE00 fever", "entities": [{"start": 0, "end": 8, "label": "condition"}]}
        """;

    // when
    NcerException e = assertThrows(NcerException.class, () -> read(content));

    // then
    assertEquals(
        dir.resolve("docs.jsonl")
            + " line 1: entities[0]: span 0..8 is outside the text, which has 7 characters",
        e.getMessage());
  }

  @Test
  void aCoveredTextThatDiffersNamesBoth() {
    // given
    String content =
        """
        {"id": "a", "text": "\uD83D\uDE00 fever", "entities": [{"start": 1, "end": 7, "label": "condition", "text": "fever"}]}
        """;

    // when
    NcerException e = assertThrows(NcerException.class, () -> read(content));

    // then
    assertEquals(
        dir.resolve("docs.jsonl")
            + " line 1: entities[0].text \"fever\" differs from the text at 1..7: \" fever\"",
        e.getMessage());
  }
}
