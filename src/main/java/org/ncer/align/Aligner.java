package org.ncer.align;

import java.util.List;
import java.util.Locale;

/**
 * Grounds strings onto spans of a document's text.
 *
 * <p>Two are provided. {@link #smart()} (the default) grounds what a careful reader would accept:
 * exact, then case-insensitive, then normalised matches of whole words, every occurrence, and never
 * a string whose normal form is not in the text. {@link #compat()} is the benchmark's own mapping,
 * kept for leaderboard parity: every case-insensitive occurrence, inside longer words too.
 */
public interface Aligner {

  /**
   * Grounds {@code strings} in {@code text}; mentions of all strings are merged together, so pass
   * all the strings of a document in one call.
   */
  Grounding ground(String text, List<LabeledString> strings);

  /** The benchmark's mapping; see {@link CompatAligner}. */
  static Aligner compat() {
    return new CompatAligner();
  }

  /** The careful mapping without fuzzy matching; see {@link SmartAligner}. */
  static Aligner smart() {
    return new SmartAligner(0);
  }

  /**
   * The careful mapping with a bounded fuzzy step for strings not otherwise found: a window of the
   * text's words whose normalised form is at least {@code threshold} similar (1 minus edit distance
   * over length), for strings of at least {@value SmartAligner#FUZZY_MIN_LENGTH} normalised
   * characters.
   */
  static Aligner smart(double fuzzyThreshold) {
    if (!(fuzzyThreshold > 0 && fuzzyThreshold < 1)) {
      throw new IllegalArgumentException(
          "fuzzy threshold " + fuzzyThreshold + " is not between 0 and 1 (exclusive)");
    }
    return new SmartAligner(fuzzyThreshold);
  }

  /**
   * The careful mapping that also grounds near misses, strings found only by bridging punctuation
   * they lack, with status {@link MatchStatus#NEAR_MISS}; {@code fuzzyThreshold} 0 for no fuzzy
   * step.
   */
  static Aligner smartWithNearMisses(double fuzzyThreshold) {
    if (!(fuzzyThreshold == 0 || (fuzzyThreshold > 0 && fuzzyThreshold < 1))) {
      throw new IllegalArgumentException(
          "fuzzy threshold " + fuzzyThreshold + " is not between 0 and 1 (exclusive)");
    }
    return new SmartAligner(fuzzyThreshold, true);
  }

  /** The aligner named {@code smart} or {@code compat}, ignoring case. */
  static Aligner of(String name) {
    return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
      case "smart" -> smart();
      case "compat" -> compat();
      default ->
          throw new IllegalArgumentException(
              "unknown aligner '" + name + "'; known: smart, compat");
    };
  }
}
