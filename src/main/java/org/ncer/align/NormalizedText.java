package org.ncer.align;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ncer.span.Span;

/**
 * A normal form of a text for matching, with an explicit map from every normalised character back
 * to the original characters it came from. The original text stays the source of truth: matches are
 * made in the normal form and reported as original spans.
 *
 * <p>The normal form, character by character:
 *
 * <ul>
 *   <li>compatibility decomposition (NFKD) with combining marks removed: {@code é} becomes {@code
 *       e}, the ligature {@code ﬁ} becomes {@code fi}, a non-breaking space a space;
 *   <li>letters in one case: lower case of upper case, so {@code ſ}, {@code S} and {@code s} agree;
 *   <li>white space, line breaks, hyphens and dashes (Unicode dash punctuation and the minus sign)
 *       and other punctuation become a separator; a run of separators collapses to one space, and
 *       none leads or trails;
 *   <li>an apostrophe or full stop between two letters is dropped ({@code Crohn's} and {@code
 *       Crohns}, {@code i.v.} and {@code iv} agree); between digits a full stop stays a separator,
 *       so {@code 2.5} never matches {@code 25};
 *   <li>invisible format characters (soft hyphen, zero-width space) are dropped.
 * </ul>
 *
 * <p>A normalised character maps to the whole original code point that produced it; a separator
 * maps to the first character of the run it replaced. A range of the normal form maps back only
 * when it does not cut through the normal form of one original character.
 */
final class NormalizedText {
  private static final Map<Integer, String> DECOMPOSED = new ConcurrentHashMap<>();

  private final String normal;
  private final int[] start;
  private final int[] end;

  // The word ranges of the normal form, computed on first use: only fuzzy matching needs them. A
  // normalised text is made per grounding call and used by one thread, so no lock is needed.
  private List<int[]> words;

  private NormalizedText(String normal, int[] start, int[] end) {
    this.normal = normal;
    this.start = start;
    this.end = end;
  }

  /** The loose normal form of {@code original} and its offset map. */
  static NormalizedText of(String original) {
    return of(original, false, true);
  }

  /**
   * The strict normal form of {@code original}: like the loose form, except that punctuation and
   * symbols are kept (dashes as {@code -}, apostrophes and single quotes as {@code '}, double
   * quotes as {@code "}) and white space is kept only as one space between two letters or digits,
   * so that spacing around a symbol is insignificant but a symbol is never bridged: {@code HbA1c >
   * 7 %} and {@code HbA1c>7%} are both {@code hba1c>7%}, {@code Hodgkin ' s} is {@code hodgkin's},
   * and {@code FVIII ) deficiency} stays {@code fviii)deficiency}.
   */
  static NormalizedText strict(String original) {
    return of(original, true, true);
  }

  /** The strict normal form of a string to look up. */
  static String strictKey(String s) {
    return of(s, true, true).normal;
  }

  /** The strict normal form without case folding, to compare the letter case of two strings. */
  static String shape(String s) {
    return of(s, true, false).normal;
  }

  private static NormalizedText of(String original, boolean strict, boolean foldCase) {
    // Pass 1: decomposed, unmarked characters, each with the original code point it came from.
    int n = original.length();
    char[] units = new char[n + 8];
    int[] from = new int[n + 8];
    int[] to = new int[n + 8];
    int count = 0;
    for (int i = 0; i < n; ) {
      int cp = original.codePointAt(i);
      int len = Character.charCount(cp);
      String d = cp < 0x80 ? null : DECOMPOSED.computeIfAbsent(cp, NormalizedText::decompose);
      int parts = d == null ? 1 : d.length();
      if (count + parts > units.length) {
        int size = Math.max(units.length * 2, count + parts);
        units = Arrays.copyOf(units, size);
        from = Arrays.copyOf(from, size);
        to = Arrays.copyOf(to, size);
      }
      for (int k = 0; k < parts; k++) {
        char c = d == null ? (char) cp : d.charAt(k);
        units[count] = c;
        from[count] = i;
        to[count] = i + len;
        count++;
      }
      i += len;
    }
    // Pass 2: classify, fold and collapse separators.
    StringBuilder b = new StringBuilder(count);
    int[] start = new int[count];
    int[] end = new int[count];
    int pendingSeparator = -1;
    for (int k = 0; k < count; k++) {
      char c = units[k];
      Kind kind = strict ? classifyStrict(c) : classify(units, count, k);
      if (kind == Kind.SYMBOL) {
        pendingSeparator = -1;
        start[b.length()] = from[k];
        end[b.length()] = to[k];
        b.append(symbol(c));
        continue;
      }
      if (strict
          && kind == Kind.KEEP
          && pendingSeparator >= 0
          && !Character.isLetterOrDigit(b.charAt(b.length() - 1))) {
        pendingSeparator = -1;
      }
      switch (kind) {
        case DROP, SYMBOL -> {}
        case SEPARATOR -> {
          if (pendingSeparator < 0 && b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
            pendingSeparator = k;
          }
        }
        case KEEP -> {
          if (pendingSeparator >= 0) {
            start[b.length()] = from[pendingSeparator];
            end[b.length()] = to[pendingSeparator];
            b.append(' ');
            pendingSeparator = -1;
          }
          start[b.length()] = from[k];
          end[b.length()] = to[k];
          b.append(foldCase ? fold(c) : c);
        }
      }
    }
    int len = b.length();
    return new NormalizedText(b.toString(), Arrays.copyOf(start, len), Arrays.copyOf(end, len));
  }

