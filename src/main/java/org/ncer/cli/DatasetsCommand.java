package org.ncer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ncer datasets}: list, count, export and download the built-in datasets. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "datasets",
    description = "List, count, export, download and verify the benchmark's datasets.",
    subcommands = {
      DatasetsListCommand.class,
      DatasetsStatsCommand.class,
      DatasetsExportCommand.class,
      DatasetsPullCommand.class,
      DatasetsVerifyCommand.class
    })
final class DatasetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
