package org.ncer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ncer.dataset.DatasetSpec;
import org.ncer.dataset.DatasetVerifier;
import org.ncer.dataset.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ncer datasets list}: each built-in dataset and whether its files are as released
 * (verified), changed (modified) or not there (missing).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "list",
    description =
        "Show each dataset's key, folder, labels and splits, and whether its files are verified"
            + " (as released), modified or missing; 'ncer datasets verify' lists the files.")
final class DatasetsListCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDirOption;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = dataDirOption.resolve();
    out.println("Data folder: " + dataDir.toAbsolutePath().normalize());
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("KEY", "FOLDER", "LABELS", "SPLITS", "FILES"));
    List<String> notes = new ArrayList<>();
    DatasetVerifier verifier = DatasetVerifier.ofDefaults();
    for (String name : Datasets.names()) {
      DatasetSpec d = DatasetSpec.of(name);
      String files = status(verifier.verify(d, dataDir));
      String splits =
          String.join(" ", DatasetSpec.SPLITS) + (d.leaderboard().comparable() ? "" : " *");
      rows.add(List.of(name, d.folder(), String.join(", ", d.labels()), splits, files));
      if (!d.leaderboard().comparable()) {
        notes.add("* " + name + ": " + d.leaderboard().note());
      }
    }
    Table.print(out, rows);
    notes.forEach(out::println);
  }

  private static String status(DatasetVerifier.Report report) {
    String name = report.dataset();
    if (report.absent()) {
      return "missing: ncer datasets pull --dataset " + name;
    }
    int n = report.problems().size();
    return switch (report.status()) {
      case VERIFIED -> "verified";
      case MODIFIED, MISSING ->
          report.status().key()
              + " ("
              + n
              + (n == 1 ? " file" : " files")
              + "): ncer datasets verify "
              + name;
    };
  }
}
