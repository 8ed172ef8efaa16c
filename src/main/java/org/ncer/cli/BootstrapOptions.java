package org.ncer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncer.report.Reports;
import picocli.CommandLine.Option;

/**
 * The options {@code report} and {@code compare} share: where the gold comes from and how the
 * paired bootstrap resamples.
 */
final class BootstrapOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Folder holding <dataset>/raw/ (default: the one each run recorded).")
  Path dataDir;

  @Option(
      names = "--gold",
      paramLabel = "NAME=FILE",
      description = "Gold .jsonl file of a user dataset; repeatable.")
  Map<String, Path> gold = new LinkedHashMap<>();

  @Option(
      names = "--resamples",
      defaultValue = "1000",
      paramLabel = "B",
      description = "Bootstrap resamples per pair of runs (default ${DEFAULT-VALUE}).")
  int resamples;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
  long seed;

  /** The report options these give, with {@code maxDocs} documents per run in the browser. */
  Reports.Options options(int maxDocs) {
    return new Reports.Options(dataDir, gold, resamples, seed, maxDocs);
  }
}
