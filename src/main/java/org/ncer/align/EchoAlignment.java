package org.ncer.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ncer.span.Span;

/**
 * An alignment of a model's echo of a note (its answer with the tags removed) to the note, which
 * maps a region the model marked in the echo to the note text it stands for.
 *
 * <p>Both texts are cut into tokens (runs of letters and digits, and single symbols) compared
 * ignoring case with one spelling for dashes and quotes, so that spacing never matters. Tokens are
 * matched as in a patience diff: common leading and trailing tokens, then tokens that occur once in
 * each side as anchors (their longest increasing run), recursively between anchors; a stretch
 * without such anchors is matched by a longest common subsequence when it is small. Between matched
 * tokens the characters of the two stretches are aligned by edit distance, again only when the
 * stretches are small. So a model's small rewrites (spacing, dashes, quotes, a dropped, inserted or
 * misspelt word, a paraphrased stretch elsewhere) leave the alignment of the rest intact.
 *
 * <p>The cost is linear in the length of the texts plus the work on the stretches that differ,
 * which is bounded per stretch ({@value #STRETCH_CELLS} cells for characters, {@value #TOKEN_CELLS}
 * for tokens): a long note echoed almost verbatim aligns in time proportional to its length, and a
 * stretch that differs too much is left unaligned rather than aligned slowly.
 */
final class EchoAlignment {
  static final int STRETCH_CELLS = 250_000;
  static final int TOKEN_CELLS = 40_000;
  private static final int MAX_DEPTH = 64;

  private final String echo;
  private final String note;
  // For each echo character: the note character it aligns with, or -1.
  private final int[] map;
  // For each echo character: whether the aligned note character is the same after folding.
  private final boolean[] same;
  // For each echo character: the last aligned note character at or before it, or -1.
  private int[] before;

  private EchoAlignment(String echo, String note, int[] map, boolean[] same) {
    this.echo = echo;
    this.note = note;
    this.map = map;
    this.same = same;
  }

  /** Aligns {@code echo} to {@code note}. */
  static EchoAlignment of(String echo, String note) {
    Tokens e = Tokens.of(echo);
    Tokens n = Tokens.of(note);
    int[] tokenMatch = new int[e.size()];
    Arrays.fill(tokenMatch, -1);
    matchTokens(e, n, 0, e.size(), 0, n.size(), tokenMatch, 0);
    int[] map = new int[echo.length()];
    boolean[] same = new boolean[echo.length()];
    Arrays.fill(map, -1);
    int prevE = 0;
    int prevN = 0;
    for (int i = 0; i < e.size(); i++) {
      int j = tokenMatch[i];
      if (j < 0) {
        continue;
      }
      alignStretch(echo, prevE, e.start[i], note, prevN, n.start[j], map, same);
      for (int k = 0; k < e.end[i] - e.start[i]; k++) {
        map[e.start[i] + k] = n.start[j] + k;
        same[e.start[i] + k] = true;
      }
      prevE = e.end[i];
      prevN = n.end[j];
    }
    alignStretch(echo, prevE, echo.length(), note, prevN, note.length(), map, same);
    return new EchoAlignment(echo, note, map, same);
  }

  /**
   * Where the echo region {@code [from, to)} lies in the note: a span when at least half of its
   * non-space characters align with the same character, else only a hint.
   */
  Placement place(int from, int to) {
    int nonSpace = 0;
    int matched = 0;
    int first = -1;
    int last = -1;
    for (int p = Math.max(0, from); p < Math.min(to, echo.length()); p++) {
      if (Character.isWhitespace(echo.charAt(p))) {
        continue;
      }
      nonSpace++;
      if (map[p] >= 0) {
        if (same[p]) {
          matched++;
        }
        if (first < 0) {
          first = map[p];
        }
        last = map[p];
      }
    }
    int hint = hint(from);
    if (nonSpace == 0 || first < 0 || matched * 2 < nonSpace || last < first) {
      return new Placement(null, hint);
    }
    int end = last + Character.charCount(note.codePointAt(last));
    return new Placement(new Span(first, end), first);
  }