  /** The normal form of a string to look up: the same rules, no offsets needed. */
  static String key(String s) {
    return of(s).normal;
  }

  /** The normal form. */
  String text() {
    return normal;
  }

  int length() {
    return normal.length();
  }

  /**
   * The ranges {@code {from, to}} of the words of the normal form, in order; computed once per
   * text. The arrays are shared: do not change them.
   */
  List<int[]> words() {
    if (words == null) {
      words = words(normal);
    }
    return words;
  }

  /** The ranges of the words (runs without spaces) of {@code s}. */
  static List<int[]> words(String s) {
    List<int[]> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < s.length() && s.charAt(i) != ' ') {
        i++;
      }
      if (i > start) {
        words.add(new int[] {start, i});
      }
    }
    return Collections.unmodifiableList(words);
  }

  /** The original start of the normalised character at {@code i}. */
  int originalStart(int i) {
    return start[i];
  }

  /** The original end of the normalised character at {@code i}. */
  int originalEnd(int i) {
    return end[i];
  }

  /**
   * The original span of the normalised range {@code [from, to)}, or null when the range is empty
   * or cuts through the normal form of one original character (half of a ligature).
   */
  Span toOriginal(int from, int to) {
    if (from < 0 || to > normal.length() || from >= to) {
      return null;
    }
    boolean startsClean = from == 0 || start[from - 1] != start[from];
    boolean endsClean = to == normal.length() || start[to] != start[to - 1];
    return startsClean && endsClean ? new Span(start[from], end[to - 1]) : null;
  }

  /** Letters in one case; surrogates are left alone. */
  static char fold(char c) {
    return Character.isSurrogate(c) ? c : Character.toLowerCase(Character.toUpperCase(c));
  }

  /** {@code s} with {@link #fold(char)} applied to each character; the length is unchanged. */
  static String fold(String s) {
    char[] a = s.toCharArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = fold(a[i]);
    }
    return new String(a);
  }

  private enum Kind {
    KEEP,
    SEPARATOR,
    DROP,
    SYMBOL
  }

  private static Kind classifyStrict(char c) {
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return Kind.SEPARATOR;
    }
    if (Character.isLetterOrDigit(c)) {
      return Kind.KEEP;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK ->
          Kind.DROP;
      default -> Character.isSurrogate(c) ? Kind.KEEP : Kind.SYMBOL;
    };
  }

  /** One spelling for each dash, each single quote and each double quote. */
  static char symbol(char c) {
    if (isApostrophe(c) || c == '\u201B') {
      return '\'';
    }
    if (c == '\u201C'
        || c == '\u201D'
        || c == '\u201E'
        || c == '\u2033'
        || c == '\u00AB'
        || c == '\u00BB') {
      return '"';
    }
    if (c == '\u2212' || Character.getType(c) == Character.DASH_PUNCTUATION) {
      return '-';
    }
    return c;
  }

  private static Kind classify(char[] units, int count, int k) {
    char c = units[k];
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return Kind.SEPARATOR;
    }
    if (isApostrophe(c) || c == '.') {
      boolean inWord =
          k > 0
              && k + 1 < count
              && Character.isLetter(units[k - 1])
              && Character.isLetter(units[k + 1]);
      return inWord ? Kind.DROP : Kind.SEPARATOR;
    }
    switch (Character.getType(c)) {
      case Character.DASH_PUNCTUATION,
          Character.CONNECTOR_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> {
        return Kind.SEPARATOR;
      }
      case Character.CONTROL,
          Character.FORMAT,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK -> {
        return Kind.DROP;
      }
      default -> {
        // The minus sign is a math symbol but written for a hyphen.
        return c == '\u2212' ? Kind.SEPARATOR : Kind.KEEP;
      }
    }
  }

  private static boolean isApostrophe(char c) {
    return c == '\''
        || c == '\u2019'
        || c == '\u2018'
        || c == '\u02BC'
        || c == '`'
        || c == '\u00B4'
        || c == '\u2032';
  }

  private static String decompose(int cp) {
    String s = new String(Character.toChars(cp));
    String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      int type = Character.getType(d.charAt(i));
      if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
        b.append(d.charAt(i));
      }
    }
    // A character that is nothing but a mark stays, to be dropped in pass 2 with its offsets.
    return b.length() == 0 ? s : b.toString();
  }
}
