package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.dataset.Document;
import org.ncer.dataset.DocumentJsonl;

/**
 * Reads the files of a run folder as {@link Runner} writes them: the predictions, the score JSON,
 * the grounding counts, the recorded answers and their latency. The manifest has its own reader
 * beside its writer, {@link RunManifest#read}. Reports and comparisons read runs only through these
 * two.
 */
public final class RunReader {
  private RunReader() {}

  /** True when {@code folder} holds a run ({@code manifest.json}). */
  public static boolean isRun(Path folder) {
    return Files.isRegularFile(new RunFolder(folder).manifest());
  }

  /**
   * The mean latency in seconds of the calls the run sent (not those answered from the cache), from
   * its journal; empty when the run has no journal or sent no call.
   */
  public static OptionalDouble meanLatencySeconds(RunFolder run) {
    if (!Files.isRegularFile(run.journal())) {
      return OptionalDouble.empty();
    }
    long sum = 0;
    int n = 0;
    for (JournalEntry e : Journal.read(run.journal())) {
      if (!e.cached()) {
        sum += e.latencyMs();
        n++;
      }
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / 1000.0 / n);
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
