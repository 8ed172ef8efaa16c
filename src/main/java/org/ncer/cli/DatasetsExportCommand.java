package org.ncer.cli;

import java.nio.file.Path;
import org.ncer.Json;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.DocumentJsonl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer datasets export}: one split as JSON Lines in the benchmark's record format. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "export",
    description =
        "Write a split as JSON Lines, one {\"id\", \"text\", \"entities\": [{\"start\", \"end\","
            + " \"label\", \"text\"}]} record per document (offsets in code points).")
final class DatasetsExportCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDirOption;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "N",
      description = "A dataset key (ncbi, chia, biored, bc5cdr) or a .jsonl file.")
  String dataset;

  @Mixin SplitOptions splitOptions;

  @Option(
      names = "--allow-modified-data",
      description =
          "Read dataset files that differ from the release (results are marked not comparable)"
              + " instead of stopping.")
  boolean allowModified;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "F",
      description = "The file to write, or - for standard output.")
  Path out;

  @Option(names = "--force", description = "Replace the --out file if it exists.")
  boolean force;

  @Override
  public void run() {
    OutputFile.check(out, force);
    Dataset d =
        Datasets.resolve(
            dataDirOption.resolve(),
            dataset,
            splitOptions.split,
            splitOptions.labels,
            allowModified);
    OutputFile.write(
        out,
        spec.commandLine().getOut(),
        w -> Json.writeLines(w, d.documents().stream().map(DocumentJsonl::toNode).toList()));
    spec.commandLine()
        .getErr()
        .println(
            "wrote "
                + d.documents().size()
                + " documents ("
                + d.mentionCount()
                + " entities) of "
                + d.name()
                + " "
                + d.split()
                + " to "
                + OutputFile.describe(out));
    if (d.modified()) {
      Datasets.leaderboardNote(d)
          .ifPresent(note -> spec.commandLine().getErr().println("note: " + note));
    }
  }
}
