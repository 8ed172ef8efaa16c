package org.ncer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.ncer.NcerException;
import org.ncer.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ncer report}: the leaderboard, error analysis and error browser of runs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Write leaderboard.md, leaderboard.json and report.html (one self-contained page with charts,"
          + " the error analysis, paired bootstrap comparisons and an error browser) for run or"
          + " experiment folders.",
      "With --submission, write the leaderboard submitter's results.json and request.json instead."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "Run or experiment folders.")
  List<Path> folders;

  @Mixin BootstrapOptions bootstrap = new BootstrapOptions();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write into.")
  Path out;

  @Option(
      names = "--max-docs",
      defaultValue = "60",
      paramLabel = "N",
      description =
          "Documents per run and dataset in the error browser, those with most errors first"
              + " (default ${DEFAULT-VALUE}).")
  int maxDocs;

  @Option(
      names = "--submission",
      description = "Write the leaderboard submission files (results.json, request.json).")
  boolean submission;

  @Option(
      names = "--revision",
      paramLabel = "REV",
      description = "Model revision for the submission request (default: the model name's own).")
  String revision;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    Reports.Options options = bootstrap.options(maxDocs);
    Reports.Written w;
    if (submission) {
      if (revision == null || revision.isBlank()) {
        throw new NcerException("--submission needs --revision: the model revision to submit");
      }
      w = Reports.submission(folders, out, options, revision, Instant.now());
    } else {
      w = Reports.report(folders, out, options);
    }
    o.println("Runs: " + String.join(", ", w.runs()));
    for (String c : w.caveats()) {
      o.println("Not comparable with the leaderboard: " + c);
    }
    for (String u : w.unreported()) {
      o.println("No row (the cell has no finished run): " + u);
    }
    w.files().forEach(f -> o.println("Wrote " + f));
    return Main.OK;
  }
}
