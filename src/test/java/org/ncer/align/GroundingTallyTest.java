package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.extract.LabelResolver;
import org.ncer.extract.ParseStatus;
import org.ncer.prompt.OutputFormat;

class GroundingTallyTest {

  @Test
  void countsAnswersStringsAndNotFoundPerLabel() {
    // given
    Grounder grounder =
        new Grounder(
            Aligner.smart(), LabelResolver.of(List.of("condition", "drug")), OutputFormat.AUTO);
    GroundingTally tally = new GroundingTally();

    // when
    tally.add(
        grounder.ground(
            "Fever after aspirin.",
            List.of(
                Answer.allLabels(
                    "{\"condition\": [\"fever\", \"rash\"], \"drug\": [\"Aspirin\", \"--\"],"
                        + " \"gene\": [\"BRCA1\"]}"))));
    tally.add(
        grounder.ground(
            "No findings.",
            List.of(Answer.forLabel("[\"cough\"]", "condition"), Answer.forLabel("[", "drug"))));

    // then: "--" is a placeholder, not a string; "[" is an empty list cut off
    assertEquals(2, tally.documents());
    assertEquals(3, tally.answers());
    assertEquals(1, tally.answers(ParseStatus.REPAIRED));
    assertEquals(5, tally.strings());
    assertEquals(2, tally.grounded());
    assertEquals(Map.of("condition", 2), tally.notFoundByLabel());
    assertEquals(
        "2 documents, 3 answers (ok 2, repaired 1, failed 0), 5 strings: exact 0, case 2,"
            + " normalized 0, searched 0, rewritten 0, near-miss 0, fuzzy 0, not found 2, empty 0,"
            + " unknown label 1, no label 0, unlabelled 0, near-miss not grounded 0; 2 mentions",
        tally.summary());
  }
}
