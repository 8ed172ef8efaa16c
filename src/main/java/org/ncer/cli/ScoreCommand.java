package org.ncer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.dataset.DatasetSpec;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.dataset.DocumentJsonl;
import org.ncer.extract.LabelResolver;
import org.ncer.score.LabelScore;
import org.ncer.score.Prf;
import org.ncer.score.Schema;
import org.ncer.score.SchemaScore;
import org.ncer.score.ScoreReport;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;
import org.ncer.span.Mention;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer score}: scores a predictions file against a gold file. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Score predicted mentions against gold mentions: the benchmark's span metrics (nervaluate"
          + " 0.1.8 schemas strict, exact, partial, ent_type) and token metrics (macro, micro and"
          + " weighted precision, recall and F1 over the scored labels).",
      "Documents are matched by id. A gold document without a prediction counts as predicting"
          + " nothing; a predicted id that is not in the gold file is an error. Mentions whose label"
          + " is not scored take no part in the span metrics; in the token metrics they label"
          + " characters like any mention, but their tokens are not counted, as in the"
          + " benchmark's token report.",
      "Predicted labels are resolved as 'ncer ground' resolves them: case, spaces, hyphens and"
          + " underscores do not matter, and the dataset's native type names (with --dataset) and"
          + " --alias names stand for their label. Another of the benchmark's labels is kept and"
          + " not scored; any other label is an error. Every scored label must occur in the gold"
          + " file, and the gold file must hold at least one document."
    })
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--gold",
      required = true,
      paramLabel = "FILE",
      description = "Gold documents, JSON Lines {\"id\", \"text\", \"entities\"}.")
  Path gold;

  @Option(
      names = "--pred",
      required = true,
      paramLabel = "FILE",
      description = "Predicted documents in the same format, with the same texts.")
  Path pred;

  @ArgGroup(exclusive = true, multiplicity = "1")
  LabelChoice labels;

  static final class LabelChoice {
    @Option(
        names = "--labels",
        split = ",",
        paramLabel = "LABEL",
        description = "The labels to score, comma-separated, e.g. condition,drug.")
    List<String> labels;

    @Option(
        names = "--dataset",
        paramLabel = "NAME",
        description = "Score the labels of a built-in dataset: ncbi, chia, biored or bc5cdr.")
    String dataset;
  }

  @Option(
      names = "--alias",
      paramLabel = "NAME=LABEL",
      description =
          "A predicted label name and the label it means, e.g. --alias disease=condition;"
              + " repeatable.")
  Map<String, String> aliases = new LinkedHashMap<>();

  @Mixin MatchingOption matchingOption = new MatchingOption();

  @Option(names = "--json", description = "Print the scores as JSON.")
  boolean json;

  @Override
  public Integer call() {
    List<String> scored =
        labels.labels != null
            ? labels.labels.stream().map(String::strip).toList()
            : Datasets.labels(labels.dataset);
    try {
      Scorer.requireScorable(scored);
    } catch (IllegalArgumentException e) {
      throw new NcerException("--labels: " + e.getMessage());
    }
    List<Document> goldDocs = DocumentJsonl.read(gold, null);
    if (goldDocs.isEmpty()) {
      throw new NcerException(gold + ": no document in the gold file; there is nothing to score");
    }
    requireGoldUses(goldDocs, scored);
    // Predictions may carry labels the dataset does not score (a model's extra types): they are
    // ignored in scoring, as nervaluate ignores them. A label that is none of the benchmark's is
    // refused rather than silently scored as a miss.
    LabelResolver resolver = predictedLabels(scored);
    List<Document> predDocs =
        DocumentJsonl.readRelabelled(
            pred,
            label ->
                resolver
                    .resolve(label)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "is not a scored label ("
                                    + String.join(", ", scored)
                                    + "), another of the benchmark's labels or an alias; map it"
                                    + " with --alias NAME=LABEL")));
    List<ScoredDocument> docs = pair(goldDocs, predDocs);
    ScoreReport report = Scorer.score(docs, scored, matchingOption.matching);

    PrintWriter out = spec.commandLine().getOut();
    noteIgnored(goldDocs, predDocs, Set.copyOf(scored));
    if (json) {
      out.println(toJsonText(report));
    } else {
      printTables(out, report, scored, docs.size());
    }
    out.flush();
    return 0;
  }

  /**
   * Refuses a scored label that no gold mention has: its scores would be zeros that only look like
   * results (a misspelt --labels value, or gold written with other label names).
   */
  private void requireGoldUses(List<Document> goldDocs, List<String> scored) {
    Map<String, Integer> goldLabels = new TreeMap<>();
    for (Document d : goldDocs) {
      for (Mention m : d.mentions()) {
        goldLabels.merge(m.label(), 1, Integer::sum);
      }
    }
    List<String> unused = scored.stream().filter(l -> !goldLabels.containsKey(l)).toList();
    if (unused.isEmpty()) {
      return;
    }
    List<String> present = new ArrayList<>();
    goldLabels.forEach((label, n) -> present.add(label + " (" + n + ")"));
    String source = labels.labels != null ? "--labels" : "dataset '" + labels.dataset + "' scores";
    throw new NcerException(
        source
            + " "
            + unused.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))
            + (unused.size() == 1 ? ", which no gold mention in " : ", which no gold mentions in ")
            + gold
            + " has; the gold's labels are: "
            + (present.isEmpty() ? "none (no mention at all)" : String.join(", ", present)));
  }

  /**
   * The scored labels and, after them, the benchmark's other labels, with the dataset's native type
   * names and the --alias names as aliases.
   */
  private LabelResolver predictedLabels(List<String> scored) {
    Map<String, String> all = new LinkedHashMap<>();
    if (labels.dataset != null) {
      all.putAll(new TreeMap<>(DatasetSpec.of(labels.dataset).labelMap()));
    }
    all.putAll(aliases);
    LabelResolver scoredOnly;
    try {
      scoredOnly = LabelResolver.of(scored);
    } catch (IllegalArgumentException e) {
      throw new NcerException("--labels: " + e.getMessage(), e);
    }
    try {
      List<String> known = new ArrayList<>(scored);
      for (String other : LabelResolver.benchmark().labels()) {
        if (!scoredOnly.isLabel(other)) {
          known.add(other);
        }
      }
      return LabelResolver.of(known, all);
    } catch (IllegalArgumentException e) {
      throw new NcerException("--alias: " + e.getMessage(), e);
    }
  }

  private static String toJsonText(ScoreReport report) {
    try {
      return Json.pretty().writeValueAsString(report.toJson());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<ScoredDocument> pair(List<Document> goldDocs, List<Document> predDocs) {
    Map<String, Document> predicted = new LinkedHashMap<>();
    Map<String, Document> goldById = new LinkedHashMap<>();
    goldDocs.forEach(d -> goldById.put(d.id(), d));
    for (Document p : predDocs) {
      Document g = goldById.get(p.id());
      if (g == null) {
        throw new NcerException(pred + ": document id '" + p.id() + "' is not in " + gold);
      }
      if (!g.text().equals(p.text())) {
        throw new NcerException(
            pred + ": document '" + p.id() + "' has another text than in " + gold);
      }
      predicted.put(p.id(), p);
    }
    List<ScoredDocument> docs = new ArrayList<>();
    for (Document g : goldDocs) {
      Document p = predicted.get(g.id());
      docs.add(new ScoredDocument(g.text(), g.mentions(), p == null ? List.of() : p.mentions()));
    }
    return docs;
  }

  private void noteIgnored(List<Document> goldDocs, List<Document> predDocs, Set<String> scored) {
    PrintWriter err = spec.commandLine().getErr();
    note(err, "gold", goldDocs, scored);
    note(err, "predicted", predDocs, scored);
  }

  private static void note(PrintWriter err, String side, List<Document> docs, Set<String> scored) {
    Map<String, Integer> ignored = new TreeMap<>();
    for (Document d : docs) {
      for (Mention m : d.mentions()) {
        if (!scored.contains(m.label())) {
          ignored.merge(m.label(), 1, Integer::sum);
        }
      }
    }
    if (!ignored.isEmpty()) {
      List<String> parts = new ArrayList<>();
      ignored.forEach((label, n) -> parts.add(label + " " + n));
      err.println(
          "note: "
              + side
              + " mentions with labels that are not scored ("
              + String.join(", ", parts)
              + ") are left out of the span metrics and label no counted token");
    }
  }

  private void printTables(PrintWriter out, ScoreReport report, List<String> scored, int docs) {
    int width =
        Math.max("weighted avg".length(), scored.stream().mapToInt(String::length).max().orElse(0));
    out.printf(
        Locale.ROOT,
        "Span metrics over %d document%s (nervaluate schemas, %s matching)%n%n",
        docs,
        docs == 1 ? "" : "s",
        matchingOption.matching.key());
    String head = "%-" + width + "s  %-8s %8s %9s %8s %7s %8s %8s %7s %9s %7s %7s%n";
    out.printf(
        Locale.ROOT,
        head,
        "label",
        "schema",
        "correct",
        "incorrect",
        "partial",
        "missed",
        "spurious",
        "possible",
        "actual",
        "precision",
        "recall",
        "f1");
    for (Schema s : Schema.values()) {
      spanRow(out, width, "all", s, report.span().overall(s));
    }
    for (String label : scored) {
      for (Schema s : Schema.values()) {
        spanRow(out, width, label, s, report.span().of(label, s));
      }
    }
    out.printf(
        Locale.ROOT,
        "%nToken metrics ('O' excluded from every average; a rate with nothing to divide is 0)%n%n");
    out.printf(
        Locale.ROOT,
        "%-" + width + "s  %9s %7s %7s %8s%n",
        "label",
        "precision",
        "recall",
        "f1",
        "support");
    for (String label : scored) {
      LabelScore s = report.token().byLabel().get(label);
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %9.4f %7.4f %7.4f %8d%n",
          label,
          s.precision(),
          s.recall(),
          s.f1(),
          s.support());
    }
    prfRow(out, width, "micro avg", report.token().micro());
    prfRow(out, width, "macro avg", report.token().macro());
    prfRow(out, width, "weighted avg", report.token().weighted());
  }

  private static void spanRow(PrintWriter out, int width, String label, Schema s, SchemaScore c) {
    out.printf(
        Locale.ROOT,
        "%-" + width + "s  %-8s %8d %9d %8d %7d %8d %8d %7d %9.4f %7.4f %7.4f%n",
        label,
        s.key(),
        c.correct(),
        c.incorrect(),
        c.partial(),
        c.missed(),
        c.spurious(),
        c.possible(),
        c.actual(),
        c.precision(),
        c.recall(),
        c.f1());
  }

  private static void prfRow(PrintWriter out, int width, String name, Prf prf) {
    out.printf(
        Locale.ROOT,
        "%-" + width + "s  %9.4f %7.4f %7.4f%n",
        name,
        prf.precision(),
        prf.recall(),
        prf.f1());
  }
}
