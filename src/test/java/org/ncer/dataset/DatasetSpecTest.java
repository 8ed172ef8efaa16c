package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;

class DatasetSpecTest {
  private static final String MINIMAL =
      """
      key: demo
      folder: demo
      format: pubtator
      labels: [condition]
      label_map: {Disease: condition}
      mention_text_mismatch: drop
      split_files: {train: a.txt, dev: b.txt, test: c.txt}
      leaderboard: {comparable: true}
      source:
        base_url: https://example.org/data/
        files:
          - path: x/c.txt
            save_as: c.txt
            sha256: %s
      """;

  private static final String SHA = "0".repeat(64);

  @Test
  void builtInDescriptorsCarryTheBenchmarksLabels() {
    // given / when / then: clinical_types in the benchmark's tasks/ner_tasks.py
    assertEquals(List.of("condition"), DatasetSpec.of("ncbi").labels());
    assertEquals(
        List.of("condition", "drug", "procedure", "measurement"), DatasetSpec.of("chia").labels());
    assertEquals(
        List.of("condition", "drug", "gene", "gene variant"), DatasetSpec.of("biored").labels());
    assertEquals(List.of("condition", "drug"), DatasetSpec.of("bc5cdr").labels());
  }

  @Test
  void builtInFoldersAreThoseOfTheSharedLayout() {
    // given / when / then
    assertEquals("ncbi-disease", DatasetSpec.of("ncbi").folder());
    assertEquals("chia", DatasetSpec.of("chia").folder());
    assertEquals("biored", DatasetSpec.of("biored").folder());
    assertEquals("bc5cdr", DatasetSpec.of("bc5cdr").folder());
  }

  @Test
  void chiaSplitsByTrialAndCarriesTheLeaderboardNote() {
    // given
    DatasetSpec chia = DatasetSpec.of("chia");

    // when / then
    assertEquals(Map.of("train", 80, "dev", 10, "test", 10), chia.trialSplit());
    assertEquals(List.of("train", "dev", "test"), List.copyOf(chia.trialSplit().keySet()));
    assertTrue(chia.leaderboard().note().contains("not comparable"));
    assertNull(chia.source().files().get(1).sha256());
  }

  @Test
  void parsesAMinimalDescriptor() {
    // given / when
    DatasetSpec spec = DatasetSpec.parse(MINIMAL.formatted(SHA), "demo.yaml");

    // then
    assertEquals("c.txt", spec.splitFiles().get("test"));
    assertEquals("https://example.org/data/", spec.source().baseUrl());
    assertEquals(SHA, spec.source().files().get(0).sha256());
  }

  @Test
  void rejectsABadChecksumWithTheFileItBelongsTo() {
    // given / when
    NcerException e =
        assertThrows(
            NcerException.class, () -> DatasetSpec.parse(MINIMAL.formatted("abc"), "demo.yaml"));

    // then
    assertEquals(
        "demo.yaml: sha256 of x/c.txt must be 64 lower-case hex digits: abc", e.getMessage());
  }

  @Test
  void rejectsAnUnknownField() {
    // given
    String yaml = MINIMAL.formatted(SHA) + "colour: blue\n";

    // when
    NcerException e = assertThrows(NcerException.class, () -> DatasetSpec.parse(yaml, "demo.yaml"));

    // then
    assertTrue(
        e.getMessage().startsWith("demo.yaml: Unrecognized field \"colour\""), e.getMessage());
  }

  @Test
  void rejectsALabelMapTargetOutsideTheLabels() {
    // given
    String yaml = MINIMAL.formatted(SHA).replace("{Disease: condition}", "{Disease: illness}");

    // when
    NcerException e = assertThrows(NcerException.class, () -> DatasetSpec.parse(yaml, "demo.yaml"));

    // then
    assertEquals(
        "demo.yaml: label_map sends Disease to 'illness', which is not a label", e.getMessage());
  }

  @Test
  void rejectsAPathLeavingTheDataFolder() {
    // given
    String yaml = MINIMAL.formatted(SHA).replace("save_as: c.txt", "save_as: ../c.txt");

    // when
    NcerException e = assertThrows(NcerException.class, () -> DatasetSpec.parse(yaml, "demo.yaml"));

    // then
    assertEquals(
        "demo.yaml: save_as of x/c.txt must stay inside the data folder: ../c.txt", e.getMessage());
  }

  @Test
  void splitInputIsTheSplitsFileOrTheDocumentsFolder() {
    // given
    Path data = Path.of("data");

    // when / then
    assertEquals(
        data.resolve("demo/raw/b.txt"),
        DatasetSpec.parse(MINIMAL.formatted(SHA), "demo.yaml").splitInput(data, "dev"));
    assertEquals(
        data.resolve("chia/raw/chia_with_scope"), DatasetSpec.of("chia").splitInput(data, "test"));
    assertThrows(
        IllegalArgumentException.class,
        () -> DatasetSpec.of("ncbi").splitInput(data, "validation"));
  }

  @Test
  void splitNamesAreCanonical() {
    // given / when / then
    assertEquals("dev", DatasetSpec.canonicalSplit("validation"));
    assertEquals("test", DatasetSpec.canonicalSplit("TEST"));
    assertThrows(NcerException.class, () -> DatasetSpec.canonicalSplit("all"));
  }
}
