package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncer.Json;
import org.ncer.NcerException;

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

  /** Reads {@code manifest.json} and {@code metrics/<ds>.json} of a run folder. */
  public static List<DatasetScore> readRun(Path run) {
    JsonNode manifest = readJson(run.resolve("manifest.json"));
    List<DatasetScore> scores = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = manifest.path("datasets").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> labels = new ArrayList<>();
      e.getValue().path("labels").forEach(l -> labels.add(l.asText()));
      JsonNode score = readJson(run.resolve("metrics").resolve(e.getKey() + ".json"));
      scores.add(new DatasetScore(e.getKey(), labels, score));
    }
    if (scores.isEmpty()) {
      throw new NcerException(run.resolve("manifest.json") + ": field 'datasets' lists no dataset");
    }
    return scores;
  }

  /** Computes {@code results.json} for a run folder and writes it there. */
  public static ObjectNode write(Path run) {
    ObjectNode results = compute(readRun(run));
    Json.writePretty(run.resolve("results.json"), results);
    return results;
  }

  static JsonNode readJson(Path file) {
    try {
      return Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new NcerException(file + ": no such file");
    } catch (IOException e) {
      throw new NcerException(
          file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
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
