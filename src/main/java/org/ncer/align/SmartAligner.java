package org.ncer.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncer.span.Mention;
import org.ncer.span.Span;

/**
 * Grounds what a careful reader would accept, and nothing the text does not hold.
 *
 * <p>Each string is first trimmed of white space, wrapping quotes or Markdown emphasis, and
 * trailing punctuation ({@code .,;:!?}). A string named in a list is then grounded at its
 * whole-word occurrences in the {@link NormalizedText#strict strict normal form} of the text,
 * mapped back through the offset map: spacing around symbols, dash, apostrophe and quote variants,
 * accents and letter case do not matter, every other symbol does ({@code HbA1c>7%} finds {@code
 * HbA1c > 7 %}; {@code FVIII deficiency} does not find {@code FVIII ) deficiency}). An occurrence
 * is {@link MatchStatus#EXACT} when its characters equal the string, {@link MatchStatus#CASE} when
 * they do in another case, else {@link MatchStatus#NORMALIZED}. Which occurrences count:
 *
 * <ul>
 *   <li>those that match the string's letter case, counting a different case of the first letter
 *       alone as the same ({@code asthma} grounds the sentence-initial {@code Asthma});
 *   <li>occurrences in another case only when the string has none of the former ({@code PAX6} does
 *       not also ground the mouse gene {@code Pax6}, but {@code breast cancer} grounds {@code
 *       Breast Cancer} when that is the only form in the text);
 *   <li>never a span unbalanced in brackets when the string is balanced.
 * </ul>
 *
 * <p>A string with no such occurrence may be in the text with punctuation it lacks in between
 * (found in the loose normal form, where all punctuation is a space): a near miss, {@link
 * MatchStatus#NEAR_MISS}, grounded only when near misses are switched on and otherwise reported as
 * {@link Unaligned#NEAR_MISS}. Only when a fuzzy threshold is set, a string not otherwise found may
 * match a window of words at that similarity ({@link Fuzzy}), as {@link MatchStatus#FUZZY}. No
 * abbreviation is expanded and no word guessed.
 *
 * <p>A region marked in an echo of the note ({@link LabeledString#placement()}) grounds where the
 * echo's alignment puts it, one mention, as {@link MatchStatus#EXACT}, {@link MatchStatus#CASE} or
 * {@link MatchStatus#NORMALIZED} when the note text there is the string up to case, spacing, dashes
 * and quotes, else as {@link MatchStatus#REWRITTEN}. When the alignment could not place it, the
 * string is searched for and its occurrence nearest to where the alignment expects it is taken, as
 * {@link MatchStatus#SEARCHED}; a region found neither way is not found.
 *
 * <p>The mentions of all strings are then merged as the benchmark does, in its order ({@code
 * start}, longest first, label), except that a span is dropped when any kept span of the same label
 * contains it, not only the last kept one. The text is normalised once per call, for all strings.
 */
final class SmartAligner implements Aligner {
  /** Strings shorter than this (in normalised characters) are never matched fuzzily. */
  static final int FUZZY_MIN_LENGTH = 6;

  private static final String TRAILING = ".,;:!?";
  private static final String[][] WRAPPERS = {
    {"\"", "\""},
    {"'", "'"},
    {"`", "`"},
    {"**", "**"},
    {"*", "*"},
    {"__", "__"},
    {"\u201C", "\u201D"},
    {"\u2018", "\u2019"},
    {"(", ")"},
    {"[", "]"}
  };

  private static final Comparator<Grounded> ORDER =
      Comparator.<Grounded>comparingInt(g -> g.mention().start())
          .thenComparing(g -> -g.mention().span().length())
          .thenComparing(g -> g.mention().label())
          .thenComparing(Grounded::match);

  private final double fuzzyThreshold;
  private final boolean nearMisses;

  SmartAligner(double fuzzyThreshold) {
    this(fuzzyThreshold, false);
  }

  SmartAligner(double fuzzyThreshold, boolean nearMisses) {
    this.fuzzyThreshold = fuzzyThreshold;
    this.nearMisses = nearMisses;
  }

  /** This aligner with near misses grounded ({@code true}) or only reported. */
  SmartAligner withNearMisses(boolean on) {
    return new SmartAligner(fuzzyThreshold, on);
  }

