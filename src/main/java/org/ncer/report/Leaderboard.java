package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ncer.Json;
import org.ncer.run.ExperimentIndex;
import org.ncer.run.GroundingCounts;
import org.ncer.run.ManifestSummary;

/**
 * The numbers of a report, as {@code leaderboard.json}: per run (one row; for an experiment, one
 * cell: a model, prompt and repeat over every dataset) the leaderboard's results, span (ent_type)
 * and token (macro) F1 per label with their unweighted mean (the paper's "Avg."), strict F1 beside
 * them, per-dataset scores, grounding and parse counts, usage and the error analysis; the ranks of
 * the paper's Table 8; mean and standard deviation over repeats; the paired bootstrap of the pairs
 * compared ({@link Reports#paired}); and the experiment cells that have no row.
 *
 * <p>F1 values are × 100, as on the leaderboard. A label's value is the unweighted mean of its F1
 * over the run's datasets that are scored on it; "average" is the unweighted mean of the label
 * values present.
 */
final class Leaderboard {
  /** The paper's column order of the labels. */
  static final List<String> LABEL_ORDER =
      List.of("condition", "measurement", "drug", "procedure", "gene", "gene variant");

  private Leaderboard() {}

  /** All labels of the runs, the paper's order first. */
  static List<String> labels(List<RunData> runs) {
    Set<String> present = new LinkedHashSet<>();
    runs.forEach(r -> r.datasets().forEach(d -> present.addAll(d.labels())));
    List<String> out = new ArrayList<>();
    LABEL_ORDER.stream().filter(present::contains).forEach(out::add);
    present.stream().filter(l -> !out.contains(l)).forEach(out::add);
    return out;
  }

