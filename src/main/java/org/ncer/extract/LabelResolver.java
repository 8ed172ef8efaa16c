package org.ncer.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ncer.dataset.Datasets;

/**
 * Maps the label names an answer uses to the dataset's labels.
 *
 * <p>A name matches a label or a declared alias when the two are equal after ignoring case and
 * treating runs of spaces, hyphens and underscores as one space: {@code Gene_Variant} and {@code
 * gene-variant} both resolve to {@code gene variant}. Nothing else is guessed: {@code Disease}
 * resolves to {@code condition} only through a declared alias, and a plural is a different name.
 */
public final class LabelResolver {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");

  private final List<String> labels;
  private final Map<String, String> aliases;
  private final Map<String, String> byKey = new HashMap<>();

  private LabelResolver(Collection<String> labels, Map<String, String> aliases) {
    this.labels = List.copyOf(new LinkedHashSet<>(labels));
    this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    for (String label : this.labels) {
      if (label.isBlank()) {
        throw new IllegalArgumentException("label is blank");
      }
      String previous = byKey.putIfAbsent(key(label), label);
      if (previous != null) {
        throw new IllegalArgumentException(
            "labels '" + previous + "' and '" + label + "' differ only in case or separators");
      }
    }
    for (Map.Entry<String, String> alias : aliases.entrySet()) {
      String target = alias.getValue();
      if (!this.labels.contains(target)) {
        throw new IllegalArgumentException(
            "alias '"
                + alias.getKey()
                + "' points to '"
                + target
                + "', which is not one of the labels: "
                + String.join(", ", this.labels));
      }
      String previous = byKey.putIfAbsent(key(alias.getKey()), target);
      if (previous != null && !previous.equals(target)) {
        throw new IllegalArgumentException(
            "alias '"
                + alias.getKey()
                + "' points to '"
                + target
                + "' but the name already means '"
                + previous
                + "'");
      }
    }
  }

  /** Resolves against {@code labels} only. */
  public static LabelResolver of(Collection<String> labels) {
    return new LabelResolver(labels, Map.of());
  }

  /** Resolves against {@code labels} and the aliases (answer name to label). */
  public static LabelResolver of(Collection<String> labels, Map<String, String> aliases) {
    return new LabelResolver(labels, aliases);
  }

  /**
   * The six labels of the benchmark in the order the datasets introduce them: condition, drug,
   * procedure, measurement, gene, gene variant.
   */
  public static LabelResolver benchmark() {
    return Benchmark.LABELS;
  }

  /** Built on first use, once. */
  private static final class Benchmark {
    static final LabelResolver LABELS = build();

    private static LabelResolver build() {
      List<String> all = new ArrayList<>();
      for (String dataset : Datasets.names()) {
        for (String label : Datasets.labels(dataset)) {
          if (!all.contains(label)) {
            all.add(label);
          }
        }
      }
      return of(all);
    }
  }

  /** The dataset label {@code rawLabel} names, if any. */
  public Optional<String> resolve(String rawLabel) {
    return rawLabel == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(rawLabel)));
  }

  /** True when {@code rawLabel} names a label or an alias. */
  public boolean isLabel(String rawLabel) {
    return resolve(rawLabel).isPresent();
  }

  /** The labels, in the order given. */
  public List<String> labels() {
    return labels;
  }

  /** The matching key of a name: lower case, separators collapsed to one space, trimmed. */
  static String key(String name) {
    return SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  @Override
  public String toString() {
    return "LabelResolver" + labels + (aliases.isEmpty() ? "" : " aliases " + aliases);
  }
}
