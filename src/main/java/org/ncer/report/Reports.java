package org.ncer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.dataset.Datasets;
import org.ncer.prompt.PromptTemplate;
import org.ncer.run.ExperimentIndex;
import org.ncer.run.RunReader;

/**
 * The report and comparison entry points: {@code ncer report}, {@code ncer report --submission} and
 * {@code ncer compare}.
 */
public final class Reports {
  private Reports() {}

  /**
   * How to read and compare runs.
   *
   * @param dataDir the data folder of built-in datasets; null for each run's recorded one
   * @param gold gold JSON Lines files of user datasets by dataset name
   * @param resamples bootstrap resamples per comparison
   * @param seed the bootstrap seed
   * @param maxDocs documents per run and dataset in the error browser
   */
  public record Options(
      Path dataDir, Map<String, Path> gold, int resamples, long seed, int maxDocs) {
    public Options {
      gold = Map.copyOf(gold);
      if (resamples < 1) {
        throw new NcerException("--resamples must be at least 1, not " + resamples);
      }
      if (maxDocs < 0) {
        throw new NcerException("--max-docs must not be negative");
      }
    }
  }

  /**
   * What a report wrote: its files, the runs it covers (one row each) with their caveats, and the
   * experiment cells it has no row for, each with its status.
   */
  public record Written(
      List<Path> files, List<String> runs, List<String> caveats, List<String> unreported) {}

  /** Runs read for a report or a comparison, gold data and per-document counts included. */
  public static final class Loaded {
    private final List<RunData> runs;
    private final List<ReportInputs.Unreported> unreported;

    private Loaded(ReportInputs.Loaded loaded) {
      this.runs = List.copyOf(loaded.runs());
      this.unreported = List.copyOf(loaded.unreported());
    }

    /** The number of runs. */
    public int size() {
      return runs.size();
    }
  }

  /**
   * Reads run or experiment folders; {@code withTrain} also reads the training splits for the
   * seen/unseen and label frequency breakdowns.
   */
  public static Loaded load(List<Path> folders, Options o, boolean withTrain) {
    return new Loaded(new ReportInputs(o.dataDir(), o.gold(), withTrain).load(folders));
  }

  /** Writes {@code leaderboard.md}, {@code leaderboard.json} and {@code report.html} into out. */
  public static Written report(List<Path> folders, Path out, Options o) {
    return write(load(folders, o, true), out, o);
  }

