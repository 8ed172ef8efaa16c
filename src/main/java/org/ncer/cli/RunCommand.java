package org.ncer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.model.DictionaryBaseline;
import org.ncer.report.LeaderboardResults;
import org.ncer.report.ResultsTable;
import org.ncer.run.DatasetOutcome;
import org.ncer.run.RunListener;
import org.ncer.run.RunSettings;
import org.ncer.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer run}: evaluates a model on datasets and writes a run folder. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "run",
    description = {
      "Evaluate a model on datasets and write a run folder with predictions, metrics, manifest.json and"
          + " the leaderboard's results.json.",
      "With no model given, evaluates the offline baseline:dictionary on the four test splits.",
      "replay:PATH grounds and scores the answers recorded in an earlier run folder again."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption data = new DataDirOption();

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "Model to evaluate: baseline:dictionary (default, offline) or replay:PATH (the answers"
              + " recorded in a run folder, grounded and scored again).",
      defaultValue = DictionaryBaseline.NAME)
  String model;

  @Option(
      names = "--dataset",
      paramLabel = "N",
      description =
          "Dataset key (ncbi, chia, biored, bc5cdr) or a .jsonl file; repeatable (default: all four).")
  List<String> datasets;

  @Mixin SplitOptions splitOptions = new SplitOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run folder to create (default: runs/<timestamp>-<model>/).")
  Path out;

  @Mixin MatchingOption matching = new MatchingOption();

  @Option(
      names = "--prompt",
      paramLabel = "P",
      description =
          "Prompt of models that answer with text: a shipped name (see 'ncer prompts list') or a"
              + " .yaml/.jinja file (default: json-all-labels).")
  String prompt;

  @Mixin PromptOverrides overrides = new PromptOverrides();

  @Option(
      names = "--aligner",
      paramLabel = "NAME",
      defaultValue = "smart",
      description =
          "How answer strings are grounded: smart (default) or compat (the benchmark's mapping).")
  String aligner;

  @Option(
      names = "--max-chars",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Split a note into chunks so that each rendered prompt stays within N characters"
              + " (default: 0, never split).")
  int maxChars;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outWriter = spec.commandLine().getOut();
    Path folder = out != null ? out : defaultFolder(model);
    RunSettings settings =
        new RunSettings(
            model,
            datasets == null || datasets.isEmpty() ? Datasets.names() : datasets,
            splitOptions.labels,
            splitOptions.split,
            data.resolve(),
            folder,
            matching.matching,
            prompt,
            overrides.mode(),
            overrides.output(),
            aligner,
            maxChars,
            VersionInfo.version(),
            VersionInfo.commit());
    Runner.RunResult result = new Runner(Clock.systemUTC()).run(settings, new Progress(err));
    ObjectNode results = LeaderboardResults.write(result.folder());

    outWriter.println();
    outWriter.print(ResultsTable.render(results));
    JsonNode notFound = result.manifest().path("not_found_by_label");
    if (!notFound.isMissingNode()) {
      List<String> parts = new java.util.ArrayList<>();
      notFound.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asInt()));
      outWriter.println(
          "Strings not found in their note (hallucinated): "
              + (parts.isEmpty() ? "none" : String.join(", ", parts))
              + "; see unaligned in predictions/ and grounding/.");
    }
    for (JsonNode note : result.manifest().path("notes")) {
      outWriter.println("Note: " + note.asText());
    }
    outWriter.println("Run folder: " + result.folder());
    return Main.OK;
  }

  static Path defaultFolder(String model) {
    String stamp =
        LocalDateTime.now(java.time.ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    return Path.of("runs", stamp + "-" + model.replaceAll("[^A-Za-z0-9._-]+", "-"));
  }

  /** Prints one line per dataset and a progress line while documents are predicted. */
  private static final class Progress implements RunListener {
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
    private final PrintWriter err;
    private long lastPrint = System.nanoTime();

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void datasetStarted(Dataset dataset, String modelDetail) {
      lastPrint = System.nanoTime();
      err.printf(
          Locale.ROOT,
          "%s/%s: %d documents, %d mentions; %s%n",
          dataset.name(),
          dataset.split(),
          dataset.documents().size(),
          dataset.mentionCount(),
          modelDetail);
    }

    @Override
    public void progress(String dataset, int done, int total) {
      // A line every few seconds on long work; quick datasets stay quiet.
      long now = System.nanoTime();
      if (now - lastPrint >= PROGRESS_EVERY_NANOS) {
        lastPrint = now;
        err.printf(Locale.ROOT, "  %s: %d/%d documents%n", dataset, done, total);
      }
    }

    @Override
    public void datasetFinished(DatasetOutcome outcome, Duration elapsed) {
      err.printf(
          Locale.ROOT,
          "  %s: span partial F1 %.2f, token macro F1 %.2f (%.1f s)%n",
          outcome.dataset().name(),
          100 * outcome.scores().span().overall().get(org.ncer.score.Schema.ENT_TYPE).f1(),
          100 * outcome.scores().token().macro().f1(),
          elapsed.toMillis() / 1000.0);
      if (outcome.grounding() != null) {
        err.println("  " + outcome.dataset().name() + ": " + outcome.grounding().summary());
      }
    }
  }
}
