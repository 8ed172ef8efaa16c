package org.ncer.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ncer.NcerException;
import org.ncer.dataset.Datasets;
import org.ncer.model.DictionaryBaseline;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * An experiment file ({@code config/experiments/<name>.yaml}): the datasets, models and prompts of
 * a matrix in which each model and prompt, repeated, is one run over every dataset. A key the file
 * does not know is an error naming the file and line, so that a misspelt setting is never silently
 * ignored.
 *
 * @param name the experiment's name, the default folder name
 * @param datasets dataset keys or JSON Lines files
 * @param models the models, each with its endpoint settings
 * @param prompts the prompts of text models; empty for the default prompt
 * @param repeats how many times each model and prompt runs; repeat {@code r} sends seed {@code seed
 *     + r - 1}
 * @param temperature the sampling temperature of every call
 * @param seed the first repeat's seed; null sends none when there is one repeat
 * @param maxTokens the answer token limit; null for the provider's
 * @param split the split of built-in datasets
 * @param limit evaluate the first N documents of each dataset; null for all
 * @param matching the span matching key; null for the default
 * @param aligner the grounding aligner
 * @param maxChars the chunking limit of prompts; 0 never splits
 * @param maxFailures the failed calls a cell tolerates, as {@code --max-failures} takes it; null
 *     for no limit
 * @param parallel how many cells run at once
 * @param allowRemote whether datasets marked {@code remote: forbidden} may leave the machine
 */
