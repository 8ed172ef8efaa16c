package org.ncer.score;

import java.util.Arrays;

/**
 * The benchmark's token view of a text: the tokens of {@code \w+(?:[-_]\w+)*|\S} and the label of
 * each token (see {@link TokenScores}). Linear in the length of the text.
 *
 * <p>The scan reproduces Python's {@code re} on {@code str}: {@code \w} is a letter, a number or
 * {@code _} (Unicode categories L* and N*; checked against Python 3.11 over every code point), and
 * {@code \s} is Python's {@code str.isspace()} set. Java's {@code UNICODE_CHARACTER_CLASS} differs
 * on both (its {@code \w} takes combining marks and leaves out numbers such as ½; its {@code \s}
 * leaves out U+001C..U+001F), so a {@code Pattern} is not used. Token offsets are {@code String}
 * indices; a character outside the Basic Multilingual Plane is one token character, as in Python.
 */
final class Tokens {
  /** Label number of characters and tokens outside every mention: the benchmark's {@code 'O'}. */
  static final int OUTSIDE = -1;

  private Tokens() {}

  /** The token boundaries of {@code text}: {@code [start0, end0, start1, end1, ...]}. */
  static int[] split(String text) {
    int[] bounds = new int[2 * text.length()];
    return Arrays.copyOf(bounds, split(text, bounds));
  }

  /**
   * Writes the token boundaries of {@code text} to {@code bounds}, which must hold {@code 2 *
   * text.length()} ints, and returns how many it wrote.
   */
  static int split(String text, int[] bounds) {
    int n = 0;
    int i = 0;
    int length = text.length();
    while (i < length) {
      int cp = codePointAt(text, i);
      int start = i;
      i += Character.charCount(cp);
      if (isWord(cp)) {
        i = endOfWordRun(text, i);
        // (?:[-_]\w+)*: an underscore is itself a word character, so only '-' can join here.
        while (i + 1 < length && text.charAt(i) == '-' && isWord(codePointAt(text, i + 1))) {
          i = endOfWordRun(text, i + 1);
        }
      } else if (isSpace(cp)) {
        continue;
      }
      bounds[n++] = start;
      bounds[n++] = i;
    }
    return n;
  }

  private static int endOfWordRun(String text, int i) {
    while (i < text.length()) {
      int cp = codePointAt(text, i);
      if (!isWord(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  /** {@link String#codePointAt}, with the common case of a character outside surrogates first. */
  private static int codePointAt(String text, int i) {
    char c = text.charAt(i);
    return Character.isSurrogate(c) ? text.codePointAt(i) : c;
  }

  /** Python's {@code \w} on {@code str}: letters, numbers and the underscore. */
  static boolean isWord(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z')
          || (cp >= 'A' && cp <= 'Z')
          || (cp >= '0' && cp <= '9')
          || cp == '_';
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  /** Python's {@code \s} on {@code str} ({@code str.isspace()}), besides U+2000..U+200A. */
  private static final String SPACES =
      "\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000";

  /** Python's {@code \s} on {@code str} ({@code str.isspace()}). */
  static boolean isSpace(int cp) {
    return cp == ' ' || (cp >= 0x2000 && cp <= 0x200A) || (cp <= 0xFFFF && SPACES.indexOf(cp) >= 0);
  }

  /**
   * The label of each character of a text of {@code length} characters: the label of the last
   * mention in list order that covers it, {@link #OUTSIDE} for none. The benchmark builds this map
   * by overwriting in list order, which costs the total length of the mentions. That is done here
   * too while the total is at most the text's length; past it, the mentions are painted in reverse
   * order, skipping painted characters with a union-find "next unpainted" pointer, which gives the
   * same map in time linear in the text.
   */
  static int[] paint(int length, LabelledSpans spans) {
    int[] labels = new int[length];
    paint(spans, length, labels, new int[length + 1]);
    return labels;
  }

  /**
   * Like {@link #paint(int, LabelledSpans)} into {@code labels}, using {@code next} (at least
   * {@code length + 1} ints) as scratch space.
   */
  static void paint(LabelledSpans spans, int length, int[] labels, int[] next) {
    Arrays.fill(labels, 0, length, OUTSIDE);
    long covered = 0;
    for (int m = 0; m < spans.size(); m++) {
      covered += spans.end[m] - spans.start[m];
    }
    if (covered <= length) {
      // Few or short mentions: overwriting in list order, as the benchmark does, is cheaper.
      for (int m = 0; m < spans.size(); m++) {
        Arrays.fill(labels, spans.start[m], spans.end[m], spans.label[m]);
      }
      return;
    }
    for (int i = 0; i <= length; i++) {
      next[i] = i;
    }
    for (int m = spans.size() - 1; m >= 0; m--) {
      int end = spans.end[m];
      for (int i = find(next, spans.start[m]); i < end; i = find(next, i + 1)) {
        labels[i] = spans.label[m];
        next[i] = i + 1;
      }
    }
  }

  private static int find(int[] next, int i) {
    int root = i;
    while (next[root] != root) {
      root = next[root];
    }
    while (next[i] != root) {
      int up = next[i];
      next[i] = root;
      i = up;
    }
    return root;
  }

  /** Reusable counters for {@link #vote}; not thread-safe. */
  static final class Ballot {
    private final int[] count;
    private final int[] seenInToken;
    private final int[] order;
    private int token;

    Ballot(int labels) {
      count = new int[labels + 1];
      seenInToken = new int[labels + 1];
      order = new int[labels + 1];
    }

    /** How many labels (besides {@link #OUTSIDE}) this ballot can count. */
    int capacity() {
      return count.length - 1;
    }
  }

  /**
   * The label most code points of {@code text[start, end)} carry in {@code charLabels}, {@link
   * #OUTSIDE} for an empty token. A tie goes to the tied label with the lowest number, and to
   * {@link #OUTSIDE} only when no label ties with it: the label order of {@link TokenScores}.
   */
  static int vote(String text, int[] charLabels, int start, int end, Ballot ballot) {
    if (start == end) {
      return OUTSIDE;
    }
    int only = charLabels[start];
    int i = start + 1;
    while (i < end && charLabels[i] == only) {
      i++;
    }
    if (i == end) {
      return only;
    }
    int token = ++ballot.token;
    int distinct = 0;
    for (i = start; i < end; i += Character.charCount(codePointAt(text, i))) {
      int slot = charLabels[i] + 1;
      if (ballot.seenInToken[slot] != token) {
        ballot.seenInToken[slot] = token;
        ballot.count[slot] = 0;
        ballot.order[distinct++] = slot;
      }
      ballot.count[slot]++;
    }
    int best = ballot.order[0];
    for (int k = 1; k < distinct; k++) {
      int slot = ballot.order[k];
      int c = ballot.count[slot];
      if (c > ballot.count[best] || (c == ballot.count[best] && ranksBefore(slot, best))) {
        best = slot;
      }
    }
    return best - 1;
  }

  /**
   * Whether ballot slot {@code a} wins a tie against slot {@code b}: slot 0 is {@link #OUTSIDE} and
   * loses to every label; labels win by their number, lowest first.
   */
  private static boolean ranksBefore(int a, int b) {
    return b == 0 || (a != 0 && a < b);
  }
}
