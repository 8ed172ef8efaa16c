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
    for (int i : candidates(norm, key, k, threshold)) {
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
   * The first words of the windows worth measuring, in order. A window within distance {@code d} of
   * the key ends where some stretch of the text within {@code d} of the key ends, and {@code d} is
   * at most {@code (1 - threshold) * |key| / threshold}; so for keys of up to 64 characters a
   * bit-parallel approximate search over the text (Myers 1999) names the few word ends to look at,
   * in time linear in the text. Longer keys measure every window.
   */
  private static int[] candidates(NormalizedText norm, String key, int k, double threshold) {
    int windows = Math.max(0, norm.words().size() - k + 1);
    int m = key.length();
    if (m > 64) {
      int[] all = new int[windows];
      for (int i = 0; i < windows; i++) {
        all[i] = i;
      }
      return all;
    }
    int maxDistance = (int) Math.floor((1 - threshold) * m / threshold + 1e-9);
    if (maxDistance >= m) {
      maxDistance = m - 1;
    }
    char[] text = norm.chars();
    int[] wordEnds = norm.wordEnds();
    java.util.Map<Character, Long> peq = new java.util.HashMap<>();
    long[] ascii = new long[128];
    for (int i = 0; i < m; i++) {
      char c = key.charAt(i);
      if (c < 128) {
        ascii[c] |= 1L << i;
      } else {
        peq.merge(c, 1L << i, (a, b) -> a | b);
      }
    }
    // Pigeonhole: a stretch within maxDistance of the key holds one of maxDistance + 1 pieces of
    // it exactly, so only the surroundings of the pieces' occurrences are searched.
    List<int[]> intervals = new ArrayList<>();
    int pieces = maxDistance + 1;
    if (m / pieces >= 3) {
      String normal = norm.text();
      for (int p = 0; p < pieces; p++) {
        int from = p * m / pieces;
        int to = (p + 1) * m / pieces;
        String piece = key.substring(from, to);
        for (int at = normal.indexOf(piece); at >= 0; at = normal.indexOf(piece, at + 1)) {
          intervals.add(
              new int[] {
                Math.max(0, at - from - maxDistance),
                Math.min(text.length, at + (m - from) + maxDistance)
              });
        }
      }
      intervals.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<int[]> merged = new ArrayList<>();
      for (int[] interval : intervals) {
        int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (last != null && interval[0] <= last[1]) {
          last[1] = Math.max(last[1], interval[1]);
        } else {
          merged.add(interval);
        }
      }
      intervals = merged;
    } else {
      intervals.add(new int[] {0, text.length});
    }
    int[] found = new int[16];
    int count = 0;
    for (int[] interval : intervals) {
      int begin = interval[0];
      long high = 1L << (m - 1);
      long pv = m == 64 ? -1L : (1L << m) - 1;
      long mv = 0;
      int score = m;
      for (int j = begin; j < interval[1]; j++) {
        char c = text[j];
        long eq = c < 128 ? ascii[c] : peq.getOrDefault(c, 0L);
        long xv = eq | mv;
        long xh = (((eq & pv) + pv) ^ pv) | eq;
        long ph = mv | ~(xh | pv);
        long mh = pv & xh;
        if ((ph & high) != 0) {
          score++;
        } else if ((mh & high) != 0) {
          score--;
        }
        ph <<= 1;
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
        if (score <= maxDistance && wordEnds[j] >= 0) {
          int start = wordEnds[j] - k + 1;
          if (start >= 0 && (count == 0 || found[count - 1] != start)) {
            if (count == found.length) {
              found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = start;
          }
        }
      }
    }
    return Arrays.copyOf(found, count);
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