public record ExperimentConfig(
    String name,
    List<String> datasets,
    List<ModelEntry> models,
    List<String> prompts,
    int repeats,
    double temperature,
    Integer seed,
    Integer maxTokens,
    String split,
    Integer limit,
    String matching,
    String aligner,
    int maxChars,
    String maxFailures,
    int parallel,
    boolean allowRemote) {

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "datasets",
          "models",
          "prompts",
          "repeats",
          "temperature",
          "seed",
          "max_tokens",
          "split",
          "limit",
          "matching",
          "aligner",
          "max_chars",
          "max_failures",
          "parallel",
          "allow_remote");
  private static final Set<String> MODEL_KEYS =
      Set.of(
          "model",
          "profile",
          "base_url",
          "api_key_env",
          "endpoints",
          "concurrency",
          "rpm",
          "tpm",
          "timeout_seconds");

  public ExperimentConfig {
    datasets = List.copyOf(datasets);
    models = List.copyOf(models);
    prompts = List.copyOf(prompts);
  }

  /**
   * A model of the matrix and how to reach it; the optional settings override its endpoint profile
   * as the {@code ncer run} options of the same name do.
   */
  public record ModelEntry(
      String model,
      String profile,
      String baseUrl,
      String apiKeyEnv,
      Path endpoints,
      Integer concurrency,
      Double rpm,
      Double tpm,
      Duration timeout) {

    /** Whether the model makes calls (not the baseline, not a replay). */
    public boolean hosted() {
      return !model.equals(DictionaryBaseline.NAME) && !model.startsWith("replay:");
    }
  }

  /** The same experiment with {@code n} repeats. */
  public ExperimentConfig withRepeats(int n) {
    if (n < 1) {
      throw new NcerException("--repeats " + n + " is not positive");
    }
    return new ExperimentConfig(
        name,
        datasets,
        models,
        prompts,
        n,
        temperature,
        seed,
        maxTokens,
        split,
        limit,
        matching,
        aligner,
        maxChars,
        maxFailures,
        parallel,
        allowRemote);
  }

  /** Reads an experiment file; any error names the file and, where it has one, the line. */
  public static ExperimentConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NcerException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String fallback = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parse(text, file.toString(), fallback);
  }

  static ExperimentConfig parse(String yaml, String where, String fallbackName) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
    } catch (YAMLException e) {
      throw new NcerException(where + ": not valid YAML: " + firstLine(e.getMessage()), e);
    }
    if (!(root instanceof MappingNode map)) {
      throw new NcerException(where + ": an experiment file is a mapping of settings");
    }
    Reader r = new Reader(where);
    Map<String, Node> top = r.mapping(map, KEYS, "experiment");
    String name = r.string(top, "name", fallbackName);
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw r.error(top.get("name"), "name '" + name + "' may hold only letters, digits, . _ -");
    }
    List<String> datasets =
        top.containsKey("datasets") ? r.strings(top.get("datasets")) : Datasets.names();
    if (!top.containsKey("models")) {
      throw new NcerException(where + ": 'models' is missing: list the models to evaluate");
    }
    List<ModelEntry> models = new ArrayList<>();
    Node modelsNode = top.get("models");
    if (!(modelsNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      throw r.error(modelsNode, "'models' is a list of at least one model");
    }
    for (Node m : seq.getValue()) {
      models.add(r.model(m));
    }
    List<String> prompts = top.containsKey("prompts") ? r.strings(top.get("prompts")) : List.of();
    int repeats = r.integer(top, "repeats", 1);
    if (repeats < 1) {
      throw r.error(top.get("repeats"), "repeats " + repeats + " is not positive");
    }
    int parallel = r.integer(top, "parallel", 4);
    if (parallel < 1) {
      throw r.error(top.get("parallel"), "parallel " + parallel + " is not positive");
    }
    Integer limit = top.containsKey("limit") ? r.integer(top, "limit", 0) : null;
    if (limit != null && limit < 1) {
      throw r.error(top.get("limit"), "limit " + limit + " is not positive");
    }
    double temperature = r.number(top, "temperature", 0);
    if (!(temperature >= 0 && temperature <= 2)) {
      throw r.error(top.get("temperature"), "temperature " + temperature + " is not within 0..2");
    }
    return new ExperimentConfig(
        name,
        datasets,
        models,
        prompts,
        repeats,
        temperature,
        top.containsKey("seed") ? r.integer(top, "seed", 0) : null,
        top.containsKey("max_tokens") ? r.integer(top, "max_tokens", 0) : null,
        r.string(top, "split", "test"),
        limit,
        r.string(top, "matching", null),
        r.string(top, "aligner", "smart"),
        r.integer(top, "max_chars", 0),
        r.string(top, "max_failures", null),
        parallel,
        r.bool(top, "allow_remote", false));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Reads nodes of one file, naming the file and line in every error. */
  private static final class Reader {
    private final String where;

    Reader(String where) {
      this.where = where;
    }

    NcerException error(Node node, String message) {
      int line = node == null ? 0 : node.getStartMark().getLine() + 1;
      return new NcerException(where + (line > 0 ? ":" + line : "") + ": " + message);
    }

    Map<String, Node> mapping(MappingNode map, Set<String> known, String what) {
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw error(t.getKeyNode(), "a key of the " + what + " is not a plain name");
        }
        String key = k.getValue();
        if (!known.contains(key)) {
          throw error(
              k,
              "unknown key '"
                  + key
                  + "' in the "
                  + what
                  + " (known: "
                  + String.join(", ", known.stream().sorted().toList())
                  + ")");
        }
        if (out.put(key, t.getValueNode()) != null) {
          throw error(k, "'" + key + "' is given twice");
        }
      }
      return out;
    }

    String scalar(Node node, String key) {
      if (!(node instanceof ScalarNode s)) {
        throw error(node, "'" + key + "' is a single value");
      }
      return s.getValue();
    }

    String string(Map<String, Node> map, String key, String fallback) {
      Node n = map.get(key);
      return n == null ? fallback : scalar(n, key);
    }

    int integer(Map<String, Node> map, String key, int fallback) {
      Node n = map.get(key);
      if (n == null) {
        return fallback;
      }
      String v = scalar(n, key);
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw error(n, "'" + key + "' is a whole number, not '" + v + "'");
      }
    }

    double number(Map<String, Node> map, String key, double fallback) {
      Node n = map.get(key);
      if (n == null) {
        return fallback;
      }
      String v = scalar(n, key);
      try {
        return Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw error(n, "'" + key + "' is a number, not '" + v + "'");
      }
    }

    boolean bool(Map<String, Node> map, String key, boolean fallback) {
      Node n = map.get(key);
      if (n == null) {
        return fallback;
      }
      String v = scalar(n, key);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      throw error(n, "'" + key + "' is true or false, not '" + v + "'");
    }

    List<String> strings(Node node) {
      if (node instanceof ScalarNode s) {
        return List.of(s.getValue());
      }
      if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
        throw error(node, "expected a list of at least one name");
      }
      List<String> out = new ArrayList<>();
      for (Node n : seq.getValue()) {
        String v = scalar(n, "list item");
        if (out.contains(v)) {
          throw error(n, "'" + v + "' is listed twice");
        }
        out.add(v);
      }
      return out;
    }

    ModelEntry model(Node node) {
      if (node instanceof ScalarNode s) {
        return new ModelEntry(s.getValue(), null, null, null, null, null, null, null, null);
      }
      if (!(node instanceof MappingNode map)) {
        throw error(node, "a model is a name or a mapping with 'model:'");
      }
      Map<String, Node> m = mapping(map, MODEL_KEYS, "model");
      String model = string(m, "model", null);
      if (model == null) {
        throw error(node, "a model needs 'model:' (e.g. openai:gpt-4o-mini)");
      }
      String endpoints = string(m, "endpoints", null);
      return new ModelEntry(
          model,
          string(m, "profile", null),
          string(m, "base_url", null),
          string(m, "api_key_env", null),
          endpoints == null ? null : Path.of(endpoints),
          m.containsKey("concurrency") ? integer(m, "concurrency", 0) : null,
          m.containsKey("rpm") ? number(m, "rpm", 0) : null,
          m.containsKey("tpm") ? number(m, "tpm", 0) : null,
          m.containsKey("timeout_seconds")
              ? Duration.ofSeconds(integer(m, "timeout_seconds", 0))
              : null);
    }
  }
}
