package org.ncer.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.ncer.run.RunListener;
import org.ncer.run.Runner;
import org.ncer.score.Matching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ncer rescore}: parses, grounds and scores a run again from its journal. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "rescore",
    description = {
      "Parse, ground and score a finished run again from its journal, with no model call, and"
          + " rewrite its predictions, metrics, grounding counts, results and manifest.",
      "The manifest's 'rescored' field says when and with what aligner and matching."
    })
final class RescoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder.")
  Path run;

  @Option(
      names = "--aligner",
      paramLabel = "NAME",
      description = "smart or compat (default: the run's).")
  String aligner;

  @Option(
      names = "--matching",
      paramLabel = "MODE",
      converter = MatchingOption.Converter.class,
      description = "compat or corrected (default: the run's).")
  Matching matching;

  @Override
  public Integer call() {
    Runner.RunResult result =
        new Runner(Clock.systemUTC()).rescore(run, aligner, matching, new RunListener() {});
    RunSummary.print(spec.commandLine().getOut(), result.folder(), result.manifest());
    if (result.failed()) {
      for (String problem : result.problems()) {
        spec.commandLine().getErr().println("ncer: rescore failed: " + problem);
      }
      return Main.FAILED;
    }
    return Main.OK;
  }
}
