package org.ncer.align;

import java.util.Locale;

/** How a string was found in the text, from the strictest match to none. */
public enum MatchStatus {
  /** The very characters of the string. */
  EXACT,
  /** The string in other letter case. */
  CASE,
  /**
   * The string after normalisation: white space and line breaks, hyphens versus spaces, Unicode
   * quotes and dashes, accents, and punctuation dropped.
   */
  NORMALIZED,
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
