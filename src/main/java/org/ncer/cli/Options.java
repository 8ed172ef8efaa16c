package org.ncer.cli;

import java.util.Locale;
import org.ncer.NcerException;
import org.ncer.score.Matching;

/** Parsing of option values shared by several commands. */
final class Options {
  private Options() {}

  static Matching matching(String value) {
    try {
      return Matching.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NcerException("--matching '" + value + "' is not one of: compat, corrected");
    }
  }
}
