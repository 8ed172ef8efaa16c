package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.prompt.Chunker.Chunk;

class ChunkerTest {

  private static List<String> pieces(String text, int budget) {
    return Chunker.split(text, budget).stream().map(Chunk::text).toList();
  }

  @Test
  void textThatFitsStaysWhole() {
    // given
    String text = "Fever. Cough.";

    // when
    List<Chunk> chunks = Chunker.split(text, 13);

    // then
    assertEquals(List.of(new Chunk(0, "Fever. Cough.")), chunks);
  }

  @Test
  void cutsAfterTheLastSentenceThatFits() {
    // given: the budget reaches into the third sentence
    String text = "Fever began. Cough followed. Then a rash.";

    // when / then: whitespace stays with the piece before the cut
    assertEquals(List.of("Fever began. Cough followed. ", "Then a rash."), pieces(text, 33));
  }

  @Test
  void sentenceEndMayBeClosedByAQuoteOrBracket() {
    // given
    String text = "He said \"stop.\" She agreed (twice.) Done.";

    // when / then
    assertEquals(List.of("He said \"stop.\" ", "She agreed (twice.) ", "Done."), pieces(text, 22));
  }

  @Test
  void fallsBackToLineBreaksWhenNoSentenceEnds() {
    // given: criteria lists end lines without periods
    String text = "- diabetes mellitus\n- prior stroke\n- pregnancy";

    // when / then
    assertEquals(List.of("- diabetes mellitus\n", "- prior stroke\n- pregnancy"), pieces(text, 30));
  }

  @Test
  void fallsBackToSpacesWhenNoLineBreakFits() {
    // given
    String text = "chronic obstructive pulmonary disease";

    // when / then
    assertEquals(List.of("chronic ", "obstructive ", "pulmonary ", "disease"), pieces(text, 15));
  }

  @Test
  void cutsHardInsideAWordLongerThanTheBudget() {
    // given
    String text = "hepatosplenomegaly";

    // when / then
    assertEquals(List.of("hepato", "spleno", "megaly"), pieces(text, 6));
  }

  @Test
  void hardCutNeverSplitsASurrogatePair() {
    // given: U+1F600 takes two UTF-16 units at offsets 2 and 3
    String text = "ab\uD83D\uDE00cd";

    // when
    List<String> pieces = pieces(text, 3);

    // then
    assertEquals(List.of("ab", "\uD83D\uDE00c", "d"), pieces);
  }

  @Test
  void piecesCoverTheTextAndKnowTheirOffsets() {
    // given
    String text =
        "Aspirin relieved the headache.  BRCA1 was mutated.\nNo relapse was seen in 2019.";

    // when
    List<Chunk> chunks = Chunker.split(text, 20);

    // then
    StringBuilder joined = new StringBuilder();
    for (Chunk c : chunks) {
      assertEquals(joined.length(), c.start());
      assertTrue(c.text().length() <= 20, c.text());
      joined.append(c.text());
    }
    assertEquals(text, joined.toString());
  }

  @Test
  void emptyTextGivesOneEmptyPiece() {
    assertEquals(List.of(new Chunk(0, "")), Chunker.split("", 5));
  }

  @Test
  void budgetBelowOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Chunker.split("text", 0));
  }
}
