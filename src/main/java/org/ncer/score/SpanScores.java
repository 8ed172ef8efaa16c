package org.ncer.score;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Span scores of the four schemas, over all labels and per label (labels in the order scored).
 *
 * <p>Per-label counts follow nervaluate: an overlap or a wrong label is counted under the gold
 * span's label, a spurious prediction under its own label, so the per-label counts add up to the
 * overall counts.
 */
public record SpanScores(
    Map<Schema, SchemaScore> overall, Map<String, Map<Schema, SchemaScore>> byLabel) {

  public SpanScores {
    overall = copyOfSchemas(overall, "overall");
    Map<String, Map<Schema, SchemaScore>> labels = new LinkedHashMap<>();
    byLabel.forEach((label, scores) -> labels.put(label, copyOfSchemas(scores, label)));
    byLabel = Collections.unmodifiableMap(labels);
  }

  /** The overall score of {@code schema}. */
  public SchemaScore overall(Schema schema) {
    return overall.get(schema);
  }

  /** The score of {@code label} under {@code schema}; throws for a label that was not scored. */
  public SchemaScore of(String label, Schema schema) {
    Map<Schema, SchemaScore> scores = byLabel.get(label);
    if (scores == null) {
      throw new IllegalArgumentException("label '" + label + "' was not scored");
    }
    return scores.get(schema);
  }

  private static Map<Schema, SchemaScore> copyOfSchemas(Map<Schema, SchemaScore> in, String what) {
    EnumMap<Schema, SchemaScore> copy = new EnumMap<>(Schema.class);
    for (Schema s : Schema.values()) {
      copy.put(s, Objects.requireNonNull(in.get(s), () -> what + " lacks schema " + s.key()));
    }
    return Collections.unmodifiableMap(copy);
  }
}
