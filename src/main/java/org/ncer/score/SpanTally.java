package org.ncer.score;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running span counts per label, schema and outcome, summed over documents. */
final class SpanTally {
  /** The five counts of one label in one schema. */
  private static final class Counts {
    int correct;
    int incorrect;
    int partial;
    int missed;
    int spurious;

    void add(Verdict.Outcome outcome) {
      switch (outcome) {
        case CORRECT -> correct++;
        case INCORRECT -> incorrect++;
        case PARTIAL -> partial++;
        case MISSED -> missed++;
        case SPURIOUS -> spurious++;
      }
    }

    void addAll(Counts other) {
      correct += other.correct;
      incorrect += other.incorrect;
      partial += other.partial;
      missed += other.missed;
      spurious += other.spurious;
    }

    SchemaScore score(Schema schema) {
      return SchemaScore.of(schema, correct, incorrect, partial, missed, spurious);
    }
  }

  private final List<Map<Schema, Counts>> byLabel;

  SpanTally(int labels) {
    byLabel = new ArrayList<>(labels);
    for (int l = 0; l < labels; l++) {
      byLabel.add(emptyCounts());
    }
  }

  private static Map<Schema, Counts> emptyCounts() {
    Map<Schema, Counts> counts = new EnumMap<>(Schema.class);
    for (Schema s : Schema.values()) {
      counts.put(s, new Counts());
    }
    return counts;
  }

  /** Counts one verdict under label number {@code label}. */
  void add(int label, Verdict verdict) {
    byLabel.get(label).forEach((schema, counts) -> counts.add(verdict.in(schema)));
  }

  /** The scores, overall and per label; {@code labels} names the label numbers in order. */
  SpanScores scores(List<String> labels) {
    Map<String, Map<Schema, SchemaScore>> perLabel = new LinkedHashMap<>();
    Map<Schema, Counts> total = emptyCounts();
    for (int l = 0; l < labels.size(); l++) {
      Map<Schema, SchemaScore> scores = new EnumMap<>(Schema.class);
      byLabel.get(l).forEach((schema, counts) -> scores.put(schema, counts.score(schema)));
      perLabel.put(labels.get(l), scores);
      byLabel.get(l).forEach((schema, counts) -> total.get(schema).addAll(counts));
    }
    Map<Schema, SchemaScore> overall = new EnumMap<>(Schema.class);
    total.forEach((schema, counts) -> overall.put(schema, counts.score(schema)));
    return new SpanScores(overall, perLabel);
  }
}
