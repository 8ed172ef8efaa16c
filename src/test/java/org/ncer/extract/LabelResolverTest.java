package org.ncer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelResolverTest {
  private static final LabelResolver BIORED =
      LabelResolver.of(List.of("condition", "drug", "gene", "gene variant"));

  @Test
  void namesMatchIgnoringCaseSpacesHyphensAndUnderscores() {
    // given / when / then
    for (String name : List.of("Gene_Variant", "gene-variant", "GENE  VARIANT", " gene variant ")) {
      assertEquals(Optional.of("gene variant"), BIORED.resolve(name), name);
    }
    assertEquals(Optional.of("drug"), BIORED.resolve("DRUG"));
  }

  @Test
  void otherNamesAreNotGuessed() {
    // given / when / then
    for (String name :
        List.of("Disease", "drugs", "genevariant", "chemical", "", "gene variants")) {
      assertEquals(Optional.empty(), BIORED.resolve(name), name);
    }
    assertEquals(Optional.empty(), BIORED.resolve(null));
  }

  @Test
  void declaredAliasesResolveToTheirLabel() {
    // given
    LabelResolver r =
        LabelResolver.of(
            List.of("condition", "drug"), Map.of("Disease", "condition", "chemical", "drug"));

    // when / then
    assertEquals(Optional.of("condition"), r.resolve("disease"));
    assertEquals(Optional.of("drug"), r.resolve("Chemical"));
    assertTrue(r.isLabel("DISEASE"));
  }

  @Test
  void anAliasToAnUnknownLabelIsRejected() {
    // when
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LabelResolver.of(List.of("condition"), Map.of("chemical", "drug")));

    // then
    assertEquals(
        "alias 'chemical' points to 'drug', which is not one of the labels: condition",
        e.getMessage());
  }

  @Test
  void anAliasThatNamesAnotherLabelIsRejected() {
    // when / then
    assertThrows(
        IllegalArgumentException.class,
        () -> LabelResolver.of(List.of("condition", "drug"), Map.of("Drug", "condition")));
  }

  @Test
  void benchmarkHasTheSixLabelsInOrder() {
    // when / then
    assertEquals(
        List.of("condition", "drug", "procedure", "measurement", "gene", "gene variant"),
        LabelResolver.benchmark().labels());
  }
}
