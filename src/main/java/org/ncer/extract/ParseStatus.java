package org.ncer.extract;

import java.util.Locale;

/** How well an answer could be read. */
public enum ParseStatus {
  /** The answer is a well-formed value in a recognised style. */
  OK,
  /**
   * The answer was read after fixing it: broken syntax, a truncated end, or a style other than the
   * one the prompt asked for.
   */
  REPAIRED,
  /** Nothing could be read; the answer yields no candidates and is counted. */
  FAILED;

  /** The name as written in output files: {@code ok}, {@code repaired}, {@code failed}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of the two statuses. */
  public ParseStatus worst(ParseStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
