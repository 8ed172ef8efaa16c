package org.ncer.report;

import java.util.Locale;

/**
 * What became of one gold or predicted span under nervaluate 0.1.8's pairing (SemEval-2013 task 9.1
 * scenarios), named for a reader.
 *
 * <p>Under the ent_type schema (the leaderboard's span F1) {@link #CORRECT} and {@link #BOUNDARY}
 * both count as correct, {@link #WRONG_LABEL} and {@link #BOUNDARY_AND_LABEL} as incorrect; under
 * strict only {@link #CORRECT} is correct.
 */
public enum ErrorKind {
  /** Same offsets and label as a gold span (scenario I). */
  CORRECT,
  /** A gold span no prediction matched (scenario III). */
  MISSED,
  /** A prediction that matched no gold span (scenario II). */
  SPURIOUS,
  /** Overlaps a gold span of the same label with other offsets (scenario V). */
  BOUNDARY,
  /** Same offsets as a gold span of another label (scenario IV). */
  WRONG_LABEL,
  /** Overlaps a gold span of another label with other offsets (scenario VI). */
  BOUNDARY_AND_LABEL;

  /** The key in reports: {@code missed}, {@code boundary_and_label}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when ent_type counts this outcome as correct. */
  boolean entTypeCorrect() {
    return this == CORRECT || this == BOUNDARY;
  }
}
