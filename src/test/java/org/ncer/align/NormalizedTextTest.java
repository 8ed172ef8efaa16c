package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncer.span.Span;

class NormalizedTextTest {

  /** Each normalised character and the original range it maps to, as {@code c[start,end)}. */
  private static String map(String original) {
    NormalizedText n = NormalizedText.of(original);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n.length(); i++) {
      b.append(n.text().charAt(i))
          .append('[')
          .append(n.originalStart(i))
          .append(',')
          .append(n.originalEnd(i))
          .append(") ");
    }
    return b.toString().strip();
  }

  @Test
  void collapsesWhiteSpaceLineBreaksAndDashesToOneSpaceMappedToTheRunsFirstCharacter() {
    // given "a", three separators, "b", a hyphen, "c"
    String original = "a \n\u2014b-C";

    // when / then
    assertEquals("a[0,1)  [1,2) b[4,5)  [5,6) c[6,7)", map(original));
    assertEquals("a b c", NormalizedText.of(original).text());
  }

  @Test
  void dropsApostrophesAndFullStopsInsideWordsAndMapsAcrossTheGap() {
    // given
    String original = "Crohn's i.v.";

    // when
    NormalizedText n = NormalizedText.of(original);

    // then: the apostrophe and the first full stop are deleted, the last one is a separator
    assertEquals("crohns iv", n.text());
    assertEquals(new Span(0, 7), n.toOriginal(0, 6));
    assertEquals(new Span(8, 11), n.toOriginal(7, 9));
  }

  @Test
  void wordRangesOfTheNormalFormAreComputedOnceAndReused() {
    // given
    NormalizedText n = NormalizedText.of("Heart-failure,  NYHA\nclass II");

    // when
    List<int[]> words = n.words();

    // then
    assertEquals("heart failure nyha class ii", n.text());
    List<String> ranges = new ArrayList<>();
    for (int[] w : words) {
      ranges.add(w[0] + "-" + w[1]);
    }
    assertEquals(List.of("0-5", "6-13", "14-18", "19-24", "25-27"), ranges);
    assertSame(words, n.words());
  }

  @Test
  void leadingAndTrailingSeparatorsVanish() {
    // given / when / then
    assertEquals("fever", NormalizedText.of("  (fever).  ").text());
    assertEquals("", NormalizedText.of(" -- ").text());
    assertEquals("", NormalizedText.key(""));
  }

  @Test
  void removesAccentsAndFoldsCaseAndCompatibilityForms() {
    // given / when / then
    assertEquals("sjogren s", NormalizedText.key("SJÖGREN S"));
    assertEquals("file strasse", NormalizedText.key("\uFB01le STRASSE"));
    assertEquals("st", NormalizedText.key("\u017Ft"));
    assertEquals("5 mg", NormalizedText.key("5\u00A0mg"));
    assertEquals("2 5", NormalizedText.key("2.5"));
  }

  @Test
  void expandsALigatureAndMapsBothLettersToIt() {
    // given the ligature "ﬁ" (one character, two normalised letters)
    String original = "\uFB01ne";

    // when
    NormalizedText n = NormalizedText.of(original);

    // then: a range that splits the ligature does not map back
    assertEquals("fine", n.text());
    assertEquals("f[0,1) i[0,1) n[1,2) e[2,3)", map(original));
    assertEquals(new Span(0, 3), n.toOriginal(0, 4));
    assertNull(n.toOriginal(1, 4));
    assertNull(n.toOriginal(0, 1));
  }

  @Test
  void mapsCharactersOutsideTheBasicPlaneAsWholeCodePoints() {
    // given
    String original = "x 😀 y";

    // when
    NormalizedText n = NormalizedText.of(original);

    // then
    assertEquals(new Span(2, 4), n.toOriginal(2, 4));
    assertNull(n.toOriginal(2, 3));
  }

  @Test
  void propertyEveryNormalisedCharacterMapsIntoTheTextInOrder() {
    Random random = new Random(11L);
    for (int round = 0; round < 2_000; round++) {
      // given
      String text = randomText(random, 40);

      // when
      NormalizedText n = NormalizedText.of(text);

      // then
      int previous = 0;
      for (int i = 0; i < n.length(); i++) {
        int start = n.originalStart(i);
        int end = n.originalEnd(i);
        assertTrue(0 <= start && start < end && end <= text.length(), text);
        assertTrue(start >= previous, () -> "offsets go back in " + text);
        previous = start;
      }
      assertEquals(n.text(), NormalizedText.key(text));
    }
  }

  @Test
  void propertyEveryGroundedSpanLiesInTheTextAndNormalisesToTheStringsNormalForm() {
    Random random = new Random(2024L);
    Aligner smart = Aligner.smart();
    int grounded = 0;
    for (int round = 0; round < 2_000; round++) {
      // given a random text and strings cut from it, some with their case or separators changed
      String text = randomText(random, 60);
      List<LabeledString> strings = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        int a = random.nextInt(text.length() + 1);
        int b = Math.min(text.length(), a + random.nextInt(12));
        while (a > 0 && a < text.length() && Character.isLowSurrogate(text.charAt(a))) {
          a--;
        }
        while (b < text.length() && Character.isLowSurrogate(text.charAt(b))) {
          b++;
        }
        String s = text.substring(a, b);
        if (random.nextBoolean()) {
          s = s.toUpperCase(java.util.Locale.ROOT).replace(' ', '-');
        }
        strings.add(new LabeledString(s, k % 2 == 0 ? "condition" : "drug"));
      }

      // when
      Grounding g = smart.ground(text, strings);

      // then
      for (Grounded m : g.mentions()) {
        Span span = m.mention().span();
        assertTrue(span.end() <= text.length() && !span.isEmpty(), () -> m + " in " + text);
        String key = NormalizedText.strictKey(span.of(text));
        boolean matchesAString =
            strings.stream()
                .anyMatch(
                    s ->
                        s.label().equals(m.mention().label())
                            && NormalizedText.strictKey(SmartAligner.clean(s.text())).equals(key));
        assertTrue(matchesAString, () -> m + " \"" + span.of(text) + "\" in \"" + text + "\"");
        grounded++;
      }
    }
    assertTrue(grounded > 1_000, "the property was checked on " + grounded + " spans only");
  }

  private static String randomText(Random random, int max) {
    String[] pieces = {
      "a", "B", "c", "é", "e\u0301", "\uFB01", "ß", "ſ", "1", "2", " ", "  ", "\n", "-", "\u2013",
      "'", "\u2019", ".", ",", "(", ")", "😀", "\u00AD", "\u00A0", "fever", "Crohn's", "i.v."
    };
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(max);
    for (int i = 0; i < n; i++) {
      b.append(pieces[random.nextInt(pieces.length)]);
    }
    return b.toString();
  }

  @Test
  void foldingKeepsTheLength() {
    // given
    String s = "İſKß😀";

    // when
    String folded = NormalizedText.fold(s);

    // then
    assertEquals(s.length(), folded.length());
    assertNotNull(folded);
    assertEquals("isk", folded.substring(0, 3));
  }
}
