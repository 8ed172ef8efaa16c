package org.ncer.cli;

import picocli.CommandLine.Command;

/** Speed benchmarks on generated or real data; each prints its wall time. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "bench",
    description = "Measure the speed of scoring, grounding, model calls and reports.",
    subcommands = {
      BenchScoreCommand.class,
      BenchGroundCommand.class,
      BenchGroundEvalCommand.class,
      BenchClientCommand.class,
      BenchReportCommand.class
    })
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
