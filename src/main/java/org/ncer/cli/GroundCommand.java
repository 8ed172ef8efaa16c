package org.ncer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.align.Aligner;
import org.ncer.align.Answer;
import org.ncer.align.GroundedDocument;
import org.ncer.align.Grounder;
import org.ncer.align.GroundingTally;
import org.ncer.extract.LabelResolver;
import org.ncer.prompt.Markup;
import org.ncer.prompt.OutputFormat;
import org.ncer.run.PredictionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncer ground}: grounds answers produced by any tool onto spans of their documents.
 *
 * <p>Input lines are {@code {"id", "text", "response", "label"?}}; lines that share an id are
 * answers about the same document (one per label query) and give one output line {@code {"id",
 * "text", "entities", "unaligned", "parse"}}, with code point offsets.
 */
@Command(
    name = "ground",
    description = {
      "Ground model answers onto spans of their documents.",
      "Each input line is {\"id\", \"text\", \"response\", \"label\"?}; \"label\" is the label a"
          + " per-label answer was asked for. Lines with the same id are merged into one output"
          + " line {\"id\", \"text\", \"entities\", \"unaligned\", \"parse\"}."
    },
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class)
final class GroundCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Answers (JSONL).")
  Path input;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the grounded documents (JSONL), or - for standard output.")
  Path out;

  @Option(names = "--force", description = "Replace the --out file if it exists.")
  boolean force;

  @Option(
      names = "--parser",
      defaultValue = "auto",
      paramLabel = "FORMAT",
      description = "How answers are read: auto, json, list or html (default: ${DEFAULT-VALUE}).")
  String parser;

  @Option(
      names = "--aligner",
      defaultValue = "smart",
      paramLabel = "NAME",
      description =
          "smart (whole words, exact, case, normalised) or compat (the benchmark's"
              + " case-insensitive substring mapping) (default: ${DEFAULT-VALUE}).")
  String aligner;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "LABEL",
      description =
          "The labels answers may use (default: condition, drug, procedure, measurement, gene,"
              + " gene variant).")
  List<String> labels;

  @Option(
      names = "--alias",
      paramLabel = "NAME=LABEL",
      description =
          "An answer's label name and the label it means, e.g. --alias disease=condition.")
  Map<String, String> aliases = new LinkedHashMap<>();

  @Option(
      names = "--fuzzy",
      paramLabel = "THRESHOLD",
      description =
          "With smart, also accept near matches of at least this similarity (0 to 1, e.g. 0.9);"
              + " off by default.")
  Double fuzzy;

  @Option(
      names = "--markup",
      defaultValue = "none",
      paramLabel = "MARKS",
      description =
          "Inline marks read as entities besides tags, when the prompt asked for them: none,"
              + " brackets ([[...]]) or bold (**...**) (default: ${DEFAULT-VALUE}).")
  String markup;

  @Option(
      names = "--near-misses",
      description =
          "With smart, also ground strings found only by bridging punctuation they lack (status"
              + " near-miss); by default they are counted but not grounded.")
  boolean nearMisses;

  /** One input line. */
  private record Line(String id, String text, Answer answer, long number) {}

  @Override
  public Integer call() {
    OutputFile.check(out, force);
    LabelResolver resolver = resolver(labels, aliases);
    Grounder grounder =
        new Grounder(aligner(aligner, fuzzy, nearMisses), resolver, format(parser), markup(markup));
    Map<String, List<Line>> byId = new LinkedHashMap<>();
    for (Line line : Json.readLines(input, (node, n) -> line(node, n, resolver))) {
      List<Line> same = byId.computeIfAbsent(line.id(), k -> new ArrayList<>());
      if (!same.isEmpty() && !same.get(0).text().equals(line.text())) {
        throw NcerException.at(
            input,
            line.number(),
            "document '"
                + line.id()
                + "' has a different text than on line "
                + same.get(0).number());
      }
      same.add(line);
    }
    GroundingTally tally = new GroundingTally();
    List<ObjectNode> nodes = new ArrayList<>();
    for (List<Line> lines : byId.values()) {
      String text = lines.get(0).text();
      GroundedDocument d = grounder.ground(text, lines.stream().map(Line::answer).toList());
      tally.add(d);
      nodes.add(PredictionJson.node(lines.get(0).id(), text, d));
    }
    OutputFile.write(out, spec.commandLine().getOut(), w -> Json.writeLines(w, nodes));
    spec.commandLine().getErr().println(tally.summary() + "; wrote " + OutputFile.describe(out));
    return Main.OK;
  }

  private Line line(JsonNode node, long n, LabelResolver resolver) {
    if (!node.isObject()) {
      throw NcerException.at(input, n, "expected a JSON object, found " + node.getNodeType());
    }
    String id = text(node, "id", n, true);
    String text = text(node, "text", n, true);
    if (!node.has("response")) {
      throw NcerException.at(input, n, "field 'response' is missing");
    }
    String response = text(node, "response", n, false);
    String label = text(node, "label", n, false);
    if (label != null) {
      label =
          resolver
              .resolve(label)
              .orElseThrow(
                  () ->
                      NcerException.at(
                          input,
                          n,
                          "label '"
                              + node.get("label").asText()
                              + "' is not one of "
                              + String.join(", ", resolver.labels())
                              + " or their aliases"));
    }
    return new Line(id, text, new Answer(response, label), n);
  }

  private String text(JsonNode node, String field, long n, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw NcerException.at(input, n, "field '" + field + "' is missing");
      }
      return null;
    }
    boolean idNumber = field.equals("id") && v.isIntegralNumber();
    if (!v.isTextual() && !idNumber) {
      throw NcerException.at(
          input, n, "field '" + field + "' must be a string, found " + v.getNodeType());
    }
    return v.asText();
  }

  static LabelResolver resolver(List<String> labels, Map<String, String> aliases) {
    List<String> names = labels == null ? LabelResolver.benchmark().labels() : labels;
    try {
      return LabelResolver.of(names.stream().map(String::strip).toList(), aliases);
    } catch (IllegalArgumentException e) {
      throw new NcerException(e.getMessage(), e);
    }
  }

  static OutputFormat format(String name) {
    return OutputFormat.fromKey(name == null ? "" : name.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new NcerException(
                    "--parser '" + name + "' is unknown; expected " + OutputFormat.keys()));
  }

  static Markup markup(String name) {
    return Markup.fromKey(name)
        .orElseThrow(
            () ->
                new NcerException(
                    "--markup '" + name + "' is unknown; expected none, brackets or bold"));
  }

  static Aligner aligner(String name, Double fuzzy, boolean nearMisses) {
    if (!nearMisses) {
      return aligner(name, fuzzy);
    }
    if (!name.strip().equalsIgnoreCase("smart")) {
      throw new NcerException("--near-misses works only with --aligner smart");
    }
    try {
      return Aligner.smartWithNearMisses(fuzzy == null ? 0 : fuzzy);
    } catch (IllegalArgumentException e) {
      throw new NcerException("--fuzzy: " + e.getMessage(), e);
    }
  }

  static Aligner aligner(String name, Double fuzzy) {
    Aligner a;
    try {
      a = Aligner.of(name);
    } catch (IllegalArgumentException e) {
      throw new NcerException("--aligner: " + e.getMessage(), e);
    }
    if (fuzzy == null) {
      return a;
    }
    if (!name.strip().equalsIgnoreCase("smart")) {
      throw new NcerException("--fuzzy works only with --aligner smart");
    }
    try {
      return Aligner.smart(fuzzy);
    } catch (IllegalArgumentException e) {
      throw new NcerException("--fuzzy: " + e.getMessage(), e);
    }
  }
}
