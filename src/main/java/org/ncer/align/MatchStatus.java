package org.ncer.align;

import java.util.Locale;

/** How a string was found in the text, from the strictest match to none. */
public enum MatchStatus {
  /** The very characters of the string. */
  EXACT,
  /** The string in other letter case. */
  CASE,
  /**
   * The string after normalisation: accents, ligatures and letter case ignored; white space, line
   * breaks, hyphens, dashes, quotes and other punctuation read as one space; an apostrophe or full
   * stop between two letters dropped ({@code Crohn's} is {@code Crohns}), and so are soft hyphens
   * and zero-width spaces.
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
