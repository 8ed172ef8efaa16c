package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>The file's token numbers break a token's label tie in favour of the tied label that occurs
 * first in the token, an older rule than ncer's fixed label order ({@link TokenScores#tieOrder}).
 * Span numbers do not depend on ties and are checked in every case; token numbers are checked in
 * every case where the two rules label every token alike, which the test works out per case.
 */
class CompatCasesTest {
  private static final double TOLERANCE = 1e-9;

  private final AtomicInteger tokenChecked = new AtomicInteger();

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
                List<ScoredDocument> docs = documents(c);
                ScoreReport report = Scorer.score(docs, labels(c), Matching.COMPAT);
                // then
                JsonNode expected = c.get("expected");
                JsonNode actual = report.toJson();
                assertSameNumbers(expected.get("span"), actual.get("span"), "/span");
                List<String> order = new ArrayList<>(labels(c));
                order.addAll(List.of("*", "O"));
                assertEquals(
                    Json.mapper().valueToTree(order), actual.get("token").get("tie_order"));
                if (tieRulesAgree(docs, labels(c))) {
                  tokenChecked.incrementAndGet();
                  assertSameNumbers(expected.get("token"), actual.get("token"), "/token");
                }
              }));
    }
    assertTrue(tests.size() >= 400, "expected 400 cases, found " + tests.size());
    return Stream.concat(
        tests.stream(),
        Stream.of(
            DynamicTest.dynamicTest(
                "token numbers checked in most cases",
                () ->
                    assertTrue(
                        tokenChecked.get() >= 230,
                        "token numbers checked in only " + tokenChecked.get() + " cases"))));
  }

  /**
   * Whether every token of {@code docs}, gold and predicted, gets the same label under ncer's tie
   * order as under the file's rule (the tied label that occurs first in the token wins).
   */
  private static boolean tieRulesAgree(List<ScoredDocument> docs, List<String> labels) {
    Map<String, Integer> numbers = new HashMap<>();
    labels.forEach(l -> numbers.put(l, numbers.size()));
    Tokens.Ballot ballot = new Tokens.Ballot(16);
    for (ScoredDocument doc : docs) {
      String text = doc.text();
      int[] bounds = Tokens.split(text);
      for (List<Mention> side : List.of(doc.gold(), doc.predicted())) {
        int[] chars = Tokens.paint(text.length(), LabelledSpans.numbered(side, numbers));
        for (int t = 0; t < bounds.length; t += 2) {
          int ncer = Tokens.vote(text, chars, bounds[t], bounds[t + 1], ballot);
          if (ncer != firstTiedLabel(text, chars, bounds[t], bounds[t + 1])) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The label most code points of the token carry; a tie goes to the one that occurs first. */
  private static int firstTiedLabel(String text, int[] chars, int start, int end) {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    for (int i = start; i < end; i += Character.charCount(text.codePointAt(i))) {
      counts.merge(chars[i], 1, Integer::sum);
    }
    int best = Tokens.OUTSIDE;
    int most = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
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
      List<String> actualNames = fieldNames(actual);
      if (path.equals("/token")) {
        actualNames.remove("tie_order");
      }
      assertEquals(fieldNames(expected), actualNames, path + " keys");
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
