package org.ncer.extract;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncer.prompt.OutputFormat;

/** Seeded random answers: reading never throws and always gives a status. */
class AnswerParserFuzzTest {
  private static final LabelResolver LABELS = LabelResolver.benchmark();

  private static final List<String> VALID =
      List.of(
          "{\"condition\": [\"fever\", \"cough\"], \"drug\": [\"aspirin\"]}",
          "[{\"text\": \"fever\", \"label\": \"condition\"}, {\"entity\": \"aspirin\", \"type\": \"drug\"}]",
          "<think>hmm [x] {y}</think>```python\n['Crohn\\'s disease', \"colitis\", None]\n```",
          "Condition:\n- fever\n- **cough** (condition)\nDrug: aspirin, ibuprofen",
          "<span class='condition' >fever</span > and <span class=\"drug\">aspirin &amp; x</span>",
          "{'entities': {'aspirin': 'drug'}, 'pairs': [['fever', 'condition']]}");

  // Characters that drive the readers into their corners, plus ordinary text.
  private static final String ALPHABET = "[]{}()'\"\\,:;<>/=-*#`~\n\t u&x01aAé😀";

  @Test
  void everyTruncationOfAValidAnswerIsReadWithAStatus() {
    for (String valid : VALID) {
      for (OutputFormat format : OutputFormat.values()) {
        for (int cut = 0; cut <= valid.length(); cut++) {
          // given
          String answer = valid.substring(0, cut);

          // when / then
          check(answer, format);
        }
      }
    }
  }

  @Test
  void randomStringsAreReadWithAStatus() {
    Random random = new Random(20241007L);
    for (int i = 0; i < 20_000; i++) {
      // given
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(60);
      for (int k = 0; k < length; k++) {
        b.appendCodePoint(
            ALPHABET.codePointAt(
                ALPHABET.offsetByCodePoints(
                    0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
      }

      // when / then
      check(b.toString(), OutputFormat.values()[i % 4]);
    }
  }

  @Test
  void mutationsOfValidAnswersAreReadWithAStatus() {
    Random random = new Random(42L);
    for (int i = 0; i < 20_000; i++) {
      // given a valid answer with a few characters deleted, inserted or replaced
      StringBuilder b = new StringBuilder(VALID.get(i % VALID.size()));
      for (int edits = 1 + random.nextInt(4); edits > 0 && b.length() > 0; edits--) {
        int at = random.nextInt(b.length());
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length() - 2));
        switch (random.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, c);
          default -> b.setCharAt(at, c);
        }
      }

      // when / then
      check(b.toString(), OutputFormat.values()[i % 4]);
    }
  }

  @Test
  void deeplyNestedBracketsAreReadWithAStatus() {
    // given
    String deep = "[".repeat(5000) + "\"x\"" + "]".repeat(5000);
    String open = "{\"a\": ".repeat(5000);

    // when / then
    check(deep, OutputFormat.AUTO);
    check(open, OutputFormat.JSON);
  }

  @Test
  void longPathologicalAnswersAreReadWithAStatus() {
    // given inputs that make naive regexes and loops take quadratic time or worse
    List<String> answers =
        List.of(
            "a - b : c ( d ".repeat(20_000),
            "<a '".repeat(20_000),
            "[" + "1".repeat(100_000) + "x]",
            "*".repeat(100_000),
            "[\"" + "x".repeat(200_000),
            "- " + "(".repeat(50_000));

    // when / then
    for (String answer : answers) {
      for (OutputFormat format : OutputFormat.values()) {
        check(answer, format);
      }
    }
  }

  /** Reads without the last-resort guard, so that any exception fails the test. */
  private static void check(String answer, OutputFormat format) {
    ParsedAnswer parsed = AnswerParser.read(answer, format, LABELS);
    assertNotNull(parsed.status(), answer);
    assertNotNull(parsed.note(), answer);
    for (Candidate c : parsed.candidates()) {
      assertTrue(c.position() <= answer.length(), () -> c + " lies outside " + answer);
      assertTrue(!c.text().isBlank(), () -> "blank candidate from " + answer);
    }
  }
}
