package org.ncer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.Json;

class LeaderboardResultsTest {

  private static JsonNode score(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  // Only the fields the results read; the rest of a score JSON is irrelevant here.
  private static final JsonNode NCBI =
      score(
          """
          {"span": {"ent_type": {"f1": 0.75}, "strict": {"f1": 0.5},
                    "by_label": {"condition": {"ent_type": {"f1": 0.75}, "strict": {"f1": 0.5}}}},
           "token": {"macro": {"f1": 0.6}, "micro": {"f1": 0.7}, "weighted": {"f1": 0.8},
                     "by_label": {"condition": {"f1": 0.6}}}}
          """);
  private static final JsonNode BC5CDR =
      score(
          """
          {"span": {"ent_type": {"f1": 0.5}, "strict": {"f1": 0.25},
                    "by_label": {"condition": {"ent_type": {"f1": 0.8}, "strict": {"f1": 0.4}},
                                 "drug": {"ent_type": {"f1": 0.2}, "strict": {"f1": 0.1}}}},
           "token": {"macro": {"f1": 0.55}, "micro": {"f1": 0.6}, "weighted": {"f1": 0.65},
                     "by_label": {"condition": {"f1": 0.9}, "drug": {"f1": 0.2}}}}
          """);

  @Test
  void datasetValuesAreTheMetricsF1AndLabelValuesTheMeanOverDatasetsWithTheLabel() {
    // given
    List<LeaderboardResults.DatasetScore> scores =
        List.of(
            new LeaderboardResults.DatasetScore("ncbi", List.of("condition"), NCBI),
            new LeaderboardResults.DatasetScore("bc5cdr", List.of("condition", "drug"), BC5CDR));

    // when
    ObjectNode r = LeaderboardResults.compute(scores);

    // then
    JsonNode partial = r.path("SpanBasedWithPartialOverlap");
    assertEquals(75.0, partial.path("dataset_results").path("ncbi").path("f1").doubleValue());
    assertEquals(50.0, partial.path("dataset_results").path("bc5cdr").path("f1").doubleValue());
    assertEquals(
        77.5, partial.path("clinical_type_results").path("condition").path("f1").doubleValue());
    assertEquals(20.0, partial.path("clinical_type_results").path("drug").path("f1").doubleValue());
    JsonNode exact = r.path("SpanBasedWithExactOverlap");
    assertEquals(25.0, exact.path("dataset_results").path("bc5cdr").path("f1").doubleValue());
    assertEquals(
        45.0, exact.path("clinical_type_results").path("condition").path("f1").doubleValue());
    assertEquals(
        65.0,
        r.path("TokenBasedWithWeightedAverage")
            .path("dataset_results")
            .path("bc5cdr")
            .path("f1")
            .doubleValue());
    assertEquals(
        75.0,
        r.path("TokenBasedWithMicroAverage")
            .path("clinical_type_results")
            .path("condition")
            .path("f1")
            .doubleValue());
    assertEquals(
        List.of(
            "SpanBasedWithPartialOverlap",
            "SpanBasedWithExactOverlap",
            "TokenBasedWithMacroAverage",
            "TokenBasedWithMicroAverage",
            "TokenBasedWithWeightedAverage"),
        iterate(r.fieldNames()));
  }

  @Test
  void roundsLikePythonRoundOfTheProductToTwoDecimals() {
    // 0.02675 * 100 is 2.67499999999999982... in binary: Python's round(x, 2) gives 2.67, where
    // rounding
    // the printed decimal 2.675 half-up would give 2.68
    assertEquals(2.67, LeaderboardResults.percent(0.02675));
    // 0.12345 * 100 is 12.34500000000000063...: 12.35
    assertEquals(12.35, LeaderboardResults.percent(0.12345));
    // 2/3 * 100 = 66.66666666666666 -> 66.67
    assertEquals(66.67, LeaderboardResults.percent(2.0 / 3));
    // 0.00125 * 100 is exactly 0.125, a true tie: to even, 0.12; 0.026875 * 100 = 2.6875 -> 2.69
    assertEquals(0.12, LeaderboardResults.percent(0.00125));
    assertEquals(2.69, LeaderboardResults.percent(0.026875));
    assertEquals(0.0, LeaderboardResults.percent(0.0));
    assertEquals(100.0, LeaderboardResults.percent(1.0));
  }

  private static List<String> iterate(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
