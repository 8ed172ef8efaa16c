package org.ncer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ncer.dataset.DatasetSpec;
import org.ncer.dataset.DatasetVerifier;
import org.ncer.dataset.DatasetVerifier.FileCheck;
import org.ncer.dataset.DatasetVerifier.Report;
import org.ncer.dataset.DatasetVerifier.Status;
import org.ncer.dataset.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ncer datasets verify}: checks the original files against their pinned SHA-256 sums. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "verify",
    description = {
      "Check each original file of the datasets against the SHA-256 sum ncer pins for it, and"
          + " list the files that are modified, missing or not part of the release.",
      "Exit code 0 when every file is verified, 1 when any is modified or missing."
    })
final class DatasetsVerifyCommand implements Callable<Integer> {
  /** Most problem files listed per dataset; the rest are counted. */
  static final int MAX_LISTED = 50;

  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDirOption;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "ncbi, chia, biored or bc5cdr. Default: all four.")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Path dataDir = dataDirOption.resolve();
    List<DatasetSpec> specs =
        (names.isEmpty() ? Datasets.names() : names).stream().map(DatasetSpec::of).toList();
    PrintWriter out = spec.commandLine().getOut();
    DatasetVerifier verifier = DatasetVerifier.ofDefaults();
    boolean ok = true;
    for (DatasetSpec s : specs) {
      Report report = verifier.verify(s, dataDir);
      ok &= report.status() == Status.VERIFIED;
      print(out, s, report);
    }
    out.flush();
    return ok ? Main.OK : Main.FAILED;
  }

  private static void print(PrintWriter out, DatasetSpec s, Report report) {
    int files = report.files().size();
    if (report.absent()) {
      out.println(
          s.key()
              + ": missing (no file is there; run 'ncer datasets pull --dataset "
              + s.key()
              + "')");
      return;
    }
    List<FileCheck> problems = report.problems();
    if (problems.isEmpty()) {
      out.println(s.key() + ": verified (" + files + (files == 1 ? " file)" : " files)"));
      return;
    }
    out.println(
        s.key()
            + ": "
            + report.status().key()
            + " ("
            + problems.size()
            + " of "
            + files
            + " files not as released; 'ncer datasets pull --dataset "
            + s.key()
            + "' restores them)");
    problems.stream().limit(MAX_LISTED).forEach(p -> out.println("  " + p));
    if (problems.size() > MAX_LISTED) {
      out.println("  ... and " + (problems.size() - MAX_LISTED) + " more");
    }
  }
}
