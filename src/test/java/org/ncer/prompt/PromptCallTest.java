package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.span.Mention;
import org.ncer.span.Span;

class PromptCallTest {
  private static final String NOTE = "Fever began. Aspirin helped.";

  // The second chunk of NOTE, as the chunker cuts it.
  private static final PromptCall SECOND_CHUNK =
      new PromptCall(
          null, null, List.of(Message.user("Text: Aspirin helped.")), 13, "Aspirin helped.");

  @Test
  void spanInAChunkShiftsToTheSameCharactersOfTheNote() {
    // given: "Aspirin" is [0..7) of the chunk
    Span inChunk = Span.of(0, 7);

    // when
    Span inNote = SECOND_CHUNK.toDocument(inChunk);

    // then
    assertEquals(Span.of(13, 20), inNote);
    assertEquals("Aspirin", inNote.of(NOTE));
  }

  @Test
  void mentionKeepsItsLabelWhenShifted() {
    assertEquals(Mention.of(21, 27, "drug"), SECOND_CHUNK.toDocument(Mention.of(8, 14, "drug")));
  }

  @Test
  void spanPastTheChunkIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> SECOND_CHUNK.toDocument(Span.of(10, 16)));
  }

  @Test
  void promptCharsCountsEveryMessage() {
    // given
    PromptCall call =
        new PromptCall(
            "condition", "disease", List.of(Message.system("abc"), Message.user("defgh")), 0, "x");

    // then
    assertEquals(8, call.promptChars());
  }

  @Test
  void labelWithoutQueryIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new PromptCall("condition", null, List.of(Message.user("x")), 0, "x"));
  }

  @Test
  void unknownRoleIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Message("tool", "x"));
  }
}
