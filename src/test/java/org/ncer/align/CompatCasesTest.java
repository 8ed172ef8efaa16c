package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ncer.Json;

/**
 * Checks the compat aligner against the benchmark's mapping on 1,000 generated cases.
 *
 * <p>{@code compat_cases.json} was written by {@code generate_compat_cases.py} beside it, which
 * runs the benchmark's mapping in CPython 3.11: every {@code re.finditer(re.escape(s), text,
 * re.IGNORECASE)} match, sorted by {@code (start, -len(s), label)}, a span dropped when the span
 * kept just before it has its label and contains it. The texts and strings are drawn from
 * characters whose case rules are easy to get wrong ({@code ſ}, the Kelvin sign, {@code ß} and
 * {@code ẞ}, {@code İ} and {@code ı}, {@code ς}, title-case digraphs, cased and uncased astral
 * characters), regular-expression signs, empty strings, nested and repeated strings, and labels
 * that differ in case or sort differently by UTF-16 unit and by code point.
 */
class CompatCasesTest {
  private final Aligner compat = Aligner.compat();

  @TestFactory
  Stream<DynamicTest> everyCaseGivesTheBenchmarksSpans() throws IOException {
    // given
    JsonNode cases;
    try (InputStream in = CompatCasesTest.class.getResourceAsStream("/align/compat_cases.json")) {
      cases = Json.mapper().readTree(in).get("cases");
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      String text = c.get("text").asText();
      List<LabeledString> strings = new ArrayList<>();
      c.get("strings")
          .forEach(s -> strings.add(new LabeledString(s.get(0).asText(), s.get(1).asText())));
      tests.add(
          DynamicTest.dynamicTest(
              "case " + tests.size(),
              () -> {
                // when
                Grounding g = compat.ground(text, strings);

                // then
                assertEquals(expectedSpans(text, c.get("expected")), spans(g), text);
                assertEquals(expectedNowhere(strings, c.get("found_nowhere")), nowhere(g), text);
              }));
    }
    assertTrue(tests.size() >= 1000, "expected 1000 cases, found " + tests.size());
    return tests.stream();
  }

  /** The fixture's {@code [start, end, label]} triples, code point offsets made string indices. */
  private static List<String> expectedSpans(String text, JsonNode spans) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : spans) {
      out.add(
          text.offsetByCodePoints(0, s.get(0).asInt())
              + ".."
              + text.offsetByCodePoints(0, s.get(1).asInt())
              + " "
              + s.get(2).asText());
    }
    return out;
  }

  private static List<String> spans(Grounding g) {
    List<String> out = new ArrayList<>();
    for (Grounded m : g.mentions()) {
      out.add(m.mention().start() + ".." + m.mention().end() + " " + m.mention().label());
    }
    return out;
  }

  private static List<String> expectedNowhere(List<LabeledString> strings, JsonNode indices) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : indices) {
      LabeledString s = strings.get(i.asInt());
      out.add(s.text() + " " + s.label());
    }
    return out;
  }

  private static List<String> nowhere(Grounding g) {
    List<String> out = new ArrayList<>();
    for (Unaligned u : g.unaligned()) {
      assertEquals(Unaligned.NOT_FOUND, u.reason());
      out.add(u.text() + " " + u.label());
    }
    return out;
  }
}
