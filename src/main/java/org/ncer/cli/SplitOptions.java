package org.ncer.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --split} and {@code --labels} options of commands that read a dataset split. */
final class SplitOptions {
  @Option(
      names = "--split",
      paramLabel = "S",
      defaultValue = "test",
      description = "train, dev (or validation) or test. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "A,B",
      description = "The labels of a .jsonl dataset (default: those found in the file).")
  List<String> labels;
}
