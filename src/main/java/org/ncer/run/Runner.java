package org.ncer.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.align.GroundingTally;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.dataset.DocumentJsonl;
import org.ncer.prompt.PromptTemplate;
import org.ncer.score.Matching;
import org.ncer.score.ScoreReport;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;

/**
 * Runs a model over datasets and writes the run folder: {@code predictions/<ds>.jsonl}, {@code
 * metrics/<ds>.json} and {@code manifest.json}; for models that answer with text also every call's
 * answer ({@code answers/<ds>.jsonl}) and the grounding counts ({@code grounding/<ds>.json}), whose
 * strings not found in the note are totalled per dataset and label in the manifest.
 *
 * <p>All datasets are loaded before the first prediction, so a missing or malformed file fails the
 * run before any work. Each dataset's predictions and metrics are written as soon as it finishes,
 * so a later failure loses nothing already computed.
 */
public final class Runner {
  private final Clock clock;

  public Runner(Clock clock) {
    this.clock = clock;
  }

  /** The outcome of a whole run. */
  public record RunResult(Path folder, List<DatasetOutcome> outcomes, ObjectNode manifest) {}

  public RunResult run(RunSettings settings, RunListener listener) {
    Instant started = clock.instant();
    List<Dataset> datasets = new ArrayList<>();
    for (String ref : settings.datasets()) {
      datasets.add(Datasets.resolve(settings.dataDir(), ref, settings.split(), settings.labels()));
    }
    Predictors predictors = new Predictors(settings);
    predictors.check();
    Path out = settings.out();
    if (Files.exists(out.resolve("manifest.json"))) {
      throw new NcerException(out + " already holds a run (manifest.json); choose another --out");
    }
    createFolders(out);

    List<DatasetOutcome> outcomes = new ArrayList<>();
    for (Dataset dataset : datasets) {
      Instant t0 = clock.instant();
      Predictors.Prepared prepared = predictors.prepare(dataset);
      listener.datasetStarted(dataset, prepared.detail());
      DatasetOutcome outcome = runOne(dataset, prepared.predictor(), settings, listener);
      outcomes.add(outcome);
      listener.datasetFinished(outcome, Duration.between(t0, clock.instant()));
    }
    ObjectNode manifest =
        manifest(settings, predictors.template(), outcomes, started, clock.instant());
    Json.writePretty(out.resolve("manifest.json"), manifest);
    return new RunResult(out, outcomes, manifest);
  }

  private static DatasetOutcome runOne(
      Dataset dataset, Predictor predictor, RunSettings settings, RunListener listener) {
    int total = dataset.documents().size();
    List<ObjectNode> predicted = new ArrayList<>(total);
    List<ObjectNode> calls = new ArrayList<>();
    List<ScoredDocument> scored = new ArrayList<>(total);
    GroundingTally tally = new GroundingTally();
    int done = 0;
    for (Document gold : dataset.documents()) {
      Prediction p = predictor.predict(gold);
      if (p.grounding() == null) {
        predicted.add(DocumentJsonl.toNode(gold.withMentions(p.mentions())));
      } else {
        predicted.add(PredictionJson.node(gold.id(), gold.text(), p.grounding()));
        tally.add(p.grounding());
      }
      p.calls().forEach(c -> calls.add(Json.mapper().valueToTree(c)));
      scored.add(new ScoredDocument(gold.text(), gold.mentions(), p.mentions()));
      listener.progress(dataset.name(), ++done, total);
    }
    Path folder = settings.out();
    Path predictions = folder.resolve("predictions").resolve(dataset.name() + ".jsonl");
    Json.writeLines(predictions, predicted);
    boolean grounded = tally.documents() > 0;
    if (!calls.isEmpty()) {
      Json.writeLines(folder.resolve("answers").resolve(dataset.name() + ".jsonl"), calls);
    }
    if (grounded) {
      Json.writePretty(
          folder.resolve("grounding").resolve(dataset.name() + ".json"),
          PredictionJson.tally(tally));
    }

    ScoreReport scores = Scorer.score(scored, dataset.labels(), settings.matching());
    Path metrics = folder.resolve("metrics").resolve(dataset.name() + ".json");
    Json.writePretty(metrics, scores.toJson());
    return new DatasetOutcome(dataset, scores, dataset.contentSha256(), grounded ? tally : null);
  }

  private ObjectNode manifest(
      RunSettings s,
      PromptTemplate prompt,
      List<DatasetOutcome> outcomes,
      Instant started,
      Instant finished) {
    ObjectNode m = Json.mapper().createObjectNode();
    ObjectNode ncer = m.putObject("ncer");
    ncer.put("version", s.version());
    ncer.put("commit", s.commit());
    m.put("model", s.model());
    m.put("split", s.split());
    ObjectNode settings = m.putObject("settings");
    settings.put("matching", s.matching().key());
    settings.put("data_dir", s.dataDir().toAbsolutePath().normalize().toString());
    if (prompt != null) {
      // The prompt as applied, overrides included.
      settings.put("prompt", prompt.name());
      settings.put("prompt_version", prompt.version());
      settings.put("mode", prompt.mode().key());
      settings.put("output", prompt.output().key());
      settings.put("aligner", s.aligner());
      settings.put("max_chars", s.maxChars());
    }
    ObjectNode ds = m.putObject("datasets");
    ArrayNode notes = Json.mapper().createArrayNode();
    Map<String, Integer> notFound = new java.util.TreeMap<>();
    for (DatasetOutcome o : outcomes) {
      ObjectNode d = ds.putObject(o.dataset().name());
      d.put("split", o.dataset().split());
      d.put("documents", o.dataset().documents().size());
      ObjectNode entities = d.putObject("entities");
      for (Map.Entry<String, Integer> e : o.dataset().mentionCounts().entrySet()) {
        entities.put(e.getKey(), e.getValue());
      }
      d.putPOJO("labels", o.dataset().labels());
      d.put("gold_sha256", o.goldSha256());
      if (o.grounding() != null) {
        d.set("grounding", PredictionJson.tally(o.grounding()));
        o.grounding()
            .notFoundByLabel()
            .forEach((label, n) -> notFound.merge(label, n, Integer::sum));
      }
      Optional<String> leaderboardNote = Datasets.leaderboardNote(o.dataset());
      d.put("leaderboard_comparable", !o.dataset().fromFile() && leaderboardNote.isEmpty());
      leaderboardNote.ifPresent(notes::add);
    }
    if (s.matching() == Matching.CORRECTED) {
      notes.add(
          "Span metrics use corrected matching (one-to-one, half-open overlap), not the"
              + " leaderboard's nervaluate 0.1.8 matching; span numbers are not comparable with the"
              + " leaderboard's.");
    }
    m.put("started", started.toString());
    m.put("finished", finished.toString());
    m.put("seconds", Duration.between(started, finished).toMillis() / 1000.0);
    if (outcomes.stream().anyMatch(o -> o.grounding() != null)) {
      ObjectNode totals = m.putObject("not_found_by_label");
      notFound.forEach(totals::put);
    }
    m.set("notes", notes);
    return m;
  }

  private static void createFolders(Path out) {
    try {
      Files.createDirectories(out.resolve("predictions"));
      Files.createDirectories(out.resolve("metrics"));
    } catch (IOException e) {
      throw new NcerException("could not create the run folder " + out + ": " + e.getMessage(), e);
    }
  }
}
