package org.ncer.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ncer.dataset.DatasetPull;
import org.ncer.dataset.DatasetSpec;
import org.ncer.dataset.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer datasets pull}: download, verify and unpack the original files. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "pull",
    description =
        "Download the original files into <data-dir>/<folder>/raw/, verify their SHA-256 sums and"
            + " unpack archives. Files already present and intact are kept.")
final class DatasetsPullCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDirOption;

  @Option(
      names = "--dataset",
      paramLabel = "N",
      description = "ncbi, chia, biored or bc5cdr; repeatable. Default: all four.")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description = "Fetch each file from URL/<dataset>/<path> instead of its public address.")
  String mirror;

  @Option(names = "--force", description = "Download again even when the files are intact.")
  boolean force;

  @Override
  public void run() {
    Path dataDir = dataDirOption.resolve();
    PrintWriter err = spec.commandLine().getErr();
    List<String> names = datasets.isEmpty() ? Datasets.names() : datasets;
    List<DatasetSpec> specs = names.stream().map(DatasetSpec::of).toList();
    DatasetPull pull =
        new DatasetPull(
            DatasetPull.Timeouts.ofDefaults(),
            new DatasetPull.Listener() {
              @Override
              public void fetching(String dataset, String name, URI url) {
                err.println(dataset + ": fetching " + name + " from " + url);
              }

              @Override
              public void done(String dataset, String name, long bytes) {
                err.println(
                    bytes < 0
                        ? dataset + ": " + name + " already present, checksum ok"
                        : dataset + ": " + name + " ok (" + bytes + " bytes, checksum verified)");
              }
            });
    for (DatasetSpec s : specs) {
      pull.pull(s, dataDir, mirror, force);
      err.println(s.key() + ": ready in " + s.rawDir(dataDir).toAbsolutePath().normalize());
    }
  }
}
