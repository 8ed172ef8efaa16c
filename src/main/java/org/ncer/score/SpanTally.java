package org.ncer.score;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running span counts per label, schema and outcome, summed over documents. */
final class SpanTally {
  private static final int SCHEMAS = Schema.values().length;
  private static final int OUTCOMES = Verdict.Outcome.values().length;

  private final int[][] counts;

  SpanTally(int labels) {
    counts = new int[labels][SCHEMAS * OUTCOMES];
  }

  /** Counts one verdict under label number {@code label}. */
  void add(int label, Verdict verdict) {
    int[] row = counts[label];
    for (Schema s : Schema.values()) {
      row[s.ordinal() * OUTCOMES + verdict.in(s).ordinal()]++;
    }
  }

  /** The scores, overall and per label; {@code labels} names the label numbers in order. */
  SpanScores scores(List<String> labels) {
    Map<String, Map<Schema, SchemaScore>> byLabel = new LinkedHashMap<>();
    int[] total = new int[SCHEMAS * OUTCOMES];
    for (int l = 0; l < labels.size(); l++) {
      byLabel.put(labels.get(l), toScores(counts[l]));
      for (int i = 0; i < total.length; i++) {
        total[i] += counts[l][i];
      }
    }
    return new SpanScores(toScores(total), byLabel);
  }

  private static Map<Schema, SchemaScore> toScores(int[] row) {
    Map<Schema, SchemaScore> scores = new EnumMap<>(Schema.class);
    for (Schema s : Schema.values()) {
      int base = s.ordinal() * OUTCOMES;
      scores.put(
          s,
          SchemaScore.of(
              s,
              row[base + Verdict.Outcome.CORRECT.ordinal()],
              row[base + Verdict.Outcome.INCORRECT.ordinal()],
              row[base + Verdict.Outcome.PARTIAL.ordinal()],
              row[base + Verdict.Outcome.MISSED.ordinal()],
              row[base + Verdict.Outcome.SPURIOUS.ordinal()]));
    }
    return scores;
  }
}
