package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokensTest {

  /** The tokens of {@code text}, joined with {@code |}. */
  private static String tokens(String text) {
    int[] b = Tokens.split(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < b.length; i += 2) {
      out.add(text.substring(b[i], b[i + 1]));
    }
    return String.join("|", out);
  }

  @Test
  void splitsLikeThePythonRegexOfTheBenchmark() {
    // given: expectations from Python 3.11, re.finditer(r"\w+(?:[-_]\w+)*|\S", text)
    // when / then
    assertEquals("non-small|cell", tokens("non-small cell"));
    assertEquals("type_2|a|-", tokens("type_2 a-"));
    assertEquals("IL-6|,", tokens("IL-6,"));
    assertEquals("a|-|-|b", tokens("a--b"));
    assertEquals("_-_", tokens("_-_"));
    assertEquals("Aspirin-induced|asthma|.", tokens("Aspirin-induced asthma."));
    assertEquals("", tokens(" \t\n"));
  }

  @Test
  void wordCharactersAreLettersNumbersAndUnderscoreAsInPython() {
    // given: expectations from Python 3.11
    // when / then: combining marks are not word characters in Python (they are in Java's
    // UNICODE_CHARACTER_CLASS)
    assertEquals("e|\u0301|te|\u0301", tokens("e\u0301te\u0301"));
    // numbers of every kind are: vulgar fractions, superscripts, Roman numerals, Arabic digits
    assertEquals("\u00bd\u00b2|\u2167", tokens("\u00bd\u00b2 \u2167"));
    assertEquals("\u0661\u0662-\u65e5", tokens("\u0661\u0662-\u65e5"));
    // letters outside the Basic Multilingual Plane are one character each
    assertEquals("\uD835\uDC00\uD835\uDC01x", tokens("\uD835\uDC00\uD835\uDC01x"));
    assertEquals("a|\uD83D\uDE42|b", tokens("a\uD83D\uDE42b"));
  }

  @Test
  void spacesArePythonsIsspaceSet() {
    // given: expectations from Python 3.11
    // when / then
    assertEquals("x|y", tokens("x\u00a0y"));
    assertEquals("x|y", tokens("x\u001cy"));
    assertEquals("x|y", tokens("x\u3000y"));
    // a zero-width space is not a space in Python: it is a token of its own
    assertEquals("x|\u200b|y", tokens("x\u200by"));
    assertTrue(Tokens.isSpace(0x2003));
    assertFalse(Tokens.isSpace(0x180E));
  }

  @Test
  void spaceIsExactlyTheCodePointsPythonCallsSpace() {
    // given: every c with c.isspace() in Python 3.11, from chr(0) to chr(0x10FFFF)
    String python =
        "9 a b c d 1c 1d 1e 1f 20 85 a0 1680 2000 2001 2002 2003 2004 2005 2006 2007 2008 2009"
            + " 200a 2028 2029 202f 205f 3000";
    // when
    List<String> java = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Tokens.isSpace(cp)) {
        java.add(Integer.toHexString(cp));
      }
    }
    // then
    assertEquals(python, String.join(" ", java));
  }

  @Test
  void laterMentionsOverwriteEarlierOnesCharacterByCharacter() {
    // given: condition over 0..6, then drug over 2..4, then condition again over 3..5
    LabelledSpans spans =
        LabelledSpans.of(new int[] {0, 2, 3}, new int[] {6, 4, 5}, new int[] {0, 1, 0});
    // when
    int[] labels = Tokens.paint(8, spans);
    // then
    assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0, -1, -1}, labels);
  }

  @Test
  void paintingEqualsOverwritingInListOrderForSparseAndCrowdedMentions() {
    Random random = new Random(23);
    for (int round = 0; round < 300; round++) {
      // given: up to 60 mentions in a text of up to 80 characters (both painting strategies)
      int length = 1 + random.nextInt(80);
      int n = random.nextInt(60);
      int[] start = new int[n];
      int[] end = new int[n];
      int[] label = new int[n];
      for (int m = 0; m < n; m++) {
        start[m] = random.nextInt(length);
        end[m] = Math.min(length, start[m] + random.nextInt(random.nextBoolean() ? 3 : 40));
        label[m] = random.nextInt(3);
      }
      int[] expected = new int[length];
      Arrays.fill(expected, Tokens.OUTSIDE);
      for (int m = 0; m < n; m++) {
        Arrays.fill(expected, start[m], end[m], label[m]);
      }
      // when
      int[] painted = Tokens.paint(length, LabelledSpans.of(start, end, label));
      // then
      assertArrayEquals(expected, painted, "round " + round);
    }
  }

  @Test
  void tokenTakesTheMajorityLabelOfItsCharacters() {
    // given: "chest" with three characters of condition and two outside
    String text = "chest";
    int[] chars = {-1, 0, 0, 0, -1};
    // when
    int label = Tokens.vote(text, chars, 0, 5, new Tokens.Ballot(2));
    // then
    assertEquals(0, label);
  }

  @Test
  void tieGoesToTheLowestLabelNumberAndToOutsideLast() {
    // given: tokens whose characters split evenly between labels
    Tokens.Ballot ballot = new Tokens.Ballot(3);
    // when / then: where the tied labels occur in the token does not matter
    assertEquals(1, Tokens.vote("pain", new int[] {-1, -1, 1, 1}, 0, 4, ballot));
    assertEquals(1, Tokens.vote("pain", new int[] {1, 1, -1, -1}, 0, 4, ballot));
    assertEquals(0, Tokens.vote("pains", new int[] {1, 0, -1, 0, 1}, 0, 5, ballot));
    assertEquals(0, Tokens.vote("pains", new int[] {2, 2, 0, 0, -1}, 0, 5, ballot));
    assertEquals(2, Tokens.vote("pain", new int[] {-1, 2, -1, 2}, 0, 4, ballot));
  }

  @Test
  void majorityStillBeatsTheTieOrder() {
    // given: two characters of label 2, one of label 0, one outside
    int[] chars = {2, 0, 2, -1};
    // when
    int label = Tokens.vote("pain", chars, 0, 4, new Tokens.Ballot(3));
    // then
    assertEquals(2, label);
  }

  @Test
  void votesCountCodePointsNotUtf16Units() {
    // given: "𝐀cd" with condition on 𝐀 (one code point, two units) and drug on "cd"
    String text = "\uD835\uDC00cd";
    int[] chars = {0, 0, 1, 1};
    // when
    int label = Tokens.vote(text, chars, 0, 4, new Tokens.Ballot(2));
    // then: drug has two characters to one
    assertEquals(1, label);
  }

  @Test
  void emptyTokenIsOutside() {
    // given
    int[] chars = {0, 0, 0};
    // when
    int label = Tokens.vote("abc", chars, 1, 1, new Tokens.Ballot(1));
    // then
    assertEquals(Tokens.OUTSIDE, label);
  }
}
