package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FuzzyTest {

  @Test
  void boundedDistanceAgreesWithTheFullComputationWithinTheBound() {
    Random random = new Random(5L);
    for (int round = 0; round < 5_000; round++) {
      // given
      String a = random(random);
      String b = random(random);
      int limit = random.nextInt(5);

      // when
      int bounded = Fuzzy.distance(a, 0, a.length(), b, limit);

      // then
      int full = levenshtein(a, b);
      assertEquals(full <= limit ? full : -1, bounded, a + " / " + b + " limit " + limit);
    }
  }

  @Test
  void findsTheClosestWindowsOfAsManyWords() {
    // given
    NormalizedText norm = NormalizedText.of("acute renal failure and acute renal failura");

    // when
    List<int[]> windows = Fuzzy.find(norm, "acute renal failurx", 0.9);

    // then: both windows are one edit away; equal distance keeps both
    assertEquals(2, windows.size());
    assertEquals(
        "acute renal failure", norm.text().substring(windows.get(0)[0], windows.get(0)[1]));
    assertEquals(
        "acute renal failura", norm.text().substring(windows.get(1)[0], windows.get(1)[1]));
  }

  @Test
  void shortStringsAreNeverMatched() {
    // given
    NormalizedText norm = NormalizedText.of("fevers");

    // when / then
    assertEquals(0, Fuzzy.find(norm, "fever", 0.5).size());
  }

  private static String random(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(9); i > 0; i--) {
      b.append("abc".charAt(r.nextInt(3)));
    }
    return b.toString();
  }

  private static int levenshtein(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
        } else {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
