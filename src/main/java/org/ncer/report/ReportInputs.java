package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ncer.NcerException;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.run.ExperimentIndex;
import org.ncer.run.ManifestSummary;
import org.ncer.run.PredictedDocument;
import org.ncer.run.RunFolder;
import org.ncer.run.RunManifest;
import org.ncer.run.RunReader;
import org.ncer.score.ScoredDocument;
import org.ncer.span.Mention;

/**
 * Loads run folders and experiment folders for reports and comparisons, one {@link RunData} (one
 * row of the report) per run folder, with the gold documents of each dataset: built-in datasets
 * from the data folder (the {@code dataDir} given, else the one in the run's manifest), a user's
 * JSON Lines file from {@code goldFiles} by dataset name. Gold whose content differs from what the
 * run recorded ({@code gold_sha256}) is not used.
 */
public final class ReportInputs {
  private final Path dataDir;
  private final Map<String, Path> goldFiles;
  private final Map<String, Optional<Dataset>> cache = new HashMap<>();
  private final Map<String, Optional<RunData.Train>> trainCache = new HashMap<>();
  private final Map<String, String> loadErrors = new HashMap<>();

  /**
   * @param dataDir the data folder to read built-in datasets from; null to use each run's own
   * @param goldFiles gold JSON Lines files of user datasets by dataset name
   */
  public ReportInputs(Path dataDir, Map<String, Path> goldFiles) {
    this(dataDir, goldFiles, true);
  }

  /**
   * @param withTrain whether to read training splits, which only the seen/unseen and label
   *     frequency breakdowns need
   */
  ReportInputs(Path dataDir, Map<String, Path> goldFiles, boolean withTrain) {
    this.dataDir = dataDir;
    this.goldFiles = Map.copyOf(goldFiles);
    this.withTrain = withTrain;
  }

  private final boolean withTrain;

  /** A run folder to report on and, for an experiment's cell, where it sits in the experiment. */
  record Source(Path folder, RunData.Cell cell) {}

  /**
   * A cell of an experiment that has no row in the report: not run yet, stopped, or stopped on an
   * error, or whose run folder is gone.
   *
   * @param experiment the experiment folder
   * @param entry the cell's entry in the index
   * @param reason why it has no row
   */
  record Unreported(Path experiment, ExperimentIndex.Entry entry, String reason) {
    /** One line: the cell, its status and why it has no row. */
    String describe() {
      return ExperimentIndex.runFolder(experiment, entry) + ": " + reason;
    }
  }

  /** The runs of a report and the experiment cells left out of it. */
  record Sources(List<Source> runs, List<Unreported> unreported) {}

  /**
   * The runs named by {@code folders}, in order: a run folder is one run, an experiment folder
   * (read through {@link ExperimentIndex}) is every cell whose run finished, failed runs included
   * (a caveat marks them). Cells without numbers are listed in {@link Sources#unreported}.
   */
  static Sources sources(List<Path> folders) {
    List<Source> runs = new ArrayList<>();
    List<Unreported> unreported = new ArrayList<>();
    for (Path f : folders) {
      if (RunReader.isRun(f)) {
        runs.add(new Source(f, null));
      } else if (ExperimentIndex.isExperiment(f)) {
        ExperimentIndex index = ExperimentIndex.read(f);
        for (ExperimentIndex.Entry e : index.cells()) {
          Path run = ExperimentIndex.runFolder(f, e);
          if (!e.status().hasNumbers()) {
            unreported.add(
                new Unreported(
                    f,
                    e,
                    e.status().key() + (e.message() == null ? "" : " (" + e.message() + ")")));
          } else if (!RunReader.isRun(run)) {
            unreported.add(
                new Unreported(
                    f,
                    e,
                    e.status().key()
                        + " in "
                        + ExperimentIndex.file(f)
                        + ", but the folder holds no manifest.json"));
          } else {
            runs.add(new Source(run, new RunData.Cell(f, index.repeats(), e)));
          }
        }
      } else {
        throw new NcerException(
            f
                + " is neither a run folder (manifest.json) nor an experiment folder"
                + " (experiment.json)");
      }
    }
    if (runs.isEmpty()) {
      throw new NcerException(
          unreported.isEmpty()
              ? "no run folder to report on"
              : "no finished run to report on: "
                  + String.join("; ", unreported.stream().map(Unreported::describe).toList()));
    }
    return new Sources(runs, unreported);
  }

  /** The runs read for a report, one row each, and the experiment cells without a row. */
  record Loaded(List<RunData> runs, List<Unreported> unreported) {}

