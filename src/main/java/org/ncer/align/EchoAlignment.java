package org.ncer.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * tokens the characters of the two stretches are aligned by edit distance, each run of white space
 * a cheap gap between words, again only when the stretches are small. A run of tokens the model
 * moved is paired where it stands in the note, and where runs of equal tokens leave a choice, the
 * marked regions are kept whole. So a model's small rewrites (spacing, dashes, quotes, a dropped,
 * inserted or misspelt word, a paraphrased stretch elsewhere) leave the alignment of the rest
 * intact.
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
  // The fewest tokens of a stretch the model moved that is looked for elsewhere in the note.
  private static final int MOVED_MIN = 4;
  private static final int MOVED_KEY_RUNS = 32;

  private final String echo;
  private final String note;
  // For each echo character: the note character it aligns with, or -1.
  private final int[] map;
  // For each echo character: whether the aligned note character is the same after folding.
  private final boolean[] same;
  // For each echo character: the last aligned note character at or before it, or -1.
  private int[] before;
  // For each note character: whether some echo character aligns with it.
  private boolean[] echoedNote;

  private EchoAlignment(String echo, String note, int[] map, boolean[] same) {
    this.echo = echo;
    this.note = note;
    this.map = map;
    this.same = same;
  }

  /** Aligns {@code echo} to {@code note}. */
  static EchoAlignment of(String echo, String note) {
    return of(echo, note, List.of());
  }

  /**
   * Aligns {@code echo} to {@code note}, keeping the marked {@code regions} of the echo ({@code
   * {start, end}} offsets) whole where the alignment leaves a choice.
   */
  static EchoAlignment of(String echo, String note, List<int[]> regions) {
    Tokens e = Tokens.of(echo);
    Tokens n = Tokens.of(note);
    int[] tokenMatch = new int[e.size()];
    Arrays.fill(tokenMatch, -1);
    matchTokens(e, n, 0, e.size(), 0, n.size(), tokenMatch, 0);
    matchMoved(e, n, tokenMatch);
    if (!regions.isEmpty()) {
      slide(e, n, tokenMatch, regionOfToken(e, regions));
    }
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
   * non-space characters align with the same character, else only a hint. The span takes in the
   * letters and digits of a note word at its edges that the echo left out, so that a region never
   * ends inside a word only because the model shortened the word.
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
    // Scattered matches across a longer stretch of the note are no counterpart of the region.
    int covered = 0;
    for (int q = first; q < end; q++) {
      if (!Character.isWhitespace(note.charAt(q))) {
        covered++;
      }
    }
    if (matched * 2 < covered) {
      return new Placement(null, hint);
    }
    // A word the model shortened in its echo ("seizure" for the note's "seizures") is marked
    // whole: the span runs on over the letters of the note word that the echo left out, never over
    // letters the echo has outside the region.
    while (first > 0 && inWord(first - 1, first) && !echoed(first - 1)) {
      first--;
    }
    while (end < note.length() && inWord(end - 1, end) && !echoed(end)) {
      end++;
    }
    return new Placement(new Span(first, end), first);
  }

  /** True when the note characters at {@code a} and {@code b} are both letters or digits. */
  private boolean inWord(int a, int b) {
    return isWordChar(note.charAt(a)) && isWordChar(note.charAt(b));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || Character.isSurrogate(c);
  }

  /** True when some echo character aligns with note character {@code q}. */
  private boolean echoed(int q) {
    if (echoedNote == null) {
      echoedNote = new boolean[note.length()];
      for (int m : map) {
        if (m >= 0) {
          echoedNote[m] = true;
        }
      }
    }
    return echoedNote[q];
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
    for (int q = Math.max(0, p); q < echo.length(); q++) {
      if (map[q] >= 0) {
        return Math.max(0, map[q] - (q - p));
      }
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

  /**
   * Pairs a run of unpaired echo tokens with the run of unpaired note tokens it shares most of its
   * words with, when that is at least half of them: a sentence the model moved elsewhere in its
   * echo is then aligned where it stands in the note, instead of being searched for.
   */
  private static void matchMoved(Tokens e, Tokens n, int[] match) {
    boolean[] paired = new boolean[n.size()];
    for (int j : match) {
      if (j >= 0) {
        paired[j] = true;
      }
    }
    List<int[]> noteRuns = new ArrayList<>();
    Map<String, Set<Integer>> runsWithKey = new HashMap<>();
    for (int j = 0; j < n.size(); ) {
      if (paired[j]) {
        j++;
        continue;
      }
      int from = j;
      while (j < n.size() && !paired[j]) {
        j++;
      }
      if (j - from >= MOVED_MIN) {
        for (int q = from; q < j; q++) {
          runsWithKey.computeIfAbsent(n.key[q], k -> new HashSet<>()).add(noteRuns.size());
        }
        noteRuns.add(new int[] {from, j});
      }
    }
    if (noteRuns.isEmpty()) {
      return;
    }
    boolean[] taken = new boolean[noteRuns.size()];
    for (int i = 0; i < e.size(); ) {
      if (match[i] >= 0) {
        i++;
        continue;
      }
      int from = i;
      while (i < e.size() && match[i] < 0) {
        i++;
      }
      if (i - from < MOVED_MIN) {
        continue;
      }
      Set<String> keys = new HashSet<>(Arrays.asList(e.key).subList(from, i));
      Map<Integer, Integer> shared = new HashMap<>();
      for (String k : keys) {
        Set<Integer> runs = runsWithKey.getOrDefault(k, Set.of());
        if (runs.size() > MOVED_KEY_RUNS) {
          // A token in that many runs ("the", ".") says little, and counting it would cost time
          // quadratic in the note's length.
          continue;
        }
        for (int run : runs) {
          if (!taken[run]) {
            shared.merge(run, 1, Integer::sum);
          }
        }
      }
      int best = -1;
      for (Map.Entry<Integer, Integer> c : shared.entrySet()) {
        if (best < 0 || c.getValue() > shared.get(best)) {
          best = c.getKey();
        }
      }
      if (best >= 0 && shared.get(best) * 2 >= keys.size()) {
        taken[best] = true;
        int[] run = noteRuns.get(best);
        matchTokens(e, n, from, i, run[0], run[1], match, 0);
      }
    }
  }

  /** For each echo token, the index of a region that holds it whole, or -1. */
  private static int[] regionOfToken(Tokens e, List<int[]> regions) {
    int[] region = new int[e.size()];
    Arrays.fill(region, -1);
    for (int r = 0; r < regions.size(); r++) {
      int from = regions.get(r)[0];
      int to = regions.get(r)[1];
      // The first token that starts at or after the region's start.
      int lo = 0;
      int hi = e.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (e.start[mid] < from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int i = lo; i < e.size() && e.end[i] <= to; i++) {
        if (region[i] < 0) {
          region[i] = r;
        }
      }
    }
    return region;
  }

  /**
   * Moves a run of left-out note tokens, or of added echo tokens, along tokens of the same key
   * where that keeps a marked region whole. A diff matches equal tokens greedily, so when the model
   * left out a word equal to the first word of the next region ({@code induce torsade. Torsade de
   * pointes} echoed as {@code induce <span>Torsade de pointes</span>}), the region's first word
   * would pair with the left-out one and the region would map across the gap.
   */
  private static void slide(Tokens e, Tokens n, int[] match, int[] region) {
    int k = 0;
    while (k < e.size()) {
      // the next matched token after k and the one after it
      int a = k;
      while (a < e.size() && match[a] < 0) {
        a++;
      }
      int b = a + 1;
      while (b < e.size() && match[b] < 0) {
        b++;
      }
      if (b >= e.size()) {
        return;
      }
      if (b == a + 1 && match[b] > match[a] + 1) {
        slideLeftOut(e, n, match, region, a, b);
      } else if (b > a + 1 && match[b] == match[a] + 1) {
        slideAdded(e, match, region, a, b);
      }
      k = a + 1;
    }
  }

  /**
   * Echo tokens {@code a} and {@code a + 1} pair with note tokens that have left-out ones between
   * them. When a region holds both, the left-out run is moved to a place where no region holds the
   * tokens on both sides of it.
   */
  private static void slideLeftOut(Tokens e, Tokens n, int[] match, int[] region, int a, int b) {
    if (!(region[a] >= 0 && region[a] == region[b])) {
      return;
    }
    int gapEnd = match[b];
    // Move up: the pairs ending at a move to just before the next paired note token.
    for (int s = 1; a - s + 1 >= 0; s++) {
      int i = a - s + 1;
      if (match[i] != match[a] - (s - 1) || !n.key[match[i]].equals(n.key[gapEnd - s])) {
        break;
      }
      boolean whole = i == 0 || !(region[i - 1] >= 0 && region[i - 1] == region[i]);
      if (whole) {
        for (int t = 0; t < s; t++) {
          match[a - t] = gapEnd - 1 - t;
        }
        return;
      }
    }
    // Move down: the pairs starting at b move to just after the previous paired note token.
    int gapStart = match[a];
    for (int s = 1; b + s - 1 < e.size(); s++) {
      int i = b + s - 1;
      if (match[i] != match[b] + (s - 1) || !n.key[match[i]].equals(n.key[gapStart + s])) {
        break;
      }
      boolean whole = i + 1 >= e.size() || !(region[i + 1] >= 0 && region[i + 1] == region[i]);
      if (whole) {
        for (int t = 0; t < s; t++) {
          match[b + t] = gapStart + 1 + t;
        }
        return;
      }
    }
  }

  /**
   * Echo tokens between {@code a} and {@code b} are added ones (the note tokens of {@code a} and
   * {@code b} are neighbours). When some of them lie in a region, the added run is moved along
   * equal tokens to a place where fewer of its tokens lie in a region.
   */
  private static void slideAdded(Tokens e, int[] match, int[] region, int a, int b) {
    int inRegion = countIn(region, a + 1, b);
    if (inRegion == 0) {
      return;
    }
    int best = 0;
    int bestCount = inRegion;
    // Move up by s: echo tokens a-s+1..a give their pairs to b-s..b-1.
    for (int s = 1; a - s + 1 >= 0; s++) {
      int i = a - s + 1;
      if (match[i] != match[a] - (s - 1) || !e.key[i].equals(e.key[b - s])) {
        break;
      }
      int c = countIn(region, a + 1 - s, b - s);
      if (c < bestCount) {
        best = -s;
        bestCount = c;
      }
    }
    // Move down by s: echo tokens b..b+s-1 give their pairs to a+1..a+s.
    for (int s = 1; b + s - 1 < e.size(); s++) {
      int i = b + s - 1;
      if (match[i] != match[b] + (s - 1) || !e.key[i].equals(e.key[a + s])) {
        break;
      }
      int c = countIn(region, a + 1 + s, b + s);
      if (c < bestCount) {
        best = s;
        bestCount = c;
      }
    }
    if (best < 0) {
      for (int t = 0; t < -best; t++) {
        match[b - 1 - t] = match[a - t];
        match[a - t] = -1;
      }
    } else if (best > 0) {
      for (int t = 0; t < best; t++) {
        match[a + 1 + t] = match[b + t];
        match[b + t] = -1;
      }
    }
  }

  /** How many echo tokens in {@code [from, to)} lie in a region. */
  private static int countIn(int[] region, int from, int to) {
    int c = 0;
    for (int i = from; i < to; i++) {
      if (region[i] >= 0) {
        c++;
      }
    }
    return c;
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

  // Costs of the character alignment: a changed or a left-out character costs 2, a left-out word
  // gap 1 (spacing matters little), and pairing a gap with a character costs more than either.
  private static final int CHANGE = 2;
  private static final int SKIP = 2;
  private static final int SKIP_GAP = 1;
  private static final int GAP_FOR_CHARACTER = 3;
  private static final char GAP = ' ';

  /**
   * Aligns the characters of {@code echo[e0, e1)} and {@code note[n0, n1)} by weighted edit
   * distance, when the stretch is small enough. Each run of white space takes part as one gap
   * between words, cheap to leave out or add, so that spacing counts little but a word's letters
   * pair with the letters of the same word: in {@code convulsives siezures} against {@code
   * convulsive seizures}, the added {@code s} stays unpaired rather than pair with the first letter
   * of the next word.
   */
  private static void alignStretch(
      String echo, int e0, int e1, String note, int n0, int n1, int[] map, boolean[] same) {
    if (e0 >= e1 || n0 >= n1) {
      return;
    }
    int[] ec = units(echo, e0, e1);
    int[] nc = units(note, n0, n1);
    int a = ec.length;
    int b = nc.length;
    if (a == 0 || b == 0 || (long) a * b > STRETCH_CELLS) {
      return;
    }
    char[] ek = new char[a];
    char[] nk = new char[b];
    for (int i = 0; i < a; i++) {
      ek[i] = unitKey(echo, ec[i]);
    }
    for (int j = 0; j < b; j++) {
      nk[j] = unitKey(note, nc[j]);
    }
    int[][] d = new int[a + 1][b + 1];
    for (int i = a - 1; i >= 0; i--) {
      d[i][b] = d[i + 1][b] + skip(ek[i]);
    }
    for (int j = b - 1; j >= 0; j--) {
      d[a][j] = d[a][j + 1] + skip(nk[j]);
    }
    for (int i = a - 1; i >= 0; i--) {
      for (int j = b - 1; j >= 0; j--) {
        d[i][j] =
            Math.min(
                d[i + 1][j + 1] + change(ek[i], nk[j]),
                Math.min(d[i + 1][j] + skip(ek[i]), d[i][j + 1] + skip(nk[j])));
      }
    }
    int i = 0;
    int j = 0;
    // Among the cheapest alignments, a left-out or added character is preferred to a changed one,
    // so that a character the model added at the edge of a word ("carbonates" for "carbonate")
    // is left unaligned rather than paired with the first letter of the next word.
    while (i < a && j < b) {
      boolean equal = ek[i] == nk[j];
      if (equal && d[i][j] == d[i + 1][j + 1]) {
        pair(ec[i], nc[j], ek[i], true, map, same);
        i++;
        j++;
      } else if (d[i][j] == d[i + 1][j] + skip(ek[i])) {
        i++;
      } else if (d[i][j] == d[i][j + 1] + skip(nk[j])) {
        j++;
      } else {
        pair(ec[i], nc[j], ek[i], equal, map, same);
        i++;
        j++;
      }
    }
  }

  private static int skip(char unit) {
    return unit == GAP ? SKIP_GAP : SKIP;
  }

  private static int change(char x, char y) {
    if (x == y) {
      return 0;
    }
    return x == GAP || y == GAP ? GAP_FOR_CHARACTER : CHANGE;
  }

  /** Records that echo unit {@code e} pairs with note unit {@code n}; gaps map nowhere. */
  private static void pair(int e, int n, char unit, boolean equal, int[] map, boolean[] same) {
    if (unit != GAP) {
      map[e] = n;
      same[e] = equal;
    }
  }

  private static char unitKey(String s, int at) {
    return isSpace(s.charAt(at)) ? GAP : key(s.charAt(at));
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static char key(char c) {
    return NormalizedText.symbol(NormalizedText.fold(c));
  }

  /**
   * The positions of the units of {@code s[from, to)}: each character but white space, and the
   * first character of each run of white space, which stands for the run.
   */
  private static int[] units(String s, int from, int to) {
    int[] out = new int[Math.max(0, to - from)];
    int k = 0;
    for (int i = from; i < to; i++) {
      if (!isSpace(s.charAt(i)) || i == from || !isSpace(s.charAt(i - 1))) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }
}
