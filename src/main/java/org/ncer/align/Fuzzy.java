package org.ncer.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bounded fuzzy step: windows of whole words of the normalised text that are nearly the
 * normalised string.
 *
 * <p>A window has as many words as the string; its similarity is {@code 1 - d / max(|w|, |s|)},
 * {@code d} the Levenshtein distance in characters. The windows at the smallest distance are
 * returned when their similarity reaches the threshold. Strings shorter than {@value
 * SmartAligner#FUZZY_MIN_LENGTH} normalised characters are never matched this way.
 */
final class Fuzzy {
  private Fuzzy() {}

  /** The best windows, as normalised ranges {@code {from, to}}; empty when none is close enough. */
  static List<int[]> find(NormalizedText norm, String key, double threshold) {
    List<int[]> best = new ArrayList<>();
    if (key.length() < SmartAligner.FUZZY_MIN_LENGTH) {
      return best;
    }
    String text = norm.text();
    List<int[]> words = norm.words();
    int k = NormalizedText.words(key).size();
    int bestDistance = Integer.MAX_VALUE;
    for (int i = 0; i + k <= words.size(); i++) {
      int from = words.get(i)[0];
      int to = words.get(i + k - 1)[1];
      int longest = Math.max(to - from, key.length());
      int limit = (int) Math.floor((1 - threshold) * longest + 1e-9);
      int d = distance(text, from, to, key, Math.min(limit, bestDistance));
      if (d < 0) {
        continue;
      }
      if (d < bestDistance) {
        bestDistance = d;
        best.clear();
      }
      best.add(new int[] {from, to});
    }
    return best;
  }

  /**
   * The Levenshtein distance between {@code a[from, to)} and {@code b}, or -1 when it exceeds
   * {@code limit}. Only the diagonal band of width {@code 2 * limit + 1} is computed.
   */
  static int distance(String a, int from, int to, String b, int limit) {
    int n = to - from;
    int m = b.length();
    if (limit < 0 || Math.abs(n - m) > limit) {
      return -1;
    }
    int big = limit + 1;
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j <= limit ? j : big;
    }
    for (int i = 1; i <= n; i++) {
      int lo = Math.max(1, i - limit);
      int hi = Math.min(m, i + limit);
      Arrays.fill(cur, big);
      cur[0] = i <= limit ? i : big;
      int rowMin = cur[0];
      char ca = a.charAt(from + i - 1);
      for (int j = lo; j <= hi; j++) {
        int cost = ca == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(prev[j - 1] + cost, Math.min(prev[j] + 1, cur[j - 1] + 1));
        cur[j] = Math.min(v, big);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return -1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[m] <= limit ? prev[m] : -1;
  }
}