  @Override
  public Grounding ground(String text, List<LabeledString> strings) {
    Texts texts = new Texts(text);
    List<Grounded> found = new ArrayList<>();
    List<Unaligned> unaligned = new ArrayList<>();
    List<MatchStatus> statuses = new ArrayList<>();
    for (LabeledString s : strings) {
      String clean = clean(s.text());
      if (clean.codePoints().noneMatch(Character::isLetterOrDigit)) {
        unaligned.add(new Unaligned(s.text(), s.label(), Unaligned.EMPTY));
        statuses.add(MatchStatus.NOT_FOUND);
        continue;
      }
      Map<Span, MatchStatus> occurrences =
          s.placement() != null ? placed(texts, clean, s.placement()) : occurrences(texts, clean);
      MatchStatus best = MatchStatus.NOT_FOUND;
      boolean nearMiss = false;
      for (Map.Entry<Span, MatchStatus> o : occurrences.entrySet()) {
        if (o.getValue() == MatchStatus.NEAR_MISS && !nearMisses) {
          nearMiss = true;
          continue;
        }
        found.add(new Grounded(new Mention(o.getKey(), s.label()), o.getValue()));
        best = best.best(o.getValue());
      }
      if (best == MatchStatus.NOT_FOUND) {
        unaligned.add(
            new Unaligned(
                s.text(), s.label(), nearMiss ? Unaligned.NEAR_MISS : Unaligned.NOT_FOUND));
      }
      statuses.add(best);
    }
    return new Grounding(merge(found), unaligned, statuses);
  }

  /** The normal forms of one text, each made on first use. */
  private static final class Texts {
    final String text;
    private NormalizedText strict;
    private NormalizedText loose;

    Texts(String text) {
      this.text = text;
    }

    NormalizedText strict() {
      if (strict == null) {
        strict = NormalizedText.strict(text);
      }
      return strict;
    }

    NormalizedText loose() {
      if (loose == null) {
        loose = NormalizedText.of(text);
      }
      return loose;
    }
  }

  /** The whole-word occurrences of {@code clean} in the strict normal form, any case. */
  private static List<Span> strictOccurrences(Texts texts, String clean) {
    List<Span> spans = new ArrayList<>();
    String key = NormalizedText.strictKey(clean);
    NormalizedText norm = texts.strict();
    String normal = norm.text();
    boolean balanced = balanced(clean);
    for (int at = key.isEmpty() ? -1 : normal.indexOf(key); at >= 0; ) {
      int end = at + key.length();
      Span span = wholeWord(normal, at, end) ? norm.toOriginal(at, end) : null;
      if (span != null && (!balanced || balanced(span.of(texts.text)))) {
        spans.add(span);
        at = normal.indexOf(key, end);
      } else {
        at = normal.indexOf(key, at + 1);
      }
    }
    return spans;
  }

  private Map<Span, MatchStatus> occurrences(Texts texts, String clean) {
    Map<Span, MatchStatus> sameCase = new LinkedHashMap<>();
    Map<Span, MatchStatus> otherCase = new LinkedHashMap<>();
    String shape = NormalizedText.shape(clean);
    for (Span span : strictOccurrences(texts, clean)) {
      String covered = span.of(texts.text);
      MatchStatus status = classify(covered, clean);
      (sameCase(NormalizedText.shape(covered), shape) ? sameCase : otherCase)
          .putIfAbsent(span, status);
    }
    if (!sameCase.isEmpty()) {
      return sameCase;
    }
    if (!otherCase.isEmpty()) {
      return otherCase;
    }
    Map<Span, MatchStatus> found = new LinkedHashMap<>();
    NormalizedText norm = texts.loose();
    String key = NormalizedText.key(clean);
    String normal = norm.text();
    boolean balanced = balanced(clean);
    for (int at = key.isEmpty() ? -1 : normal.indexOf(key); at >= 0; ) {
      int end = at + key.length();
      Span span = wholeWord(normal, at, end) ? norm.toOriginal(at, end) : null;
      if (span != null && (!balanced || balanced(span.of(texts.text)))) {
        found.putIfAbsent(span, MatchStatus.NEAR_MISS);
        at = normal.indexOf(key, end);
      } else {
        at = normal.indexOf(key, at + 1);
      }
    }
    if (found.isEmpty() && fuzzyThreshold > 0) {
      for (int[] w : Fuzzy.find(norm, key, fuzzyThreshold)) {
        Span span = norm.toOriginal(w[0], w[1]);
        if (span != null) {
          found.putIfAbsent(span, MatchStatus.FUZZY);
        }
      }
    }
    return found;
  }

