package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncer.Json;

/**
 * The leaderboard's {@code results.json}, computed from the score JSON of each dataset of a run.
 *
 * <p>Layout: {@code {"<Metric>": {"dataset_results": {"<ds>": {"f1": x}}, "clinical_type_results":
 * {"<label>": {"f1": y}}}}}. A dataset's value is the metric's F1 on it; a label's value is the
 * unweighted mean of that label's F1 over the datasets that are scored on the label. Values are F1
 * × 100 rounded to two decimals the way Python's {@code round(x * 100, 2)} does, as the benchmark
 * writes them.
 */
public final class LeaderboardResults {
  private LeaderboardResults() {}

  /** One dataset's score JSON and the labels it is scored on, in order. */
  public record DatasetScore(String dataset, List<String> labels, JsonNode score) {}

  /** Computes the results object; datasets and labels keep their order of first appearance. */
  public static ObjectNode compute(List<DatasetScore> scores) {
    ObjectNode results = Json.mapper().createObjectNode();
    for (LeaderboardMetric metric : LeaderboardMetric.values()) {
      ObjectNode m = results.putObject(metric.key());
      ObjectNode byDataset = m.putObject("dataset_results");
      Map<String, List<Double>> byLabel = new LinkedHashMap<>();
      for (DatasetScore s : scores) {
        byDataset.putObject(s.dataset()).put("f1", percent(metric.datasetF1(s.score())));
        for (String label : s.labels()) {
          byLabel
              .computeIfAbsent(label, l -> new ArrayList<>())
              .add(metric.labelF1(s.score(), label));
        }
      }
      ObjectNode types = m.putObject("clinical_type_results");
      byLabel.forEach((label, values) -> types.putObject(label).put("f1", percent(mean(values))));
    }
    return results;
  }

  // Python's sum(values) / len(values): left to right.
  static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /**
   * {@code round(f1 * 100, 2)} as Python computes it: the product is a double, and rounding to two
   * decimals is exact on its binary value with ties to even.
   */
  static double percent(double f1) {
    if (Double.isNaN(f1)) {
      return Double.NaN;
    }
    return new BigDecimal(f1 * 100).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }
}
