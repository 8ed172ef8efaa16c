package org.ncer.prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label words of a prompt: the query words per label (per-label mode) and the aliases that map
 * answer label names to dataset labels.
 *
 * @param queries query words per dataset label, in the order they are asked
 * @param aliases answer label name to dataset label
 */
record LabelConfig(Map<String, List<String>> queries, Map<String, String> aliases) {
  static final LabelConfig EMPTY = new LabelConfig(Map.of(), Map.of());

  LabelConfig {
    Map<String, List<String>> q = new LinkedHashMap<>();
    queries.forEach((label, words) -> q.put(label, List.copyOf(words)));
    queries = Collections.unmodifiableMap(q);
    aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
  }

  /** This configuration with the entries of {@code override} replacing those of the same key. */
  LabelConfig with(LabelConfig override) {
    Map<String, List<String>> q = new LinkedHashMap<>(queries);
    q.putAll(override.queries);
    Map<String, String> a = new LinkedHashMap<>(aliases);
    a.putAll(override.aliases);
    return new LabelConfig(q, a);
  }

  /**
   * The calls to make for a dataset: for each of its labels in order, the label's query words, or
   * the label itself when the prompt names none.
   */
  List<LabelQuery> queriesFor(List<String> labels) {
    List<LabelQuery> out = new ArrayList<>();
    for (String label : labels) {
      for (String word : queries.getOrDefault(label, List.of(label))) {
        out.add(new LabelQuery(label, word));
      }
    }
    return out;
  }

  /**
   * The aliases that lead to one of {@code labels}, like the benchmark's per-dataset label maps
   * (BENCHMARK.md §4.2): an alias for a label the dataset is not scored on is left out.
   */
  Map<String, String> aliasesFor(List<String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    aliases.forEach(
        (name, label) -> {
          if (labels.contains(label)) {
            out.put(name, label);
          }
        });
    return Collections.unmodifiableMap(out);
  }
}