  /** Loads every run of {@code folders} (run or experiment folders). */
  Loaded load(List<Path> folders) {
    Sources sources = sources(folders);
    List<Source> runs = sources.runs();
    List<RunData> out = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    List<ManifestSummary> manifests = new ArrayList<>();
    for (Source src : runs) {
      ManifestSummary m = RunManifest.read(new RunFolder(src.folder())).summary();
      manifests.add(m);
      names.merge(baseName(m, src.cell()), 1, Integer::sum);
    }
    for (int i = 0; i < runs.size(); i++) {
      ManifestSummary m = manifests.get(i);
      Source src = runs.get(i);
      String name = baseName(m, src.cell());
      if (names.get(name) > 1) {
        Path fileName = src.folder().toAbsolutePath().normalize().getFileName();
        name = name + " (" + (fileName == null ? src.folder() : fileName) + ")";
      }
      out.add(load(src, m, "r" + (i + 1), name));
    }
    return new Loaded(out, sources.unreported());
  }

  /** Model and prompt, and the repeat of an experiment's cell when the experiment repeats. */
  private static String baseName(ManifestSummary m, RunData.Cell cell) {
    String name = m.prompt() == null ? m.model() : m.model() + " · " + m.prompt();
    if (cell != null && cell.repeats() > 1) {
      name = name + " · r" + cell.entry().repeat();
    }
    return name;
  }

  private RunData load(Source src, ManifestSummary m, String id, String name) {
    Path folder = src.folder();
    RunFolder run = new RunFolder(folder);
    List<RunData.DatasetData> datasets = new ArrayList<>();
    List<String> caveats = new ArrayList<>();
    if (src.cell() != null && src.cell().entry().status() == ExperimentIndex.Status.FAILED) {
      String message = src.cell().entry().message();
      caveats.add(
          "the experiment marked this cell failed"
              + (message == null ? "" : " (" + message + ")")
              + "; its numbers are those of the run as it ended");
    }
    if (m.matching().equals("corrected")) {
      caveats.add("corrected span matching, not the leaderboard's nervaluate 0.1.8 matching");
    }
    for (ManifestSummary.DatasetEntry e : m.datasets()) {
      RunData.DatasetData d = loadDataset(run, m, e);
      datasets.add(d);
      caveats.addAll(datasetCaveats(e, d));
    }
    return new RunData(
        id,
        name,
        folder,
        m,
        datasets,
        caveats,
        src.cell(),
        RunReader.meanLatencySeconds(run).orElse(-1));
  }

  private static List<String> datasetCaveats(
      ManifestSummary.DatasetEntry e, RunData.DatasetData d) {
    List<String> c = new ArrayList<>();
    if (!Datasets.names().contains(e.name())) {
      c.add(e.name() + ": a user dataset, not a leaderboard dataset");
      return c;
    }
    if (e.name().equals("chia")) {
      c.add("chia: ncer's own test split (the benchmark's CHIA split cannot be rebuilt)");
    } else if (!e.leaderboardComparable()) {
      c.add(e.name() + ": the run marked this dataset not comparable with the leaderboard");
    }
    if (!e.split().equals("test")) {
      c.add(e.name() + ": the " + e.split() + " split, not test");
    }
    if (d.goldDocuments() >= 0 && d.predicted().size() < d.goldDocuments()) {
      c.add(
          e.name()
              + ": a subset, "
              + d.predicted().size()
              + " of "
              + d.goldDocuments()
              + " documents");
    }
    return c;
  }

