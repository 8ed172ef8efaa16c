package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The five metrics of the leaderboard's {@code results.json} and where each one's numbers come from
 * in a dataset's score JSON.
 *
 * <p>Dataset scores are the metric's overall F1 on the dataset. Per-label scores are the label's F1
 * in that dataset; for the token metrics a label's F1 is the same under every averaging, as in the
 * benchmark's token report.
 */
public enum LeaderboardMetric {
  SPAN_PARTIAL("SpanBasedWithPartialOverlap", "span partial (ent_type)"),
  SPAN_EXACT("SpanBasedWithExactOverlap", "span exact (strict)"),
  TOKEN_MACRO("TokenBasedWithMacroAverage", "token macro"),
  TOKEN_MICRO("TokenBasedWithMicroAverage", "token micro"),
  TOKEN_WEIGHTED("TokenBasedWithWeightedAverage", "token weighted");

  private final String key;
  private final String title;

  LeaderboardMetric(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The metric's key in {@code results.json}. */
  public String key() {
    return key;
  }

  /** A short human name for tables. */
  public String title() {
    return title;
  }

  /** The overall F1 (0..1) of this metric in a score JSON, or NaN when absent. */
  double datasetF1(JsonNode score) {
    JsonNode n =
        switch (this) {
          case SPAN_PARTIAL -> score.path("span").path("ent_type").path("f1");
          case SPAN_EXACT -> score.path("span").path("strict").path("f1");
          case TOKEN_MACRO -> score.path("token").path("macro").path("f1");
          case TOKEN_MICRO -> score.path("token").path("micro").path("f1");
          case TOKEN_WEIGHTED -> score.path("token").path("weighted").path("f1");
        };
    return n.isNumber() ? n.doubleValue() : Double.NaN;
  }

  /** The F1 (0..1) of {@code label} under this metric in a score JSON, or NaN when absent. */
  double labelF1(JsonNode score, String label) {
    JsonNode n =
        switch (this) {
          case SPAN_PARTIAL -> score.path("span").path("by_label").path(label).path("ent_type");
          case SPAN_EXACT -> score.path("span").path("by_label").path(label).path("strict");
          case TOKEN_MACRO, TOKEN_MICRO, TOKEN_WEIGHTED ->
              score.path("token").path("by_label").path(label);
        };
    JsonNode f1 = n.path("f1");
    return f1.isNumber() ? f1.doubleValue() : Double.NaN;
  }
}
