package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.dataset.Document;
import org.ncer.dataset.DocumentJsonl;

/**
 * Reads the files of a run folder as {@link Runner} writes them: the manifest, the predictions, the
 * score JSON, the grounding counts and the recorded answers. Reports and comparisons read runs only
 * through this class.
 */
public final class RunReader {
  private RunReader() {}

  /** True when {@code folder} holds a run ({@code manifest.json}). */
  public static boolean isRun(Path folder) {
    return Files.isRegularFile(new RunFolder(folder).manifest());
  }

  /** Reads {@code manifest.json}; errors name the file and the field. */
  public static ManifestSummary manifest(RunFolder run) {
    Path file = run.manifest();
    JsonNode m = readJson(file);
    if (!m.isObject()) {
      throw new NcerException(file + ": expected a JSON object");
    }
    String model = requiredText(m, "model", file);
    JsonNode settings = m.path("settings");
    List<ManifestSummary.DatasetEntry> datasets = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = m.path("datasets").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode d = e.getValue();
      List<String> labels = new ArrayList<>();
      d.path("labels").forEach(l -> labels.add(l.asText()));
      if (labels.isEmpty()) {
        throw new NcerException(file + ": datasets." + e.getKey() + ".labels is missing or empty");
      }
      Map<String, Integer> entities = new LinkedHashMap<>();
      d.path("entities")
          .fields()
          .forEachRemaining(x -> entities.put(x.getKey(), x.getValue().asInt()));
      datasets.add(
          new ManifestSummary.DatasetEntry(
              e.getKey(),
              d.path("split").asText(m.path("split").asText("test")),
              d.path("documents").asInt(-1),
              labels,
              entities,
              d.path("gold_sha256").asText(null),
              d.path("leaderboard_comparable").asBoolean(false)));
    }
    if (datasets.isEmpty()) {
      throw new NcerException(file + ": field 'datasets' lists no dataset");
    }
    List<String> notes = new ArrayList<>();
    m.path("notes").forEach(n -> notes.add(n.asText()));
    String dataDir = settings.path("data_dir").asText(null);
    JsonNode seed = m.has("seed") ? m.get("seed") : settings.get("seed");
    return new ManifestSummary(
        model,
        m.path("split").asText("test"),
        settings.path("matching").asText("compat"),
        dataDir == null ? null : Path.of(dataDir),
        settings.path("prompt").asText(null),
        settings.path("prompt_version").asInt(0),
        datasets,
        notes,
        m.path("seconds").asDouble(0),
        usage(m, run),
        m.path("repeat").isIntegralNumber() ? m.path("repeat").asInt() : null,
        seed != null && seed.isIntegralNumber() ? seed.asLong() : null);
  }

  /**
   * Calls, tokens and cost as the manifest records them ({@code calls}, {@code tokens}, {@code
   * cost}), with the mean latency of the calls sent (not answered from the cache) from the journal;
   * null for a run that made no model call.
   */
  private static ManifestSummary.Usage usage(JsonNode m, RunFolder run) {
    JsonNode calls = m.path("calls");
    if (!calls.isObject() || calls.path("asked").asLong(0) == 0) {
      return null;
    }
    JsonNode cost = m.path("cost").path("usd");
    double latency = -1;
    if (Files.isRegularFile(run.journal())) {
      long sum = 0;
      int n = 0;
      for (JournalEntry e : Journal.read(run.journal())) {
        if (!e.cached()) {
          sum += e.latencyMs();
          n++;
        }
      }
      latency = n == 0 ? -1 : sum / 1000.0 / n;
    }
    return new ManifestSummary.Usage(
        calls.path("asked").asLong(-1),
        m.path("tokens").path("input").asLong(-1),
        m.path("tokens").path("output").asLong(-1),
        cost.isNumber() ? cost.asDouble() : -1,
        latency);
  }

  /** Reads {@code predictions/<ds>.jsonl}, offsets converted from code points to string indices. */
  public static List<PredictedDocument> predictions(RunFolder run, String dataset) {
    Path file = run.predictions(dataset);
    List<Document> docs = DocumentJsonl.read(file, null);
    List<JsonNode> lines = Json.readLines(file, (node, line) -> node);
    List<PredictedDocument> out = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i);
      JsonNode line = lines.get(i);
      List<PredictedDocument.Predicted> mentions = new ArrayList<>();
      JsonNode entities = line.path("entities");
      for (int j = 0; j < d.mentions().size(); j++) {
        JsonNode match = entities.path(j).get("match");
        mentions.add(
            new PredictedDocument.Predicted(
                d.mentions().get(j), match == null || match.isNull() ? null : match.asText()));
      }
      List<PredictedDocument.Unplaced> unaligned = new ArrayList<>();
      for (JsonNode u : line.path("unaligned")) {
        unaligned.add(
            new PredictedDocument.Unplaced(
                u.path("text").asText(""),
                u.path("label").asText(null),
                u.path("reason").asText("")));
      }
      JsonNode parse = line.get("parse");
      out.add(
          new PredictedDocument(
              d.id(), d.text(), mentions, unaligned, parse == null ? null : parse.asText()));
    }
    return out;
  }

  /** The score JSON of one dataset, {@code metrics/<ds>.json}, as {@code ScoreReport} writes it. */
  public static JsonNode metrics(RunFolder run, String dataset) {
    return readJson(run.metrics(dataset));
  }

  /** The grounding counts of one dataset, empty when the model gave spans directly. */
  public static Optional<GroundingCounts> grounding(RunFolder run, String dataset) {
    Path file = run.grounding(dataset);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode g = readJson(file);
    Map<String, Integer> answers = new LinkedHashMap<>();
    g.path("answers").fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asInt()));
    answers.remove("total");
    Map<String, Integer> strings = new LinkedHashMap<>();
    g.path("strings").fields().forEachRemaining(e -> strings.put(e.getKey(), e.getValue().asInt()));
    strings.remove("total");
    Map<String, Integer> notFound = new LinkedHashMap<>();
    g.path("not_found_by_label")
        .fields()
        .forEachRemaining(e -> notFound.put(e.getKey(), e.getValue().asInt()));
    return Optional.of(
        new GroundingCounts(
            g.path("documents").asInt(),
            g.path("answers").path("total").asInt(),
            answers,
            g.path("strings").path("total").asInt(),
            strings,
            notFound,
            g.path("mentions").asInt()));
  }

  /**
   * The raw answers of one dataset by document id, in call order; empty when none were recorded.
   * Reads {@code journal.jsonl} (lines with a {@code dataset} field) when the run has one, else
   * {@code answers/<ds>.jsonl}.
   */
  public static Map<String, List<RawAnswer>> rawAnswers(RunFolder run, String dataset) {
    Map<String, List<RawAnswer>> byDocument = new LinkedHashMap<>();
    if (!Files.isRegularFile(run.journal())) {
      return byDocument;
    }
    for (JournalEntry e : Journal.read(run.journal())) {
      CallKey k = e.key();
      if (!k.dataset().equals(dataset)) {
        continue;
      }
      String failure =
          e.failure() == null ? null : e.failure().kind() + ": " + e.failure().message();
      byDocument
          .computeIfAbsent(k.document(), d -> new ArrayList<>())
          .add(
              new RawAnswer(
                  k.document(), k.label(), k.query(), k.chunkStart(), e.answer(), failure));
    }
    return byDocument;
  }

  private static String requiredText(JsonNode node, String field, Path file) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new NcerException(file + ": field '" + field + "' is missing or not a string");
    }
    return v.asText();
  }

  private static JsonNode readJson(Path file) {
    try {
      return Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new NcerException(file + ": no such file");
    } catch (IOException e) {
      throw new NcerException(file + ": not valid JSON: " + Json.firstLine(e.getMessage()), e);
    }
  }
}
