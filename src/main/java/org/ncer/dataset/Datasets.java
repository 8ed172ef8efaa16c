package org.ncer.dataset;

import java.util.List;
import java.util.Map;
import org.ncer.NcerException;

/** The built-in datasets, by the benchmark's keys, and the labels each one is evaluated on. */
public final class Datasets {
  // clinical_types in the benchmark's tasks/ner_tasks.py: each dataset is scored on its own types
  // only.
  private static final Map<String, List<String>> LABELS =
      Map.of(
          "ncbi", List.of("condition"),
          "chia", List.of("condition", "drug", "procedure", "measurement"),
          "biored", List.of("condition", "drug", "gene", "gene variant"),
          "bc5cdr", List.of("condition", "drug"));

  private static final List<String> NAMES = List.of("ncbi", "chia", "biored", "bc5cdr");

  private Datasets() {}

  /** The built-in dataset keys in the leaderboard's order. */
  public static List<String> names() {
    return NAMES;
  }

  /** The labels {@code name} is scored on. */
  public static List<String> labels(String name) {
    List<String> labels = LABELS.get(name);
    if (labels == null) {
      throw new NcerException("unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
    }
    return labels;
  }
}
