package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.dataset.Document;
import org.ncer.span.Mention;

class FewShotTest {
  private static final List<String> LABELS = List.of("condition", "drug", "gene");

  // With seed "s" the SHA-256 order of the ids is d1, d3, d5, d6, d4, d2.
  private static final List<Document> POOL =
      List.of(
          doc("d1", "Fever.", Mention.of(0, 5, "condition")),
          doc("d2", "BRCA1 was found.", Mention.of(0, 5, "gene")),
          doc("d3", "A cough.", Mention.of(2, 7, "condition")),
          doc("d4", "Aspirin for pain.", Mention.of(0, 7, "drug"), Mention.of(12, 16, "condition")),
          doc("d5", "Nothing to see."),
          doc("d6", "Rash.", Mention.of(0, 4, "condition")));

  private static Document doc(String id, String text, Mention... mentions) {
    return new Document(id, text, List.of(mentions));
  }

  private static List<String> texts(List<Example> examples) {
    return examples.stream().map(Example::text).toList();
  }

  private static ExampleRule rule(int count) {
    return new ExampleRule("train", count, 600, "s");
  }

  @Test
  void takesDocumentsThatAddALabelUntilEveryLabelIsCovered() {
    // when: walking d1, d3, d5, d6, d4, d2 - d3 and d6 add no label, d5 has no mention
    List<Example> drawn = FewShot.draw(rule(3), POOL, LABELS);

    // then: d1 (condition), d4 (drug), d2 (gene)
    assertEquals(List.of("Fever.", "Aspirin for pain.", "BRCA1 was found."), texts(drawn));
  }

  @Test
  void fillsRemainingPlacesInHashOrder() {
    // when
    List<Example> drawn = FewShot.draw(rule(4), POOL, LABELS);

    // then: after d1, d4, d2 cover every label, the next in order is d3
    assertEquals(
        List.of("Fever.", "Aspirin for pain.", "BRCA1 was found.", "A cough."), texts(drawn));
  }

  @Test
  void stopsAtTheCountEvenWithLabelsUncovered() {
    assertEquals(
        List.of("Fever.", "Aspirin for pain."), texts(FewShot.draw(rule(2), POOL, LABELS)));
  }

  @Test
  void drawDoesNotDependOnTheOrderOfTheFiles() {
    // given
    List<Document> reversed = new ArrayList<>(POOL);
    Collections.reverse(reversed);

    // then
    assertEquals(FewShot.draw(rule(3), POOL, LABELS), FewShot.draw(rule(3), reversed, LABELS));
  }

  @Test
  void anotherSeedDrawsAnotherSet() {
    // given: with seed "other" the order is d1, d5, d6, d3, d4, d2
    ExampleRule other = new ExampleRule("train", 4, 600, "other");

    // then: d1, d4, d2 cover the labels; d6 comes before d3 now
    assertEquals(
        List.of("Fever.", "Aspirin for pain.", "BRCA1 was found.", "Rash."),
        texts(FewShot.draw(other, POOL, LABELS)));
  }

  @Test
  void examplesListDistinctMentionStringsPerLabelInTextOrder() {
    // given: "pain" twice, the second listed first
    Document d =
        doc(
            "x",
            "pain and aspirin, then pain",
            Mention.of(23, 27, "condition"),
            Mention.of(9, 16, "drug"),
            Mention.of(0, 4, "condition"));

    // when
    Example e = FewShot.trim(d, LABELS, 600);

    // then: every label has an entry
    assertEquals(
        Map.of("condition", List.of("pain"), "drug", List.of("aspirin"), "gene", List.of()),
        e.entities());
  }

  @Test
  void longDocumentIsCutAtASentenceEndAndKeepsOnlyMentionsBeforeTheCut() {
    // given: 76 characters; the first sentence is 48
    Document d =
        doc(
            "long",
            "A fever began on the first day of the trip home. Aspirin was given for pain.",
            Mention.of(2, 7, "condition"),
            Mention.of(49, 56, "drug"),
            Mention.of(71, 75, "condition"));

    // when
    Example e = FewShot.trim(d, LABELS, 60);

    // then
    assertEquals("A fever began on the first day of the trip home.", e.text());
    assertEquals(
        Map.of("condition", List.of("fever"), "drug", List.of(), "gene", List.of()), e.entities());
  }

  @Test
  void mentionsOfOtherLabelsAreLeftOut() {
    // given
    Document d =
        doc("x", "Fever in mice.", Mention.of(0, 5, "condition"), Mention.of(9, 13, "species"));

    // then
    assertEquals(
        Map.of("condition", List.of("Fever")),
        FewShot.trim(d, List.of("condition"), 600).entities());
  }
}
