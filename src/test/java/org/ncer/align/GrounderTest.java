package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.extract.LabelResolver;
import org.ncer.extract.ParseStatus;
import org.ncer.prompt.OutputFormat;

class GrounderTest {
  private static final String TEXT = "Aspirin-induced asthma and fever.";
  private final Grounder grounder =
      new Grounder(
          Aligner.smart(),
          LabelResolver.of(List.of("condition", "drug"), Map.of("disease", "condition")),
          OutputFormat.AUTO);

  @Test
  void perLabelAnswersTakeTheLabelTheQueryAskedFor() {
    // given answers whose own label names are ignored
    List<Answer> answers =
        List.of(
            Answer.forLabel("{\"drugs\": [\"aspirin\"]}", "drug"),
            Answer.forLabel("['asthma', 'fever']", "condition"));

    // when
    GroundedDocument d = grounder.ground(TEXT, answers);

    // then
    assertEquals(
        """
        0-7 drug "Aspirin" case
        16-22 condition "asthma" exact
        27-32 condition "fever" exact""",
        Listing.of(TEXT, d.grounding()));
    assertEquals(ParseStatus.OK, d.parse());
  }

  @Test
  void allLabelsAnswersResolveTheirLabelNamesAndReportTheRest() {
    // given
    Answer answer =
        Answer.allLabels(
            "{\"Drug\": [\"aspirin\"], \"Disease\": [\"asthma\"], \"symptom\": [\"fever\"],"
                + " \"entities\": [\"induced\"], \"condition\": [\"malaria\"]}");

    // when
    GroundedDocument d = grounder.ground(TEXT, List.of(answer));

    // then
    assertEquals(
        List.of(
            new Unaligned("fever", "symptom", Unaligned.UNKNOWN_LABEL),
            new Unaligned("induced", null, Unaligned.NO_LABEL),
            new Unaligned("malaria", "condition", Unaligned.NOT_FOUND)),
        d.unaligned());
    assertEquals(2, d.mentions().size());
  }

  @Test
  void withASingleLabelAnUnlabelledStringTakesIt() {
    // given
    Grounder ncbi =
        new Grounder(Aligner.smart(), LabelResolver.of(List.of("condition")), OutputFormat.AUTO);

    // when
    GroundedDocument d = ncbi.ground(TEXT, List.of(Answer.allLabels("- asthma\n- fever")));

    // then
    assertEquals(
        """
        16-22 condition "asthma" exact
        27-32 condition "fever" exact""",
        Listing.of(TEXT, d.grounding()));
  }

  @Test
  void spansFromDifferentAnswersAreMergedTogether() {
    // given two queries that both found asthma, one inside a longer span
    List<Answer> answers =
        List.of(
            Answer.forLabel("[\"Aspirin-induced asthma\"]", "condition"),
            Answer.forLabel("[\"asthma\"]", "condition"));

    // when
    GroundedDocument d = grounder.ground(TEXT, answers);

    // then
    assertEquals(
        "0-22 condition \"Aspirin-induced asthma\" exact", Listing.of(TEXT, d.grounding()));
    assertEquals(List.of(MatchStatus.EXACT, MatchStatus.EXACT), d.grounding().statuses());
  }

  @Test
  void aFailedAnswerCountsAndYieldsNothing() {
    // given
    List<Answer> answers =
        List.of(
            Answer.forLabel("<think>never finished", "drug"),
            Answer.forLabel("['fever']", "condition"));

    // when
    GroundedDocument d = grounder.ground(TEXT, answers);

    // then
    assertEquals(ParseStatus.FAILED, d.parse());
    assertEquals(ParseStatus.FAILED, d.parses().get(0).status());
    assertEquals(1, d.mentions().size());
  }

  @Test
  void aQueryLabelOutsideTheLabelsIsACallersMistake() {
    // when / then
    assertThrows(
        IllegalArgumentException.class,
        () -> grounder.ground(TEXT, List.of(Answer.forLabel("[]", "gene"))));
  }
}