  /** Where an echo region grounds: its aligned span, or its occurrence nearest the hint. */
  private static Map<Span, MatchStatus> placed(Texts texts, String clean, Placement p) {
    Map<Span, MatchStatus> found = new LinkedHashMap<>();
    if (p.span() != null && p.span().end() <= texts.text.length()) {
      String covered = p.span().of(texts.text);
      MatchStatus status = classify(covered, clean);
      if (status == MatchStatus.NORMALIZED
          && !NormalizedText.strictKey(covered).equals(NormalizedText.strictKey(clean))) {
        status = MatchStatus.REWRITTEN;
      }
      found.put(p.span(), status);
      return found;
    }
    Span nearest = null;
    for (Span span : strictOccurrences(texts, clean)) {
      if (nearest == null
          || Math.abs(span.start() - p.hint()) < Math.abs(nearest.start() - p.hint())) {
        nearest = span;
      }
    }
    if (nearest != null) {
      found.put(nearest, MatchStatus.SEARCHED);
    }
    return found;
  }

  private static MatchStatus classify(String covered, String clean) {
    if (covered.equals(clean)) {
      return MatchStatus.EXACT;
    }
    return NormalizedText.fold(covered).equals(NormalizedText.fold(clean))
        ? MatchStatus.CASE
        : MatchStatus.NORMALIZED;
  }

  /**
   * True when two case-preserving normal forms are equal, or differ only in the case of their first
   * letter.
   */
  static boolean sameCase(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (a.isEmpty() || b.isEmpty() || a.length() != b.length()) {
      return false;
    }
    return NormalizedText.fold(a.charAt(0)) == NormalizedText.fold(b.charAt(0))
        && a.regionMatches(1, b, 1, a.length() - 1);
  }

  /** True when every bracket of {@code s} is closed in order. */
  static boolean balanced(String s) {
    StringBuilder stack = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int open = "([{".indexOf(c);
      int close = ")]}".indexOf(c);
      if (open >= 0) {
        stack.append(c);
      } else if (close >= 0) {
        if (stack.length() == 0 || stack.charAt(stack.length() - 1) != "([{".charAt(close)) {
          return false;
        }
        stack.setLength(stack.length() - 1);
      }
    }
    return stack.length() == 0;
  }

  /**
   * True when {@code s[start, end)} is not part of a longer word: a letter or digit at either edge
   * has no letter or digit beside it.
   */
  static boolean wholeWord(String s, int start, int end) {
    if (start > 0 && isWordChar(s.codePointAt(start)) && isWordChar(s.codePointBefore(start))) {
      return false;
    }
    return end >= s.length()
        || !(isWordChar(s.codePointBefore(end)) && isWordChar(s.codePointAt(end)));
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp);
  }

  /**
   * The string without surrounding white space, wrapping quotes, brackets or emphasis, and trailing
   * punctuation.
   */
  static String clean(String s) {
    String t = s.strip();
    boolean changed = true;
    for (int layers = 0; changed && !t.isEmpty() && layers < 8; layers++) {
      changed = false;
      int e = t.length();
      while (e > 0 && TRAILING.indexOf(t.charAt(e - 1)) >= 0) {
        e--;
      }
      if (e < t.length()) {
        t = t.substring(0, e).strip();
        changed = true;
      }
      for (String[] w : WRAPPERS) {
        if (t.length() > w[0].length() + w[1].length()
            && t.startsWith(w[0])
            && t.endsWith(w[1])
            && !t.substring(w[0].length(), t.length() - w[1].length()).contains(w[1])) {
          t = t.substring(w[0].length(), t.length() - w[1].length()).strip();
          changed = true;
        }
      }
    }
    return t;
  }

  /**
   * Sorts by start, longest first, label, best match; drops a span that a kept span of the same
   * label contains.
   */
  private static List<Grounded> merge(List<Grounded> found) {
    found.sort(ORDER);
    List<Grounded> kept = new ArrayList<>();
    // Sorted by start, a span lies inside a kept span of its label iff that label's furthest kept
    // end reaches its end.
    Map<String, Integer> furthestEnd = new HashMap<>();
    for (Grounded g : found) {
      Integer reach = furthestEnd.get(g.mention().label());
      if (reach != null && reach >= g.mention().end()) {
        continue;
      }
      kept.add(g);
      furthestEnd.merge(g.mention().label(), g.mention().end(), Math::max);
    }
    return kept;
  }
}
