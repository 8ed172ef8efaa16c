package org.ncer.cli;

import org.ncer.NcerException;
import org.ncer.prompt.Markup;
import org.ncer.prompt.Mode;
import org.ncer.prompt.OutputFormat;
import picocli.CommandLine.Option;

/**
 * The {@code --mode}, {@code --output} and {@code --markup} options that override a prompt's own
 * settings, as a benchmark {@code .jinja} template needs ({@code --mode per-label --output list}).
 */
final class PromptOverrides {
  @Option(
      names = "--mode",
      paramLabel = "M",
      description = "Override the prompt's mode: all-labels or per-label.")
  String mode;

  @Option(
      names = "--output",
      paramLabel = "F",
      description = "Override the prompt's output format: json, list, html or auto.")
  String output;

  @Option(
      names = "--markup",
      paramLabel = "MARKS",
      description =
          "Override the inline marks the prompt names, read as entities besides tags: none,"
              + " brackets ([[...]]) or bold (**...**).")
  String markup;

  /** The mode given, or null to keep the prompt's. */
  Mode mode() {
    if (mode == null) {
      return null;
    }
    return Mode.fromKey(mode)
        .orElseThrow(
            () -> new NcerException("--mode '" + mode + "' is unknown; expected " + Mode.keys()));
  }

  /** The markup given, or null to keep the prompt's. */
  Markup markup() {
    return markup == null ? null : GroundCommand.markup(markup);
  }

  /** The output format given, or null to keep the prompt's. */
  OutputFormat output() {
    if (output == null) {
      return null;
    }
    return OutputFormat.fromKey(output)
        .orElseThrow(
            () ->
                new NcerException(
                    "--output '" + output + "' is unknown; expected " + OutputFormat.keys()));
  }
}
