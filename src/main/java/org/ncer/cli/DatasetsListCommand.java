package org.ncer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ncer.dataset.DatasetSpec;
import org.ncer.dataset.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ncer datasets list}: each built-in dataset and whether its files are present. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "list",
    description = "Show each dataset's key, folder, labels, splits and whether its files are here.")
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
    for (String name : Datasets.names()) {
      DatasetSpec d = DatasetSpec.of(name);
      List<String> present = d.presentSplits(dataDir);
      String files =
          present.size() == DatasetSpec.SPLITS.size()
              ? "present"
              : present.isEmpty()
                  ? "missing: ncer datasets pull --dataset " + name
                  : "only " + String.join(", ", present);
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
}
