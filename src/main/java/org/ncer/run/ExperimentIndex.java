package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * An experiment folder's index, {@code experiment.json}, writer and reader side by side: every cell
 * of the matrix with its run folder, its status and its headline metrics, and a summary of each
 * metric over the repeats of a model and prompt. {@link ExperimentRunner} writes it as cells end
 * and reads it to resume; reports read an experiment through it.
 *
 * @param experiment the experiment's name
 * @param updated when the index was last written
 * @param repeats how many times each model and prompt runs
 * @param temperature the sampling temperature of every call
 * @param cells the cells in matrix order
 */
public record ExperimentIndex(
    String experiment, Instant updated, int repeats, double temperature, List<Entry> cells) {

  /** The index file of an experiment folder. */
  public static final String FILE = "experiment.json";

  /** The headline metrics of each dataset of a cell, F1 on a 0..1 scale. */
  public static final List<String> METRICS =
      List.of("span_ent_type_f1", "span_strict_f1", "token_macro_f1");

  public ExperimentIndex {
    cells = List.copyOf(cells);
  }

  /** How a cell stands. */
  public enum Status {
    /** Not run yet, or running. */
    PENDING,
    /** Finished in this invocation. */
    DONE,
    /** Finished before; not run again. */
    SKIPPED,
    /** The run finished but counts as failed (too many failed calls, no answer readable). */
    FAILED,
    /** The run stopped on an error; the message says which. */
    ERROR,
    /** Its endpoint stopped on a failure no call can escape. */
    STOPPED;

    /** The name in the index. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the cell finished and counts as such. */
    public boolean finished() {
      return this == DONE || this == SKIPPED;
    }

    /** Whether the cell's run folder holds a finished run's numbers (those of a failed run too). */
    public boolean hasNumbers() {
      return finished() || this == FAILED;
    }

    static Status fromKey(String key) {
      for (Status s : values()) {
        if (s.key().equals(key)) {
          return s;
        }
      }
      return null;
    }

    static String keys() {
      return String.join(", ", Arrays.stream(values()).map(Status::key).toList());
    }
  }

  /**
   * One cell: one run folder holding every dataset of the experiment for one model, prompt and
   * repeat.
   *
   * @param id the cell's name, unique in the experiment
   * @param group the model and prompt the cell repeats: cells of one group differ only in seed
   * @param model the model name
   * @param prompt the prompt; null for the default or a model that takes none
   * @param datasets the datasets of the cell's run
   * @param repeat the repeat number, from 1
   * @param seed the seed sent with every call; null for none
   * @param folder the run folder, relative to the experiment folder
   * @param status how the cell stands
   * @param message why it failed, errored or stopped; null otherwise
   * @param metrics per dataset key, the {@link #METRICS} of the cell's run; empty when none
   */
  public record Entry(
      String id,
      String group,
      String model,
      String prompt,
      List<String> datasets,
      int repeat,
      Integer seed,
      String folder,
      Status status,
      String message,
      Map<String, Map<String, Double>> metrics) {
    public Entry {
      datasets = List.copyOf(datasets);
      Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
      metrics.forEach((d, m) -> copy.put(d, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
      metrics = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * A metric over the repeats that finished: mean and sample standard deviation (n - 1), null with
   * fewer than two values.
   */
  public record Stat(double mean, Double sd, List<Double> values) {
    public Stat {
      values = List.copyOf(values);
    }

    static Stat of(List<Double> values) {
      return new Stat(
          ExperimentIndex.mean(values),
          values.size() > 1 ? ExperimentIndex.sd(values) : null,
          values);
    }
  }

  /** One dataset of one model and prompt, each metric over the group's finished repeats. */
  public record Group(
      String group, String model, String prompt, String dataset, Map<String, Stat> metrics) {
    public Group {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The number of finished repeats. */
    public int runs() {
      return metrics.isEmpty() ? 0 : metrics.values().iterator().next().values().size();
    }
  }

  /** The index file of {@code folder}. */
  public static Path file(Path folder) {
    return folder.resolve(FILE);
  }

  /** Whether {@code folder} holds an experiment index. */
  public static boolean isExperiment(Path folder) {
    return Files.isRegularFile(file(folder));
  }

  /** The run folder of {@code cell} in the experiment folder {@code folder}. */
  public static Path runFolder(Path folder, Entry cell) {
    return folder.resolve(cell.folder());
  }

  /** Per group and dataset, in first-seen order: each metric over the finished cells. */
  public List<Group> summary() {
    Map<List<String>, Map<String, List<Double>>> values = new LinkedHashMap<>();
    Map<List<String>, Entry> first = new LinkedHashMap<>();
    for (Entry e : cells) {
      if (!e.status().finished()) {
        continue;
      }
      for (var d : e.metrics().entrySet()) {
        List<String> key = List.of(e.group(), d.getKey());
        first.putIfAbsent(key, e);
        Map<String, List<Double>> g = values.computeIfAbsent(key, k -> new LinkedHashMap<>());
        d.getValue().forEach((m, v) -> g.computeIfAbsent(m, k -> new ArrayList<>()).add(v));
      }
    }
    List<Group> out = new ArrayList<>();
    values.forEach(
        (key, metrics) -> {
          Entry e = first.get(key);
          Map<String, Stat> stats = new LinkedHashMap<>();
          metrics.forEach((m, vs) -> stats.put(m, Stat.of(vs)));
          out.add(new Group(e.group(), e.model(), e.prompt(), key.get(1), stats));
        });
    return out;
  }

  static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** The sample standard deviation (n - 1 in the denominator). */
  static double sd(List<Double> values) {
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.size() - 1));
  }

  /** The index as written: the fields {@link #read} reads, and the summary. */
  ObjectNode toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("experiment", experiment);
    root.put("updated", updated.toString());
    root.put("repeats", repeats);
    root.put("temperature", temperature);
    ArrayNode cs = root.putArray("cells");
    for (Entry e : cells) {
      ObjectNode n = cs.addObject();
      n.put("id", e.id());
      n.put("group", e.group());
      n.put("model", e.model());
      n.put("prompt", e.prompt());
      ArrayNode ds = n.putArray("datasets");
      e.datasets().forEach(ds::add);
      n.put("repeat", e.repeat());
      n.put("seed", e.seed());
      n.put("folder", e.folder());
      n.put("status", e.status().key());
      if (e.message() != null) {
        n.put("message", e.message());
      }
      if (!e.metrics().isEmpty()) {
        ObjectNode m = n.putObject("metrics");
        e.metrics().forEach((d, values) -> values.forEach(m.putObject(d)::put));
      }
    }
    // Derived from the cells; the reader recomputes it rather than reading it back.
    ArrayNode summary = root.putArray("summary");
    for (Group g : summary()) {
      ObjectNode n = summary.addObject();
      n.put("group", g.group());
      n.put("model", g.model());
      n.put("prompt", g.prompt());
      n.put("dataset", g.dataset());
      n.put("runs", g.runs());
      ObjectNode ms = n.putObject("metrics");
      g.metrics()
          .forEach(
              (metric, s) -> {
                ObjectNode m = ms.putObject(metric);
                m.put("mean", s.mean());
                m.put("sd", s.sd());
                ArrayNode vs = m.putArray("values");
                s.values().forEach(vs::add);
              });
    }
    return root;
  }

  /** Writes the index into the experiment folder {@code folder}. */
  void write(Path folder) {
    Json.writePretty(file(folder), toJson());
  }

  /**
   * Reads the index of the experiment folder {@code folder}. A damaged index is an error naming the
   * file and the field: {@code experiment.json: cells[2].status 'finished' is not one of ...}.
   */
  public static ExperimentIndex read(Path folder) {
    Path file = file(folder);
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new NcerException(file + ": no such file (not an experiment folder)");
    } catch (IOException e) {
      throw new NcerException(file + ": not valid JSON: " + Json.firstLine(e.getMessage()), e);
    }
    Fields f = new Fields(file);
    if (root == null || !root.isObject()) {
      throw f.error("", "is not a JSON object");
    }
    String experiment = f.text(root, "", "experiment");
    String updatedText = f.text(root, "", "updated");
    Instant updated;
    try {
      updated = Instant.parse(updatedText);
    } catch (DateTimeParseException e) {
      throw f.error("updated", "'" + updatedText + "' is not an instant (2026-01-31T12:00:00Z)");
    }
    int repeats = f.positive(root, "", "repeats");
    JsonNode temperature = root.get("temperature");
    if (temperature == null || !temperature.isNumber()) {
      throw f.error("temperature", "is missing or not a number");
    }
    JsonNode cellsNode = root.get("cells");
    if (cellsNode == null || !cellsNode.isArray()) {
      throw f.error("cells", "is missing or not a list");
    }
    if (cellsNode.isEmpty()) {
      throw f.error("cells", "lists no cell");
    }
    List<Entry> cells = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Path base = folder.toAbsolutePath().normalize();
    for (int i = 0; i < cellsNode.size(); i++) {
      JsonNode c = cellsNode.get(i);
      String at = "cells[" + i + "]";
      if (!c.isObject()) {
        throw f.error(at, "is not a JSON object");
      }
      String id = f.text(c, at, "id");
      if (!ids.add(id)) {
        throw f.error(at + ".id", "'" + id + "' is given twice");
      }
      String model = f.text(c, at, "model");
      String prompt = f.optionalText(c, at, "prompt");
      JsonNode ds = c.get("datasets");
      if (ds == null || !ds.isArray() || ds.isEmpty()) {
        throw f.error(at + ".datasets", "is missing or not a list of at least one dataset");
      }
      List<String> datasets = new ArrayList<>();
      for (JsonNode d : ds) {
        if (!d.isTextual()) {
          throw f.error(at + ".datasets", "holds " + d + ", not a dataset name");
        }
        datasets.add(d.asText());
      }
      int repeat = f.positive(c, at, "repeat");
      JsonNode seedNode = c.get("seed");
      if (seedNode != null && !seedNode.isNull() && !seedNode.isInt()) {
        throw f.error(at + ".seed", "is not a whole number or null");
      }
      Integer seed = seedNode == null || seedNode.isNull() ? null : seedNode.intValue();
      String rel = f.text(c, at, "folder");
      Path run = base.resolve(rel).normalize();
      if (Path.of(rel).isAbsolute() || !run.startsWith(base) || run.equals(base)) {
        throw f.error(at + ".folder", "'" + rel + "' is not a folder inside the experiment");
      }
      String statusKey = f.text(c, at, "status");
      Status status = Status.fromKey(statusKey);
      if (status == null) {
        throw f.error(at + ".status", "'" + statusKey + "' is not one of " + Status.keys());
      }
      String message = f.optionalText(c, at, "message");
      Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
      JsonNode ms = c.get("metrics");
      if (ms != null) {
        if (!ms.isObject()) {
          throw f.error(at + ".metrics", "is not a JSON object");
        }
        for (var d = ms.fields(); d.hasNext(); ) {
          var e = d.next();
          Map<String, Double> values = new LinkedHashMap<>();
          for (var v = e.getValue().fields(); v.hasNext(); ) {
            var x = v.next();
            if (!x.getValue().isNumber()) {
              throw f.error(at + ".metrics." + e.getKey() + "." + x.getKey(), "is not a number");
            }
            values.put(x.getKey(), x.getValue().doubleValue());
          }
          metrics.put(e.getKey(), values);
        }
      }
      String group = f.optionalText(c, at, "group");
      if (group == null) {
        // Indexes written before cells named their group: the id without its repeat.
        group = id.replaceFirst("__r[0-9]+$", "");
      }
      cells.add(
          new Entry(
              id, group, model, prompt, datasets, repeat, seed, rel, status, message, metrics));
    }
    return new ExperimentIndex(experiment, updated, repeats, temperature.doubleValue(), cells);
  }

  /** Reads fields of one index file, naming the file and field in every error. */
  private record Fields(Path file) {
    NcerException error(String field, String message) {
      return new NcerException(file + ": " + (field.isEmpty() ? "" : field + " ") + message);
    }

    private static String path(String at, String field) {
      return at.isEmpty() ? field : at + "." + field;
    }

    String text(JsonNode n, String at, String field) {
      JsonNode v = n.get(field);
      if (v == null || !v.isTextual()) {
        throw error(path(at, field), "is missing or not a string");
      }
      return v.asText();
    }

    String optionalText(JsonNode n, String at, String field) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        throw error(path(at, field), "is not a string");
      }
      return v.asText();
    }

    int positive(JsonNode n, String at, String field) {
      JsonNode v = n.get(field);
      if (v == null || !v.isInt() || v.intValue() < 1) {
        throw error(path(at, field), "is missing or not a positive whole number");
      }
      return v.intValue();
    }
  }
}
