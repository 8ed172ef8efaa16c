package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ncer.Json;
import org.ncer.span.Mention;

/**
 * Checks every number of 400 generated cases against the benchmark's tools.
 *
 * <p>{@code compat_cases.json} was written by {@code generate_compat_cases.py} beside it: span
 * numbers by nervaluate 0.1.8, token numbers by scikit-learn's classification report over the
 * benchmark's token labels. The cases mix overlapping, nested, touching, duplicated and empty
 * spans, labels outside the scored set, documents without gold or predictions, and non-ASCII text
 * (combining marks, numbers such as ½, characters outside the Basic Multilingual Plane, unusual
 * spaces).
 */
class CompatCasesTest {
  private static final double TOLERANCE = 1e-9;

  @TestFactory
  Stream<DynamicTest> everyNumberMatchesTheBenchmarkTools() throws IOException {
    // given
    JsonNode cases;
    try (InputStream in = CompatCasesTest.class.getResourceAsStream("/score/compat_cases.json")) {
      cases = Json.mapper().readTree(in).get("cases");
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      tests.add(
          DynamicTest.dynamicTest(
              c.get("name").asText(),
              () -> {
                // when
                ScoreReport report = Scorer.score(documents(c), labels(c), Matching.COMPAT);
                // then
                assertSameNumbers(c.get("expected"), report.toJson(), "");
              }));
    }
    assertTrue(tests.size() >= 400, "expected 400 cases, found " + tests.size());
    return tests.stream();
  }

  private static List<String> labels(JsonNode c) {
    List<String> labels = new ArrayList<>();
    c.get("labels").forEach(l -> labels.add(l.asText()));
    return labels;
  }

  private static List<ScoredDocument> documents(JsonNode c) {
    List<ScoredDocument> docs = new ArrayList<>();
    for (JsonNode d : c.get("documents")) {
      String text = d.get("text").asText();
      docs.add(
          new ScoredDocument(
              text, mentions(text, d.get("gold")), mentions(text, d.get("predicted"))));
    }
    return docs;
  }

  /** Mentions from {@code [start, end, label]} triples with code point offsets. */
  private static List<Mention> mentions(String text, JsonNode spans) {
    List<Mention> mentions = new ArrayList<>();
    for (JsonNode s : spans) {
      mentions.add(
          Mention.of(
              text.offsetByCodePoints(0, s.get(0).asInt()),
              text.offsetByCodePoints(0, s.get(1).asInt()),
              s.get(2).asText()));
    }
    return mentions;
  }

  private static void assertSameNumbers(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject()) {
      assertTrue(actual.isObject(), path + " is not an object");
      assertEquals(fieldNames(expected), fieldNames(actual), path + " keys");
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        assertSameNumbers(e.getValue(), actual.get(e.getKey()), path + "/" + e.getKey());
      }
    } else if (expected.isIntegralNumber() && actual.isIntegralNumber()) {
      assertEquals(expected.longValue(), actual.longValue(), path);
    } else if (expected.isNumber() && actual.isNumber()) {
      assertEquals(expected.doubleValue(), actual.doubleValue(), TOLERANCE, path);
    } else {
      fail(path + ": expected " + expected + ", found " + actual);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