  private RunData.DatasetData loadDataset(
      RunFolder run, ManifestSummary m, ManifestSummary.DatasetEntry e) {
    JsonNode metrics = RunReader.metrics(run, e.name());
    List<PredictedDocument> predicted = RunReader.predictions(run, e.name());
    List<String> notes = new ArrayList<>();
    Optional<Dataset> gold = gold(m, e, notes);
    List<Document> goldDocs = null;
    int[][][] counts = null;
    List<List<SpanOutcomes.Outcome>> outcomes = null;
    RunData.Train train = null;
    if (gold.isPresent()) {
      Map<String, Document> byId = new HashMap<>();
      gold.get().documents().forEach(d -> byId.put(d.id(), d));
      goldDocs = new ArrayList<>(predicted.size());
      for (PredictedDocument p : predicted) {
        Document g = byId.get(p.id());
        if (g == null || !g.text().equals(p.text())) {
          notes.add(
              "document "
                  + p.id()
                  + (g == null ? " is not in the gold data" : " has another text in the gold data")
                  + "; error analysis skipped");
          goldDocs = null;
          break;
        }
        goldDocs.add(g);
      }
    }
    if (goldDocs != null) {
      Set<String> labels = new HashSet<>(e.labels());
      counts = new int[predicted.size()][][];
      outcomes = new ArrayList<>(predicted.size());
      for (int i = 0; i < predicted.size(); i++) {
        List<Mention> g = goldDocs.get(i).mentions();
        List<Mention> p = predicted.get(i).spans();
        counts[i] =
            DocCounts.of(
                new ScoredDocument(predicted.get(i).text(), g, p),
                e.labels(),
                m.matching().equals("corrected")
                    ? org.ncer.score.Matching.CORRECTED
                    : org.ncer.score.Matching.COMPAT);
        outcomes.add(SpanOutcomes.of(g, p, labels));
      }
      train = withTrain ? train(m, e, notes) : null;
      if (m.matching().equals("corrected")) {
        notes.add(
            "error kinds follow nervaluate 0.1.8's pairing; this run's span scores use corrected"
                + " matching, so their counts can differ");
      }
    }
    return new RunData.DatasetData(
        e,
        metrics,
        RunReader.grounding(run, e.name()),
        predicted,
        goldDocs,
        gold.map(d -> d.documents().size()).orElse(-1),
        counts,
        outcomes,
        train,
        RunReader.rawAnswers(run, e.name()),
        notes);
  }

  private Path dataDirOf(ManifestSummary m) {
    if (dataDir != null) {
      return dataDir;
    }
    return m.dataDir();
  }

  private Optional<Dataset> gold(
      ManifestSummary m, ManifestSummary.DatasetEntry e, List<String> notes) {
    String key;
    Path dir = dataDirOf(m);
    if (Datasets.names().contains(e.name())) {
      if (dir == null) {
        notes.add("no data folder recorded or given (--data-dir); error analysis skipped");
        return Optional.empty();
      }
      key = dir.toAbsolutePath().normalize() + "|" + e.name() + "|" + e.split();
    } else {
      Path file = goldFiles.get(e.name());
      if (file == null) {
        notes.add(
            "a user dataset: give its gold file with --gold "
                + e.name()
                + "=FILE.jsonl for the error analysis");
        return Optional.empty();
      }
      key = file.toAbsolutePath().normalize() + "|file|" + String.join(",", e.labels());
    }
    Optional<Dataset> ds =
        cache.computeIfAbsent(
            key,
            k -> {
              try {
                return Optional.of(
                    Datasets.names().contains(e.name())
                        ? Datasets.load(dir, e.name(), e.split())
                        : Datasets.resolve(
                            Path.of(""), goldFiles.get(e.name()).toString(), "test", e.labels()));
              } catch (NcerException ex) {
                loadErrors.put(k, ex.getMessage());
                return Optional.empty();
              }
            });
    if (ds.isEmpty()) {
      notes.add("gold data not readable (" + loadErrors.get(key) + "); error analysis skipped");
      return ds;
    }
    if (e.goldSha256() != null && !e.goldSha256().equals(ds.get().contentSha256())) {
      notes.add(
          "the gold data differs from what the run was scored on (gold_sha256); error analysis"
              + " skipped");
      return Optional.empty();
    }
    return ds;
  }

  /** The training split's mention strings and label counts, or null when it cannot be read. */
  private RunData.Train train(
      ManifestSummary m, ManifestSummary.DatasetEntry e, List<String> notes) {
    Path dir = dataDirOf(m);
    if (!Datasets.names().contains(e.name()) || dir == null) {
      notes.add("no training split for the seen/unseen and label frequency breakdowns");
      return null;
    }
    String key = dir.toAbsolutePath().normalize() + "|" + e.name();
    Optional<RunData.Train> train =
        trainCache.computeIfAbsent(
            key,
            k -> {
              try {
                Set<String> s = new HashSet<>();
                Map<String, Integer> perLabel = new LinkedHashMap<>();
                for (Document d : Datasets.load(dir, e.name(), "train").documents()) {
                  for (Mention mention : d.mentions()) {
                    s.add(d.textOf(mention).toLowerCase(Locale.ROOT));
                    perLabel.merge(mention.label(), 1, Integer::sum);
                  }
                }
                return Optional.of(new RunData.Train(s, perLabel));
              } catch (NcerException ex) {
                return Optional.empty();
              }
            });
    if (train.isEmpty()) {
      notes.add("the training split could not be read; no seen/unseen breakdown");
      return null;
    }
    return train.get();
  }
}
