package org.ncer.align;

import java.util.Locale;

/** How a string was found in the text, from the strictest match to none. */
public enum MatchStatus {
  /** The very characters of the string. */
  EXACT,
  /** The string in other letter case. */
  CASE,
  /**
   * The string after normalisation: accents, ligatures and letter case ignored, white space
   * insignificant around symbols and any run of it one space between words, dash, apostrophe and
   * quote variants equal, soft hyphens and zero-width spaces dropped; every other symbol of the
   * string is in the text and no symbol of the text is skipped ({@code HbA1c>7%} in {@code HbA1c >
   * 7 %}, {@code Hodgkin's} in {@code Hodgkin ' s}).
   */
  NORMALIZED,
  /**
   * A region of an echo whose alignment to the note diverged too far, grounded by searching for its
   * string near where the alignment places it.
   */
  SEARCHED,
  /**
   * A region of an echo aligned onto note text that differs from the tagged string beyond spacing,
   * case, dashes and quotes: the model rewrote the words it marked.
   */
  REWRITTEN,
  /**
   * Found only by bridging punctuation the string lacks ({@code acute severe asthma} in {@code
   * acute , severe asthma}); grounded only when near misses are switched on.
   */
  NEAR_MISS,
  /** A near match of the normalised string; only when fuzzy matching is switched on. */
  FUZZY,
  /** Not in the text: the model named something the text does not hold. */
  NOT_FOUND;

  /** The name as written in output files: {@code exact}, {@code not-found}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The better (stricter) of the two statuses. */
  public MatchStatus best(MatchStatus other) {
    return compareTo(other) <= 0 ? this : other;
  }
}
