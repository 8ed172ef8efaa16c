package org.ncer.cli;

import org.ncer.score.Matching;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --matching} option of the commands that score. */
final class MatchingOption {
  @Option(
      names = "--matching",
      defaultValue = "compat",
      paramLabel = "MODE",
      converter = Converter.class,
      description =
          "compat (default): nervaluate 0.1.8 exactly, as the leaderboard; corrected: half-open"
              + " overlap, one-to-one matching, duplicates counted once.")
  Matching matching;

  /** Reads {@code --matching} values. */
  static final class Converter implements CommandLine.ITypeConverter<Matching> {
    @Override
    public Matching convert(String value) {
      try {
        return Matching.fromKey(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
