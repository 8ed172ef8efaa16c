package org.ncer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.align.Answer;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Document;
import org.ncer.prompt.Markup;
import org.ncer.prompt.OutputFormat;
import org.ncer.span.Mention;

class EvalSetTest {
  // "Fever" and "aspirin" are gold; "heart failure" holds the nested "failure".
  private static final Document NOTE =
      new Document(
          "d1",
          "Fever after aspirin. Then heart failure. The fever of the patient had gone away by then."
              + " No other event was seen at all.",
          List.of(
              Mention.of(0, 5, "condition"),
              Mention.of(12, 19, "drug"),
              Mention.of(26, 39, "condition"),
              Mention.of(32, 39, "condition"),
              Mention.of(45, 50, "condition")));
  private static final Document OTHER =
      new Document(
          "d2",
          "Warfarin was stopped because of bleeding in the gut of the patient.",
          List.of(Mention.of(0, 8, "drug"), Mention.of(32, 40, "condition")));
  private static final Dataset DATA =
      new Dataset("mini", "dev", List.of("condition", "drug"), List.of(NOTE, OTHER));

  private static EvalCase one(AnswerStyle style) {
    return EvalSet.generate(DATA, 1, List.of(style)).get(0);
  }

  @Test
  void theSameSeedGivesTheSameSetAndAnotherSeedAnotherOne() {
    // when
    List<EvalCase> a = EvalSet.generate(DATA, 7, AnswerStyle.all());
    List<EvalCase> b = EvalSet.generate(DATA, 7, AnswerStyle.all());
    List<EvalCase> c = EvalSet.generate(DATA, 8, AnswerStyle.all());

    // then
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void anEchoTagsEveryGoldMentionButTheNestedOnes() {
    // when
    EvalCase c = one(AnswerStyle.SPAN_CLASS);

    // then
    assertEquals(
        List.of(
            Answer.allLabels(
                "<span class=\"disorder\">Fever</span> after <span class=\"drug\">aspirin</span>."
                    + " Then <span class=\"disorder\">heart failure</span>. The <span"
                    + " class=\"disorder\">fever</span> of the patient had gone away by then. No"
                    + " other event was seen at all.")),
        c.answers());
    assertEquals(OutputFormat.HTML, c.format());
    assertEquals(4, c.gold().size());
    assertTrue(!c.gold().contains(Mention.of(32, 39, "condition")));
  }

  @Test
  void perLabelStylesAnswerOncePerLabelAndNameTheirMarkup() {
    // when
    EvalCase c = one(AnswerStyle.BRACKETS);

    // then
    assertEquals(Markup.BRACKETS, c.markup());
    assertEquals(
        List.of(
            Answer.forLabel(
                "[[Fever]] after aspirin. Then [[heart failure]]. The [[fever]] of the patient had"
                    + " gone away by then. No other event was seen at all.",
                "condition"),
            Answer.forLabel(
                "Fever after [[aspirin]]. Then heart failure. The fever of the patient had gone"
                    + " away by then. No other event was seen at all.",
                "drug")),
        c.answers());
  }

  @Test
  void aTruncatedEchoStandsOnlyForTheRegionsClosedBeforeTheCut() {
    for (long seed = 1; seed <= 20; seed++) {
      // when
      EvalCase c = EvalSet.generate(DATA, seed, List.of(AnswerStyle.TRUNCATED)).get(0);

      // then: every gold mention's closing tag is in the answer, and no later one is gold
      String answer = c.answers().get(0).response();
      int closed = answer.split("</span>", -1).length - 1;
      assertEquals(closed, c.gold().size(), answer);
      assertTrue(answer.length() < NOTE.text().length() + 100, answer);
    }
  }

  @Test
  void aHallucinatedRegionIsNotInTheNoteAndNotGold() {
    // when
    EvalCase c = one(AnswerStyle.HALLUCINATED);

    // then: the other note's mention is tagged, and the gold is the note's own four
    String answer = c.answers().get(0).response();
    assertTrue(answer.contains(">Warfarin</span>") || answer.contains(">bleeding</span>"), answer);
    assertEquals(one(AnswerStyle.SPAN_CLASS).gold(), c.gold());
  }

  @Test
  void listsNameEachStringOnceAndStandForEveryMention() {
    // when
    EvalCase json = one(AnswerStyle.JSON_OBJECT);
    EvalCase python = one(AnswerStyle.PYTHON_LIST);
    EvalCase repeated = one(AnswerStyle.REPEATED);

    // then
    assertEquals(
        "{\"condition\":[\"Fever\",\"heart failure\",\"failure\",\"fever\"],\"drug\":[\"aspirin\"]}",
        json.answers().get(0).response());
    assertEquals(
        "['Fever', 'heart failure', 'failure', 'fever']", python.answers().get(0).response());
    assertEquals("condition", python.answers().get(0).label());
    assertTrue(repeated.answers().get(0).response().contains("\"Fever\",\"heart failure\""));
    // the nested "failure" is merged away by any grounder, so it is not what the list stands for
    assertEquals(4, json.gold().size());
  }

  @Test
  void answersWithoutEntitiesStandForNone() {
    // when
    EvalCase tagless = one(AnswerStyle.TAGLESS_ECHO);
    EvalCase noGold = EvalSet.generate(DATA, 1, List.of(AnswerStyle.NO_GOLD_ECHO)).get(0);

    // then
    assertEquals(NOTE.text(), tagless.answers().get(0).response());
    assertEquals(List.of(), tagless.gold());
    assertEquals("d1", noGold.documentId());
    assertEquals("No other event was seen at all.", noGold.text());
    assertEquals(List.of(Answer.allLabels(noGold.text())), noGold.answers());
    assertEquals(List.of(), noGold.gold());
  }
}
