package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.span.Mention;

class DatasetTest {

  @Test
  void mentionCountsFollowTheLabelOrderAndCountUnusedLabelsAsZero() {
    // given
    Document doc =
        new Document(
            "1",
            "aspirin for fever",
            List.of(Mention.of(12, 17, "condition"), Mention.of(0, 7, "drug")));
    Dataset d = new Dataset("mine", "file", List.of("drug", "gene", "condition"), List.of(doc));

    // when
    Map<String, Integer> counts = d.mentionCounts();

    // then
    assertEquals(List.of("drug", "gene", "condition"), List.copyOf(counts.keySet()));
    assertEquals(Map.of("drug", 1, "gene", 0, "condition", 1), counts);
  }

  @Test
  void mentionCountsKeepLabelsOutsideTheDatasetsSetAfterItsOwn() {
    // given: a hand-built dataset whose mentions carry labels it is not scored on
    Document doc =
        new Document(
            "1",
            "aspirin for fever",
            List.of(
                Mention.of(12, 17, "symptom"),
                Mention.of(0, 7, "chemical"),
                Mention.of(0, 7, "drug")));
    Dataset d = new Dataset("mine", "file", List.of("drug"), List.of(doc));

    // when
    Map<String, Integer> counts = d.mentionCounts();

    // then
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("drug", 1);
    expected.put("symptom", 1);
    expected.put("chemical", 1);
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(counts.entrySet()));
    assertEquals(3, d.mentionCount());
  }
}