  /** A note offset near where echo offset {@code p} belongs. */
  private int hint(int p) {
    if (before == null) {
      before = new int[echo.length()];
      int last = -1;
      for (int i = 0; i < echo.length(); i++) {
        if (map[i] >= 0) {
          last = map[i];
        }
        before[i] = last;
      }
    }
    if (p > 0 && p <= echo.length() && before[p - 1] >= 0) {
      return Math.min(note.length(), before[p - 1] + 1);
    }
    return echo.isEmpty()
        ? 0
        : (int) Math.min(note.length(), (long) p * note.length() / echo.length());
  }

  /** The token sequence of a text with each token's range and matching key. */
  private static final class Tokens {
    final String[] key;
    final int[] start;
    final int[] end;

    private Tokens(String[] key, int[] start, int[] end) {
      this.key = key;
      this.start = start;
      this.end = end;
    }

    int size() {
      return key.length;
    }

    static Tokens of(String s) {
      List<String> keys = new ArrayList<>();
      List<int[]> ranges = new ArrayList<>();
      int i = 0;
      StringBuilder b = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
          i++;
          continue;
        }
        int from = i;
        b.setLength(0);
        if (isWord(c)) {
          while (i < s.length() && isWord(s.charAt(i))) {
            b.append(NormalizedText.fold(s.charAt(i)));
            i++;
          }
        } else {
          b.append(NormalizedText.symbol(c));
          i++;
        }
        keys.add(b.toString());
        ranges.add(new int[] {from, i});
      }
      int[] start = new int[ranges.size()];
      int[] end = new int[ranges.size()];
      for (int k = 0; k < ranges.size(); k++) {
        start[k] = ranges.get(k)[0];
        end[k] = ranges.get(k)[1];
      }
      return new Tokens(keys.toArray(new String[0]), start, end);
    }

    private static boolean isWord(char c) {
      return Character.isLetterOrDigit(c) || Character.isSurrogate(c);
    }
  }

  private static void matchTokens(
      Tokens e, Tokens n, int e0, int e1, int n0, int n1, int[] match, int depth) {
    while (e0 < e1 && n0 < n1 && e.key[e0].equals(n.key[n0])) {
      match[e0++] = n0++;
    }
    while (e0 < e1 && n0 < n1 && e.key[e1 - 1].equals(n.key[n1 - 1])) {
      match[--e1] = --n1;
    }
    if (e0 >= e1 || n0 >= n1) {
      return;
    }
    List<int[]> anchors = depth < MAX_DEPTH ? anchors(e, n, e0, e1, n0, n1) : List.of();
    if (anchors.isEmpty()) {
      if ((long) (e1 - e0) * (n1 - n0) <= TOKEN_CELLS) {
        commonSubsequence(e, n, e0, e1, n0, n1, match);
      }
      return;
    }
    int pe = e0;
    int pn = n0;
    for (int[] a : anchors) {
      matchTokens(e, n, pe, a[0], pn, a[1], match, depth + 1);
      match[a[0]] = a[1];
      pe = a[0] + 1;
      pn = a[1] + 1;
    }
    matchTokens(e, n, pe, e1, pn, n1, match, depth + 1);
  }

  /**
   * The tokens that occur exactly once in each range, as {@code {echo index, note index}}, reduced
   * to their longest run increasing on both sides.
   */
  private static List<int[]> anchors(Tokens e, Tokens n, int e0, int e1, int n0, int n1) {
    Map<String, int[]> seen = new HashMap<>();
    for (int i = e0; i < e1; i++) {
      int[] c = seen.computeIfAbsent(e.key[i], k -> new int[] {0, 0, -1, -1});
      c[0]++;
      c[2] = i;
    }
    for (int j = n0; j < n1; j++) {
      int[] c = seen.get(n.key[j]);
      if (c != null) {
        c[1]++;
        c[3] = j;
      }
    }
    List<int[]> pairs = new ArrayList<>();
    for (int i = e0; i < e1; i++) {
      int[] c = seen.get(e.key[i]);
      if (c[0] == 1 && c[1] == 1) {
        pairs.add(new int[] {i, c[3]});
      }
    }
    return longestIncreasing(pairs);
  }

  /** The longest subsequence of {@code pairs} (sorted by echo index) increasing in note index. */
  private static List<int[]> longestIncreasing(List<int[]> pairs) {
    int size = pairs.size();
    if (size == 0) {
      return pairs;
    }
    int[] tails = new int[size];
    int[] previous = new int[size];
    int length = 0;
    for (int k = 0; k < size; k++) {
      int v = pairs.get(k)[1];
      int lo = 0;
      int hi = length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (pairs.get(tails[mid])[1] < v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      previous[k] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = k;
      if (lo == length) {
        length++;
      }
    }
    int[][] run = new int[length][];
    for (int k = tails[length - 1], at = length - 1; k >= 0; k = previous[k], at--) {
      run[at] = pairs.get(k);
    }
    return Arrays.asList(run);
  }

  private static void commonSubsequence(
      Tokens e, Tokens n, int e0, int e1, int n0, int n1, int[] match) {
    int a = e1 - e0;
    int b = n1 - n0;
    int[][] len = new int[a + 1][b + 1];
    for (int i = a - 1; i >= 0; i--) {
      for (int j = b - 1; j >= 0; j--) {
        len[i][j] =
            e.key[e0 + i].equals(n.key[n0 + j])
                ? len[i + 1][j + 1] + 1
                : Math.max(len[i + 1][j], len[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a && j < b) {
      if (e.key[e0 + i].equals(n.key[n0 + j])) {
        match[e0 + i] = n0 + j;
        i++;
        j++;
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
  }

  /**
   * Aligns the non-space characters of {@code echo[e0, e1)} and {@code note[n0, n1)} by edit
   * distance, when the stretch is small enough.
   */
  private static void alignStretch(
      String echo, int e0, int e1, String note, int n0, int n1, int[] map, boolean[] same) {
    int[] ec = nonSpace(echo, e0, e1);
    int[] nc = nonSpace(note, n0, n1);
    int a = ec.length;
    int b = nc.length;
    if (a == 0 || b == 0 || (long) a * b > STRETCH_CELLS) {
      return;
    }
    int[][] d = new int[a + 1][b + 1];
    for (int i = 0; i <= a; i++) {
      d[i][b] = a - i;
    }
    for (int j = 0; j <= b; j++) {
      d[a][j] = b - j;
    }
    for (int i = a - 1; i >= 0; i--) {
      char x = key(echo.charAt(ec[i]));
      for (int j = b - 1; j >= 0; j--) {
        int cost = x == key(note.charAt(nc[j])) ? 0 : 1;
        d[i][j] = Math.min(d[i + 1][j + 1] + cost, Math.min(d[i + 1][j], d[i][j + 1]) + 1);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a && j < b) {
      boolean equal = key(echo.charAt(ec[i])) == key(note.charAt(nc[j]));
      if (d[i][j] == d[i + 1][j + 1] + (equal ? 0 : 1)) {
        map[ec[i]] = nc[j];
        same[ec[i]] = equal;
        i++;
        j++;
      } else if (d[i][j] == d[i + 1][j] + 1) {
        i++;
      } else {
        j++;
      }
    }
  }

  private static char key(char c) {
    return NormalizedText.symbol(NormalizedText.fold(c));
  }

  private static int[] nonSpace(String s, int from, int to) {
    int[] out = new int[Math.max(0, to - from)];
    int k = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }
}
