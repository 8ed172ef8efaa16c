package org.ncer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * The {@code replay:PATH} model: answers with the responses recorded in a run folder's {@code
 * answers/<dataset>.jsonl}, so that saved answers can be grounded and scored again (with another
 * aligner, say) without calling a model.
 *
 * <p>{@code PATH} is a run folder, or one answers file used for every dataset. Each line is {@code
 * {"id", "label", "query", "chunk_start", "response"}} as a run writes it ({@code label} and {@code
 * query} are null in all-labels mode; a line with {@code "error"} instead of a response replays as
 * a failed call). A call with no recorded answer fails with a reason that names the document.
 */
public final class ReplayModel {
  /** The prefix of replay model names. */
  public static final String PREFIX = "replay:";

  private final String name;
  private final Path path;
  private final Map<String, Map<Key, ModelCall>> byDataset = new HashMap<>();

  private record Key(String id, String label, String query, int chunkStart) {}

  private ReplayModel(String name, Path path) {
    this.name = name;
    this.path = path;
  }

  /** The replay model named {@code model} ({@code replay:PATH}); fails when PATH does not exist. */
  public static ReplayModel of(String model) {
    if (!model.startsWith(PREFIX) || model.length() == PREFIX.length()) {
      throw new NcerException("a replay model is named replay:PATH, not '" + model + "'");
    }
    Path path = Path.of(model.substring(PREFIX.length()));
    if (!Files.exists(path)) {
      throw new NcerException(model + ": " + path + " does not exist");
    }
    return new ReplayModel(model, path);
  }

  /** This model's client for one dataset, reading its answers file. */
  public ModelClient forDataset(String dataset) {
    Map<Key, ModelCall> answers = byDataset.computeIfAbsent(dataset, d -> read(answersFile(d)));
    return new ModelClient() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ModelCall call(ModelRequest r) {
        ModelCall recorded =
            answers.get(new Key(r.documentId(), r.label(), r.query(), r.chunkStart()));
        if (recorded != null) {
          return recorded;
        }
        return new ModelCall.Failure(
            "no recorded answer for document "
                + r.documentId()
                + (r.query() == null ? "" : ", query '" + r.query() + "'")
                + (r.chunkStart() == 0 ? "" : ", chunk at " + r.chunkStart()));
      }
    };
  }

  public String name() {
    return name;
  }

  Path answersFile(String dataset) {
    if (Files.isDirectory(path)) {
      Path file = path.resolve("answers").resolve(dataset + ".jsonl");
      if (!Files.exists(file)) {
        throw new NcerException(
            name + ": " + file + " does not exist (no answers recorded for " + dataset + ")");
      }
      return file;
    }
    return path;
  }

  private static Map<Key, ModelCall> read(Path file) {
    record Recorded(Key key, ModelCall call, long line) {}
    Map<Key, ModelCall> answers = new HashMap<>();
    for (Recorded r :
        Json.readLines(
            file,
            (node, line) -> new Recorded(key(node, file, line), call(node, file, line), line))) {
      if (answers.put(r.key(), r.call()) != null) {
        throw NcerException.at(file, r.line(), "a second answer for the same call: " + r.key());
      }
    }
    return answers;
  }

  private static Key key(JsonNode node, Path file, long line) {
    String id = text(node, "id");
    if (id == null) {
      throw NcerException.at(file, line, "field 'id' is missing");
    }
    JsonNode chunk = node.path("chunk_start");
    return new Key(
        id, text(node, "label"), text(node, "query"), chunk.isInt() ? chunk.intValue() : 0);
  }

  private static ModelCall call(JsonNode node, Path file, long line) {
    String response = text(node, "response");
    String error = text(node, "error");
    if (response == null && error == null) {
      throw NcerException.at(file, line, "neither 'response' nor 'error' is given");
    }
    return response != null ? new ModelCall.Success(response) : new ModelCall.Failure(error);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
