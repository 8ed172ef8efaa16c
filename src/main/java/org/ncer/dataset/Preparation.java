package org.ncer.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ncer.span.Mention;

/**
 * The benchmark's dataset preparation after reading: label mapping and the dropping of empty
 * documents. Rules from {@code clinical_ner/tasks/prepare_dataset.py} of the benchmark.
 */
final class Preparation {
  private Preparation() {}

  /**
   * Maps native types to benchmark labels and drops what the benchmark drops.
   *
   * <ol>
   *   <li>A mention whose type is not in {@code labelMap} is dropped ({@code update_label}).
   *   <li>A mention equal to an earlier one (same offsets and label) is dropped. nervaluate 0.1.8
   *       counts such a pair once whenever a prediction touches it, so the benchmark's scored
   *       counts include it once; this happens for BC5CDR's composite mentions whose individual
   *       mention is the whole composite ("subependymal cysts").
   *   <li>A document whose text is empty after {@code strip().lower().replace("na", "")} is dropped
   *       ({@code sanitize_dataset}).
   *   <li>A document with no mention left is dropped ({@code update_labels_in_splits}).
   * </ol>
   */
  static List<Document> prepare(List<Document> documents, Map<String, String> labelMap) {
    List<Document> kept = new ArrayList<>();
    for (Document d : documents) {
      if (isBlankForBenchmark(d.text())) {
        continue;
      }
      List<Mention> mapped = new ArrayList<>();
      Set<Mention> seen = new HashSet<>();
      for (Mention m : d.mentions()) {
        String label = labelMap.get(m.label());
        if (label != null) {
          Mention relabelled = new Mention(m.span(), label);
          if (seen.add(relabelled)) {
            mapped.add(relabelled);
          }
        }
      }
      if (!mapped.isEmpty()) {
        kept.add(d.withMentions(mapped));
      }
    }
    return kept;
  }

  /**
   * {@code clean_text} of the benchmark: strip, lower-case, remove every "na"; empty means blank.
   */
  static boolean isBlankForBenchmark(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replace("na", "").isEmpty();
  }
}
