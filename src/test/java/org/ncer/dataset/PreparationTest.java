package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.span.Mention;

class PreparationTest {
  private static final Map<String, String> MAP =
      Map.of("ChemicalEntity", "drug", "DiseaseOrPhenotypicFeature", "condition");

  @Test
  void mapsLabelsAndDropsUnmappedTypes() {
    // given
    Document d =
        new Document(
            "1",
            "aspirin in mice with fever",
            List.of(
                Mention.of(0, 7, "ChemicalEntity"),
                Mention.of(11, 15, "OrganismTaxon"),
                Mention.of(21, 26, "DiseaseOrPhenotypicFeature")));

    // when
    List<Document> out = Preparation.prepare(List.of(d), MAP);

    // then
    assertEquals(
        List.of(Mention.of(0, 7, "drug"), Mention.of(21, 26, "condition")), out.get(0).mentions());
  }

  @Test
  void dropsAMentionRepeatingAnEarlierOne() {
    // given: a composite and its individual mention with the same span
    Document d =
        new Document(
            "1",
            "subependymal cysts",
            List.of(
                Mention.of(0, 18, "DiseaseOrPhenotypicFeature"),
                Mention.of(0, 18, "DiseaseOrPhenotypicFeature"),
                Mention.of(13, 18, "DiseaseOrPhenotypicFeature")));

    // when
    List<Document> out = Preparation.prepare(List.of(d), MAP);

    // then
    assertEquals(
        List.of(Mention.of(0, 18, "condition"), Mention.of(13, 18, "condition")),
        out.get(0).mentions());
  }

  @Test
  void dropsDocumentsWithoutMappedMentions() {
    // given
    Document onlyMice = new Document("1", "mice", List.of(Mention.of(0, 4, "OrganismTaxon")));
    Document none = new Document("2", "nothing", List.of());

    // when / then
    assertEquals(List.of(), Preparation.prepare(List.of(onlyMice, none), MAP));
  }

  @Test
  void blankTextIsWhatTheBenchmarksCleanTextEmpties() {
    // given / when / then: strip, lower-case, remove every "na"
    assertTrue(Preparation.isBlankForBenchmark(" \r\n"));
    assertTrue(Preparation.isBlankForBenchmark("NA\n"));
    assertTrue(Preparation.isBlankForBenchmark("nana"));
    assertFalse(Preparation.isBlankForBenchmark("nan"));
    assertFalse(Preparation.isBlankForBenchmark("None"));
  }

  @Test
  void dropsADocumentWithBlankTextEvenWithMentions() {
    // given
    Document na = new Document("1", "NA", List.of(Mention.of(0, 2, "ChemicalEntity")));

    // when / then
    assertEquals(List.of(), Preparation.prepare(List.of(na), MAP));
  }
}