  /** Writes the report of runs already read. */
  public static Written write(Loaded loaded, Path out, Options o) {
    List<RunData> runs = loaded.runs;
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      for (int j = i + 1; j < runs.size(); j++) {
        if (paired(runs.get(i), runs.get(j))) {
          pairs.add(new int[] {i, j});
        }
      }
    }
    // Each pair is independent and seeded, so computing pairs in parallel changes no number.
    List<Comparison> comparisons =
        pairs.parallelStream()
            .map(p -> Comparison.of(runs.get(p[0]), runs.get(p[1]), o.resamples(), o.seed()))
            .toList();
    ObjectNode board = Leaderboard.toJson(runs, comparisons, loaded.unreported);
    Path json = out.resolve("leaderboard.json");
    Path md = out.resolve("leaderboard.md");
    Path html = out.resolve("report.html");
    Json.writePretty(json, board);
    writeText(md, Leaderboard.markdown(board));
    writeText(html, HtmlReport.render(runs, board, o.maxDocs()));
    List<String> caveats = new ArrayList<>();
    runs.forEach(r -> r.caveats().forEach(c -> caveats.add(r.name() + ": " + c)));
    return new Written(
        List.of(md, json, html),
        runs.stream().map(RunData::name).toList(),
        caveats,
        describe(loaded.unreported));
  }

  private static List<String> describe(List<ReportInputs.Unreported> unreported) {
    return unreported.stream().map(ReportInputs.Unreported::describe).toList();
  }

  /**
   * Whether the report compares two runs. Runs of one experiment are compared when they differ in
   * model or prompt, on the same repeat (the same seed), so that each pair of models or prompts is
   * compared once per repeat; repeats of one model and prompt are summed up by the repeats section
   * instead. Any other two runs are compared.
   */
  static boolean paired(RunData a, RunData b) {
    if (a.cell() == null
        || b.cell() == null
        || !a.cell().experiment().equals(b.cell().experiment())) {
      return true;
    }
    ExperimentIndex.Entry x = a.cell().entry();
    ExperimentIndex.Entry y = b.cell().entry();
    return !x.group().equals(y.group()) && x.repeat() == y.repeat();
  }

  /** Compares runs A and B ({@link Comparison#toJson}); each must be a run folder. */
  public static ObjectNode compare(Path a, Path b, Options o) {
    for (Path p : List.of(a, b)) {
      if (!RunReader.isRun(p) && ExperimentIndex.isExperiment(p)) {
        throw new NcerException(
            p
                + " is an experiment folder; compare two of its cells (the folders under "
                + p.resolve("cells")
                + "), or report on the experiment to compare all of them");
      }
    }
    return compare(load(List.of(a, b), o, false), 0, 1, o);
  }

  /** Compares runs {@code a} and {@code b} (indices) of runs already read. */
  public static ObjectNode compare(Loaded loaded, int a, int b, Options o) {
    return Comparison.of(loaded.runs.get(a), loaded.runs.get(b), o.resamples(), o.seed()).toJson();
  }

  /**
   * Writes the leaderboard submitter's files for each run: {@code results.json} (the benchmark's
   * results format) and {@code request.json} (model name and revision, architecture Decoder,
   * zero-shot, the label map per dataset, the prompt identifier), in {@code out} for one run and in
   * {@code out/<run id>/} for several. A run on another split, a subset or with corrected matching
   * is refused: its numbers are not what the leaderboard would compute.
   */
  public static Written submission(
      List<Path> folders, Path out, Options o, String revision, Instant now) {
    ReportInputs.Loaded loaded = new ReportInputs(o.dataDir(), o.gold()).load(folders);
    List<RunData> runs = loaded.runs();
    List<Path> files = new ArrayList<>();
    List<String> caveats = new ArrayList<>();
    for (RunData r : runs) {
      for (String c : r.caveats()) {
        if (!c.startsWith("chia:")) {
          throw new NcerException(r.folder() + " cannot be submitted: " + c);
        }
        caveats.add(r.name() + ": " + c);
      }
      Path dir = runs.size() == 1 ? out : out.resolve(r.id());
      List<LeaderboardResults.DatasetScore> scores = new ArrayList<>();
      r.datasets()
          .forEach(
              d ->
                  scores.add(
                      new LeaderboardResults.DatasetScore(d.name(), d.labels(), d.metrics())));
      Path results = dir.resolve("results.json");
      Json.writePretty(results, LeaderboardResults.compute(scores));
      Path request = dir.resolve("request.json");
      Json.writePretty(request, request(r, revision, now));
      files.add(results);
      files.add(request);
    }
    return new Written(
        files, runs.stream().map(RunData::name).toList(), caveats, describe(loaded.unreported()));
  }

  private static ObjectNode request(RunData r, String revision, Instant now) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("model_name", r.manifest().model());
    n.put("revision", revision);
    n.put("model_architecture", "Decoder");
    n.put("status", "PENDING");
    n.put("submitted_time", now.toString());
    n.put("model_type", "zero-shot");
    n.put("private", false);
    ObjectNode config = n.putObject("inference_config");
    ObjectNode maps = config.putObject("label_normalization_map");
    Map<String, String> aliases = new LinkedHashMap<>();
    if (r.manifest().prompt() != null) {
      try {
        aliases.putAll(PromptTemplate.load(r.manifest().prompt()).aliases());
      } catch (NcerException e) {
        // A prompt file that is gone: the map then holds the dataset's own labels only.
      }
    }
    for (RunData.DatasetData d : r.datasets()) {
      ObjectNode m = maps.putObject(d.name().toUpperCase(Locale.ROOT));
      d.labels().forEach(l -> m.put(l, l));
      aliases.forEach(
          (from, to) -> {
            if (d.labels().contains(to)) {
              m.put(from, to);
            }
          });
    }
    String prompt = r.manifest().prompt();
    config.put(
        "prompt_template_identifier",
        prompt == null ? r.manifest().model() : prompt + "@" + r.manifest().promptVersion());
    ArrayNode ds = n.putArray("datasets");
    r.datasets().forEach(d -> ds.add(d.name()));
    n.put(
        "leaderboard_datasets",
        Datasets.names()
            .containsAll(r.datasets().stream().map(RunData.DatasetData::name).toList()));
    return n;
  }

  private static void writeText(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NcerException("could not write " + file + ": " + e.getMessage(), e);
    }
  }
}
