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
 * trailing punctuation ({@code .,;:!?}). Then every whole-word occurrence is found:
 *
 * <ol>
 *   <li>in the original text, ignoring case: an occurrence is {@link MatchStatus#EXACT} when its
 *       characters equal the string, else {@link MatchStatus#CASE};
 *   <li>in the {@link NormalizedText normal form} of the text, mapped back through the offset map:
 *       further occurrences are {@link MatchStatus#NORMALIZED} ({@code heart\nfailure}, {@code
 *       non-small cell}, {@code Sjögren}).
 * </ol>
 *
 * <p>"Whole word" means that an occurrence that starts (ends) with a letter or digit is not
 * preceded (followed) by one. A string whose normal form is not in the normal form of the text is
 * not found: no abbreviation is expanded and no word guessed. Only when a fuzzy threshold is set, a
 * string not otherwise found may match a window of words at that similarity ({@link Fuzzy}); such
 * mentions are {@link MatchStatus#FUZZY}.
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

  SmartAligner(double fuzzyThreshold) {
    this.fuzzyThreshold = fuzzyThreshold;
  }

  @Override
  public Grounding ground(String text, List<LabeledString> strings) {
    String folded = NormalizedText.fold(text);
    NormalizedText norm = NormalizedText.of(text);
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
      Map<Span, MatchStatus> occurrences = occurrences(text, folded, norm, clean);
      MatchStatus best = MatchStatus.NOT_FOUND;
      for (Map.Entry<Span, MatchStatus> o : occurrences.entrySet()) {
        found.add(new Grounded(new Mention(o.getKey(), s.label()), o.getValue()));
        best = best.best(o.getValue());
      }
      if (occurrences.isEmpty()) {
        unaligned.add(new Unaligned(s.text(), s.label(), Unaligned.NOT_FOUND));
      }
      statuses.add(best);
    }
    return new Grounding(merge(found), unaligned, statuses);
  }

  private Map<Span, MatchStatus> occurrences(
      String text, String folded, NormalizedText norm, String clean) {
    Map<Span, MatchStatus> found = new LinkedHashMap<>();
    String foldedClean = NormalizedText.fold(clean);
    for (int at = folded.indexOf(foldedClean); at >= 0; ) {
      int end = at + clean.length();
      if (wholeWord(text, at, end)) {
        found.put(
            new Span(at, end), text.startsWith(clean, at) ? MatchStatus.EXACT : MatchStatus.CASE);
        at = folded.indexOf(foldedClean, end);
      } else {
        at = folded.indexOf(foldedClean, at + 1);
      }
    }
    String key = NormalizedText.key(clean);
    String normal = norm.text();
    for (int at = key.isEmpty() ? -1 : normal.indexOf(key); at >= 0; ) {
      int end = at + key.length();
      Span span = wholeWord(normal, at, end) ? norm.toOriginal(at, end) : null;
      if (span != null) {
        found.putIfAbsent(span, classify(text, span, clean, foldedClean));
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

  private static MatchStatus classify(String text, Span span, String clean, String foldedClean) {
    String covered = span.of(text);
    if (covered.equals(clean)) {
      return MatchStatus.EXACT;
    }
    return NormalizedText.fold(covered).equals(foldedClean)
        ? MatchStatus.CASE
        : MatchStatus.NORMALIZED;
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