  /** All dataset names of the runs in first-seen order. */
  static List<String> datasets(List<RunData> runs) {
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> r.datasets().forEach(d -> names.add(d.name())));
    return new ArrayList<>(names);
  }

  static ObjectNode toJson(
      List<RunData> runs, List<Comparison> comparisons, List<ReportInputs.Unreported> unreported) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put(
        "scale",
        "F1 x 100; label values are unweighted means over the datasets scored on the label");
    ArrayNode labels = root.putArray("labels");
    labels(runs).forEach(labels::add);
    ArrayNode datasets = root.putArray("datasets");
    datasets(runs).forEach(datasets::add);
    ArrayNode notes = root.putArray("notes");
    notes(runs).forEach(notes::add);
    ArrayNode rs = root.putArray("runs");
    for (RunData r : runs) {
      rs.add(run(r));
    }
    ArrayNode left = root.putArray("unreported");
    for (ReportInputs.Unreported u : unreported) {
      ObjectNode n = left.addObject();
      n.put("experiment", u.experiment().toString());
      n.put("cell", u.entry().id());
      n.put("folder", ExperimentIndex.runFolder(u.experiment(), u.entry()).toString());
      n.put("status", u.entry().status().key());
      n.put("reason", u.reason());
    }
    root.set("ranks", ranks(rs));
    List<String> repeatNotes = new ArrayList<>();
    root.set("repeats", repeats(runs, repeatNotes));
    ArrayNode rn = root.putArray("repeat_notes");
    repeatNotes.forEach(rn::add);
    ArrayNode cs = root.putArray("comparisons");
    root.put("p_value", Comparison.P_VALUE_DEFINITION);
    for (Comparison c : comparisons) {
      ObjectNode n = c.toJson();
      n.put("a_id", c.a().id());
      n.put("b_id", c.b().id());
      cs.add(n);
    }
    return root;
  }

  /** The caveats that apply to the whole table. */
  static List<String> notes(List<RunData> runs) {
    List<String> n = new ArrayList<>();
    if (runs.stream().anyMatch(r -> r.dataset("chia").isPresent())) {
      n.add(
          "CHIA: ncer's own test split; the benchmark's split depends on Hugging Face shuffling"
              + " and cannot be rebuilt, so CHIA numbers (and the measurement and procedure"
              + " columns, which only CHIA has) are not the leaderboard's.");
    }
    if (runs.stream().anyMatch(r -> !r.comparable())) {
      n.add(
          "Runs marked with † are not comparable with the leaderboard; their caveats are listed.");
    }
    return n;
  }

  private static ObjectNode run(RunData r) {
    ObjectNode n = Json.mapper().createObjectNode();
    ManifestSummary m = r.manifest();
    n.put("id", r.id());
    n.put("name", r.name());
    n.put("folder", r.folder().toString());
    n.put("model", m.model());
    n.put("prompt", m.prompt());
    n.put("matching", m.matching());
    if (r.cell() != null) {
      n.put("experiment", r.cell().experiment().toString());
      n.put("cell", r.cell().entry().id());
      n.put("group", r.cell().entry().group());
      n.put("repeat", r.cell().entry().repeat());
      n.put("status", r.cell().entry().status().key());
    }
    if (m.seed() != null) {
      n.put("seed", m.seed());
    }
    n.put("comparable", r.comparable());
    ArrayNode caveats = n.putArray("caveats");
    r.caveats().forEach(caveats::add);
    List<LeaderboardResults.DatasetScore> scores = new ArrayList<>();
    for (RunData.DatasetData d : r.datasets()) {
      scores.add(new LeaderboardResults.DatasetScore(d.name(), d.labels(), d.metrics()));
    }
    ObjectNode results = LeaderboardResults.compute(scores);
    n.set("results", results);
    n.set("span", byLabel(results, LeaderboardMetric.SPAN_PARTIAL));
    n.set("strict", byLabel(results, LeaderboardMetric.SPAN_EXACT));
    n.set("token", byLabel(results, LeaderboardMetric.TOKEN_MACRO));
    ObjectNode byDataset = n.putObject("by_dataset");
    ObjectNode grounding = n.putObject("grounding");
    ObjectNode analysis = n.putObject("analysis");
    for (RunData.DatasetData d : r.datasets()) {
      ObjectNode ds = byDataset.putObject(d.name());
      JsonNode et = d.metrics().path("span").path("ent_type");
      ds.put("ent_type", LeaderboardResults.percent(et.path("f1").asDouble()));
      ds.put(
          "strict",
          LeaderboardResults.percent(
              d.metrics().path("span").path("strict").path("f1").asDouble()));
      ds.put(
          "token_macro",
          LeaderboardResults.percent(
              d.metrics().path("token").path("macro").path("f1").asDouble()));
      ds.put("precision", LeaderboardResults.percent(et.path("precision").asDouble()));
      ds.put("recall", LeaderboardResults.percent(et.path("recall").asDouble()));
      ds.put("split", d.entry().split());
      ds.put("documents", d.predicted().size());
      ds.put("gold_documents", d.goldDocuments());
      ArrayNode dn = ds.putArray("notes");
      d.notes().forEach(dn::add);
      if (d.analysed()) {
        long possible = 0;
        for (int[][] doc : d.counts()) {
          for (int[] l : doc) {
            possible += l[DocCounts.ET_POSSIBLE];
          }
        }
        if (possible != et.path("possible").asLong()) {
          dn.add(
              "the predictions give "
                  + possible
                  + " gold spans but metrics/"
                  + d.name()
                  + ".json "
                  + et.path("possible").asLong()
                  + ": the metrics file does not match the predictions");
        }
        analysis.set(d.name(), ErrorAnalysis.of(d));
      }
      d.grounding().ifPresent(g -> grounding.set(d.name(), grounding(g, d)));
    }
    ManifestSummary.Usage u = m.usage();
    ObjectNode usage = n.putObject("usage");
    usage.put("seconds", m.seconds());
    if (u != null) {
      putIfKnown(usage, "calls", u.calls());
      putIfKnown(usage, "input_tokens", u.inputTokens());
      putIfKnown(usage, "output_tokens", u.outputTokens());
      if (u.costUsd() >= 0) {
        usage.put("cost_usd", u.costUsd());
      }
      if (r.latencySeconds() >= 0) {
        usage.put("latency_seconds", r.latencySeconds());
      }
    }
    return n;
  }

  private static void putIfKnown(ObjectNode n, String field, long v) {
    if (v >= 0) {
      n.put(field, v);
    }
  }

  private static ObjectNode grounding(GroundingCounts g, RunData.DatasetData d) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("answers", g.answers());
    ObjectNode parse = n.putObject("parse");
    g.answersByStatus().forEach(parse::put);
    n.put("strings", g.strings());
    ObjectNode match = n.putObject("match");
    g.stringsByStatus().forEach(match::put);
    int notFound = g.stringsByStatus().getOrDefault("not-found", 0);
    n.put("not_found_rate", g.strings() == 0 ? 0 : (double) notFound / g.strings());
    ObjectNode byLabel = n.putObject("not_found_by_label");
    Map<String, Integer> stringsPerLabel = new LinkedHashMap<>();
    for (var p : d.predicted()) {
      p.mentions().forEach(x -> stringsPerLabel.merge(x.mention().label(), 1, Integer::sum));
      p.unaligned()
          .forEach(
              x -> stringsPerLabel.merge(Objects.toString(x.label(), "(none)"), 1, Integer::sum));
    }
    for (String label : d.labels()) {
      ObjectNode l = byLabel.putObject(label);
      int nf = g.notFoundByLabel().getOrDefault(label, 0);
      l.put("not_found", nf);
      l.put("strings", stringsPerLabel.getOrDefault(label, 0));
      int s = stringsPerLabel.getOrDefault(label, 0);
      l.put("rate", s == 0 ? 0 : (double) nf / s);
    }
    return n;
  }

  private static ObjectNode byLabel(ObjectNode results, LeaderboardMetric metric) {
    ObjectNode n = Json.mapper().createObjectNode();
    ObjectNode labels = n.putObject("by_label");
    JsonNode types = results.path(metric.key()).path("clinical_type_results");
    double sum = 0;
    int count = 0;
    for (var it = types.fields(); it.hasNext(); ) {
      var e = it.next();
      double v = e.getValue().path("f1").asDouble();
      labels.put(e.getKey(), v);
      sum += v;
      count++;
    }
    n.put("average", count == 0 ? 0 : LeaderboardResults.percent(sum / count / 100));
    return n;
  }

  /** Span rank against token rank by average, as the paper's Table 8 (1 = best; ties share). */
  private static ArrayNode ranks(ArrayNode runs) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (JsonNode r : runs) {
      ObjectNode row = out.addObject();
      row.put("id", r.path("id").asText());
      row.put("name", r.path("name").asText());
      row.put("span_rank", rank(runs, r, "span"));
      row.put("token_rank", rank(runs, r, "token"));
      row.put("comparable", r.path("comparable").asBoolean());
    }
    return out;
  }

  private static int rank(ArrayNode runs, JsonNode run, String metric) {
    double v = run.path(metric).path("average").asDouble();
    int better = 0;
    for (JsonNode o : runs) {
      if (o.path(metric).path("average").asDouble() > v) {
        better++;
      }
    }
    return better + 1;
  }

  /** The three metrics of the repeats section, by their name in {@code leaderboard.json}. */
  private static final Map<String, LeaderboardMetric> REPEAT_METRICS = orderedMetrics();

  private static Map<String, LeaderboardMetric> orderedMetrics() {
    Map<String, LeaderboardMetric> m = new LinkedHashMap<>();
    m.put("span", LeaderboardMetric.SPAN_PARTIAL);
    m.put("strict", LeaderboardMetric.SPAN_EXACT);
    m.put("token", LeaderboardMetric.TOKEN_MACRO);
    return m;
  }

  /** The name of each metric's per-dataset value in a row's {@code by_dataset}. */
  private static final Map<String, String> DATASET_KEYS =
      Map.of("span", "ent_type", "strict", "strict", "token", "token_macro");

  /**
   * One run's F1 × 100 for one metric, before rounding: per label the unweighted mean over the
   * run's datasets scored on it, their unweighted mean, and per dataset.
   */
  private record Raw(Map<String, Double> byLabel, double average, Map<String, Double> byDataset) {}

  private static Raw raw(RunData r, LeaderboardMetric metric) {
    Map<String, List<Double>> perLabel = new LinkedHashMap<>();
    Map<String, Double> byDataset = new LinkedHashMap<>();
    for (RunData.DatasetData d : r.datasets()) {
      byDataset.put(d.name(), 100 * metric.datasetF1(d.metrics()));
      for (String label : d.labels()) {
        perLabel
            .computeIfAbsent(label, l -> new ArrayList<>())
            .add(metric.labelF1(d.metrics(), label));
      }
    }
    Map<String, Double> byLabel = new LinkedHashMap<>();
    perLabel.forEach((l, values) -> byLabel.put(l, 100 * LeaderboardResults.mean(values)));
    double average =
        byLabel.isEmpty() ? 0 : LeaderboardResults.mean(new ArrayList<>(byLabel.values()));
    return new Raw(byLabel, average, byDataset);
  }

  /**
   * Mean and sample standard deviation over the repeats of one model and prompt: the cells of one
   * experiment that share a group, or runs given on their own that share model and prompt and
   * record a seed. Only runs whose numbers may sit together are pooled: those that agree on every
   * {@link ManifestSummary#conditions()}; a group that splits, and a cell left out because its run
   * failed, is said in {@code notes}. Values come from the unrounded F1 of each run.
   */
  private static ArrayNode repeats(List<RunData> runs, List<String> notes) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      RunData r = runs.get(i);
      ManifestSummary m = r.manifest();
      String key;
      if (r.cell() != null) {
        key = "experiment\u0000" + r.cell().experiment() + "\u0000" + r.cell().entry().group();
      } else if (m.seed() != null) {
        key = "run\u0000" + m.model() + "\u0000" + m.prompt();
      } else {
        continue;
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    ArrayNode out = Json.mapper().createArrayNode();
    for (List<Integer> g : groups.values()) {
      if (g.size() < 2) {
        continue;
      }
      ManifestSummary first = runs.get(g.get(0)).manifest();
      String what = first.prompt() == null ? first.model() : first.model() + " · " + first.prompt();
      List<Integer> pooled = new ArrayList<>();
      for (int i : g) {
        RunData r = runs.get(i);
        if (r.cell() != null && r.cell().entry().status() == ExperimentIndex.Status.FAILED) {
          notes.add(what + ": " + r.name() + " is left out of the repeats: its run failed");
        } else {
          pooled.add(i);
        }
      }
      Map<Map<String, String>, List<Integer>> parts = new LinkedHashMap<>();
      for (int i : pooled) {
        parts.computeIfAbsent(runs.get(i).manifest().conditions(), k -> new ArrayList<>()).add(i);
      }
      if (parts.size() > 1) {
        notes.add(what + ": not pooled as one, " + differences(runs, parts));
      }
      for (List<Integer> part : parts.values()) {
        if (part.size() >= 2) {
          out.add(repeatRow(runs, part));
        }
      }
    }
    return out;
  }

  /** Which runs were pooled apart and the conditions that differ between them. */
  private static String differences(
      List<RunData> runs, Map<Map<String, String>, List<Integer>> parts) {
    List<Map<String, String>> keys = new ArrayList<>(parts.keySet());
    List<String> differ = new ArrayList<>();
    for (String field : keys.get(0).keySet()) {
      Set<String> values = new LinkedHashSet<>();
      keys.forEach(k -> values.add(String.valueOf(k.get(field))));
      if (values.size() > 1) {
        differ.add(field + " (" + String.join(" / ", values) + ")");
      }
    }
    List<String> sets = new ArrayList<>();
    parts
        .values()
        .forEach(
            p -> sets.add(String.join(", ", p.stream().map(i -> runs.get(i).name()).toList())));
    return "their "
        + String.join(", ", differ)
        + " differ"
        + (differ.size() == 1 ? "s" : "")
        + ": pooled apart as ["
        + String.join("] and [", sets)
        + "]";
  }

  private static ObjectNode repeatRow(List<RunData> runs, List<Integer> g) {
    RunData first = runs.get(g.get(0));
    ManifestSummary m = first.manifest();
    ObjectNode row = Json.mapper().createObjectNode();
    row.put("model", m.model());
    row.put("prompt", m.prompt());
    if (first.cell() != null) {
      row.put("experiment", first.cell().experiment().toString());
      row.put("group", first.cell().entry().group());
    }
    ArrayNode ids = row.putArray("runs");
    g.forEach(i -> ids.add(runs.get(i).id()));
    row.put("n", g.size());
    ObjectNode byDataset = row.putObject("by_dataset");
    for (var e : REPEAT_METRICS.entrySet()) {
      List<Raw> raws = g.stream().map(i -> raw(runs.get(i), e.getValue())).toList();
      ObjectNode s = row.putObject(e.getKey());
      putMeanSd(s.putObject("average"), raws.stream().map(Raw::average).toList());
      ObjectNode labels = s.putObject("by_label");
      for (String l : raws.get(0).byLabel().keySet()) {
        putMeanSd(labels.putObject(l), raws.stream().map(x -> x.byLabel().get(l)).toList());
      }
      for (String d : raws.get(0).byDataset().keySet()) {
        ObjectNode dn = byDataset.has(d) ? (ObjectNode) byDataset.get(d) : byDataset.putObject(d);
        putMeanSd(
            dn.putObject(DATASET_KEYS.get(e.getKey())),
            raws.stream().map(x -> x.byDataset().get(d)).toList());
      }
    }
    return row;
  }

  private static void putMeanSd(ObjectNode n, List<Double> values) {
    double mean = LeaderboardResults.mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    n.put("mean", mean);
    n.put("sd", Math.sqrt(ss / (values.size() - 1)));
    n.put("n", values.size());
  }

  /** {@code leaderboard.md}: the tables of {@link #toJson} for reading. */
  static String markdown(ObjectNode board) {
    StringBuilder b = new StringBuilder();
    b.append("# Leaderboard\n\n");
    b.append("F1 × 100. Span: nervaluate ent_type (partial match, the leaderboard's span metric);")
        .append(" strict beside it. Token: macro average over labels. A label's value is the")
        .append(
            " unweighted mean over the datasets scored on it; Avg. is the unweighted mean of the")
        .append(" label values shown.\n\n");
    board.path("notes").forEach(n -> b.append("- ").append(n.asText()).append('\n'));
    if (board.path("notes").size() > 0) {
      b.append('\n');
    }
    List<String> labels = new ArrayList<>();
    board.path("labels").forEach(l -> labels.add(l.asText()));
    List<String> datasets = new ArrayList<>();
    board.path("datasets").forEach(l -> datasets.add(l.asText()));
    for (String[] metric :
        new String[][] {
          {"span", "Span F1 (ent_type) by label"}, {"token", "Token F1 (macro) by label"}
        }) {
      b.append("## ").append(metric[1]).append("\n\n| Run |");
      labels.forEach(l -> b.append(' ').append(l).append(" |"));
      b.append(" Avg. |");
      if (metric[0].equals("span")) {
        b.append(" strict Avg. |");
      }
      b.append("\n|---|");
      b.append("---:|".repeat(labels.size() + (metric[0].equals("span") ? 2 : 1)));
      b.append('\n');
      for (JsonNode r : board.path("runs")) {
        b.append("| ").append(runName(r)).append(" |");
        for (String l : labels) {
          b.append(' ').append(num(r.path(metric[0]).path("by_label").path(l))).append(" |");
        }
        b.append(' ').append(num(r.path(metric[0]).path("average"))).append(" |");
        if (metric[0].equals("span")) {
          b.append(' ').append(num(r.path("strict").path("average"))).append(" |");
        }
        b.append('\n');
      }
      b.append('\n');
    }
    b.append("## By dataset (ent_type / strict / token macro)\n\n| Run |");
    datasets.forEach(d -> b.append(' ').append(d).append(" |"));
    b.append("\n|---|").append("---:|".repeat(datasets.size())).append('\n');
    for (JsonNode r : board.path("runs")) {
      b.append("| ").append(runName(r)).append(" |");
      for (String d : datasets) {
        JsonNode x = r.path("by_dataset").path(d);
        b.append(' ')
            .append(
                x.isMissingNode()
                    ? "-"
                    : num(x.path("ent_type"))
                        + " / "
                        + num(x.path("strict"))
                        + " / "
                        + num(x.path("token_macro")))
            .append(" |");
      }
      b.append('\n');
    }
    b.append(
        "\n"
            + "## Span rank against token rank (the paper's Table 8)\n\n"
            + "| Run | span rank | token rank |\n"
            + "|---|---:|---:|\n");
    for (JsonNode r : board.path("ranks")) {
      b.append("| ")
          .append(r.path("name").asText())
          .append(r.path("comparable").asBoolean() ? "" : " †")
          .append(" | ")
          .append(r.path("span_rank").asInt())
          .append(" | ")
          .append(r.path("token_rank").asInt())
          .append(" |\n");
    }
    if (board.path("repeats").size() > 0 || board.path("repeat_notes").size() > 0) {
      b.append("\n## Repeats (mean ± sd)\n\n")
          .append("Over the repeats of one model and prompt, from each run's unrounded F1; sd is")
          .append(" the sample standard deviation (n − 1).\n\n");
      board.path("repeat_notes").forEach(n -> b.append("- ").append(n.asText()).append('\n'));
      if (board.path("repeat_notes").size() > 0) {
        b.append('\n');
      }
    }
    if (board.path("repeats").size() > 0) {
      b.append(
          "| Model | prompt | runs | span Avg. | strict Avg. | token Avg. |\n"
              + "|---|---|---:|---:|---:|---:|\n");
      for (JsonNode g : board.path("repeats")) {
        b.append("| ")
            .append(cellText(g.path("model").asText()))
            .append(" | ")
            .append(cellText(g.path("prompt").asText("-")))
            .append(" | ")
            .append(g.path("runs").size());
        for (String m : List.of("span", "strict", "token")) {
          b.append(" | ").append(meanSd(g.path(m).path("average")));
        }
        b.append(" |\n");
      }
      b.append(
          "\n"
              + "| Model | prompt | dataset | ent_type | strict | token macro |\n"
              + "|---|---|---|---:|---:|---:|\n");
      for (JsonNode g : board.path("repeats")) {
        for (var it = g.path("by_dataset").fields(); it.hasNext(); ) {
          var d = it.next();
          b.append("| ")
              .append(cellText(g.path("model").asText()))
              .append(" | ")
              .append(cellText(g.path("prompt").asText("-")))
              .append(" | ")
              .append(cellText(d.getKey()));
          for (String k : List.of("ent_type", "strict", "token_macro")) {
            b.append(" | ").append(meanSd(d.getValue().path(k)));
          }
          b.append(" |\n");
        }
      }
    }
    if (board.path("comparisons").size() > 0) {
      b.append("\n## Paired bootstrap (span ent_type F1, A − B × 100, 95% interval, p)\n\n");
      b.append(board.path("p_value").asText())
          .append(
              ".\n\n"
                  + "| A | B | dataset | shared docs | difference | 95% interval | p |\n"
                  + "|---|---|---|---:|---:|---|---:|\n");
      for (JsonNode c : board.path("comparisons")) {
        for (var it = c.path("datasets").fields(); it.hasNext(); ) {
          var e = it.next();
          JsonNode m = e.getValue().path("all").path("span_ent_type");
          b.append("| ")
              .append(c.path("a").asText())
              .append(" | ")
              .append(c.path("b").asText())
              .append(" | ")
              .append(e.getKey())
              .append(" | ")
              .append(e.getValue().path("documents").path("shared").asInt())
              .append(
                  String.format(
                      Locale.ROOT,
                      " | %+.2f | [%+.2f, %+.2f] | %.3f |%n",
                      100 * m.path("difference").asDouble(),
                      100 * m.path("ci_low").asDouble(),
                      100 * m.path("ci_high").asDouble(),
                      m.path("p_value").asDouble()));
        }
      }
    }
    if (board.path("unreported").size() > 0) {
      b.append("\n## Experiment cells without a row\n\n")
          .append("These cells of an experiment have no finished run, so no numbers:\n\n");
      for (JsonNode u : board.path("unreported")) {
        b.append("- ")
            .append(u.path("folder").asText())
            .append(": ")
            .append(u.path("reason").asText())
            .append('\n');
      }
    }
    boolean any = false;
    for (JsonNode r : board.path("runs")) {
      if (!r.path("caveats").isEmpty()) {
        if (!any) {
          b.append("\n## Caveats\n\n");
          any = true;
        }
        b.append("- ").append(r.path("name").asText()).append(" †: ");
        List<String> c = new ArrayList<>();
        r.path("caveats").forEach(x -> c.add(x.asText()));
        b.append(String.join("; ", c)).append('\n');
      }
    }
    return b.toString();
  }

  private static String meanSd(JsonNode v) {
    return String.format(
        Locale.ROOT, "%.2f ± %.2f", v.path("mean").asDouble(), v.path("sd").asDouble());
  }

  private static String cellText(String s) {
    return s.replace("|", "\\|");
  }

  private static String runName(JsonNode r) {
    return r.path("name").asText().replace("|", "\\|")
        + (r.path("comparable").asBoolean() ? "" : " †");
  }

  static String num(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f", v.asDouble()) : "-";
  }
}
