package org.ncer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ncer.Json;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer datasets stats}: documents and entities per label of dataset splits. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "stats",
    description = "Count documents and entities per label, as the benchmark scores them.")
final class DatasetsStatsCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDirOption;

  @Option(
      names = "--dataset",
      paramLabel = "N",
      description =
          "A dataset key (ncbi, chia, biored, bc5cdr) or a .jsonl file; repeatable."
              + " Default: the four built-in datasets.")
  List<String> datasets = new ArrayList<>();

  @Mixin SplitOptions splitOptions;

  @Option(
      names = "--allow-modified-data",
      description =
          "Read dataset files that differ from the release (results are marked not comparable)"
              + " instead of stopping.")
  boolean allowModified;

  @Option(
      names = "--json",
      description = "Print {\"<name>\": {\"documents\": n, \"entities\": {...}}}.")
  boolean json;

  @Override
  public void run() {
    Path dataDir = dataDirOption.resolve();
    List<String> names = datasets.isEmpty() ? Datasets.names() : datasets;
    List<Dataset> loaded = new ArrayList<>();
    for (String name : names) {
      loaded.add(
          Datasets.resolve(dataDir, name, splitOptions.split, splitOptions.labels, allowModified));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = Json.mapper().createObjectNode();
      for (Dataset d : loaded) {
        ObjectNode node = root.putObject(d.name());
        node.put("documents", d.documents().size());
        ObjectNode entities = node.putObject("entities");
        d.mentionCounts().forEach(entities::put);
        if (d.modified()) {
          d.modifiedFiles().forEach(node.putArray("modified_files")::add);
        }
      }
      try {
        out.println(Json.pretty().writeValueAsString(root));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("DATASET", "SPLIT", "DOCUMENTS", "ENTITIES", "LABEL", "COUNT"));
    for (Dataset d : loaded) {
      boolean first = true;
      for (Map.Entry<String, Integer> e : d.mentionCounts().entrySet()) {
        rows.add(
            List.of(
                first ? d.name() : "",
                first ? d.split() : "",
                first ? Integer.toString(d.documents().size()) : "",
                first ? Integer.toString(d.mentionCount()) : "",
                e.getKey(),
                Integer.toString(e.getValue())));
        first = false;
      }
    }
    Table.print(out, rows);
    for (Dataset d : loaded) {
      Datasets.leaderboardNote(d).ifPresent(note -> out.println("Note: " + note));
    }
  }
}
