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
import org.ncer.run.GroundingCounts;
import org.ncer.run.ManifestSummary;

/**
 * The numbers of a report, as {@code leaderboard.json}: per run the leaderboard's results, span
 * (ent_type) and token (macro) F1 per label with their unweighted mean (the paper's "Avg."), strict
 * F1 beside them, per-dataset scores, grounding and parse counts, usage and the error analysis; the
 * ranks of the paper's Table 8; mean and standard deviation over repeats; and the paired bootstrap
 * of every pair of runs.
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

  static ObjectNode toJson(List<RunData> runs, List<Comparison> comparisons) {
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
    root.set("ranks", ranks(rs));
    root.set("repeats", repeats(runs, rs));
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
    if (m.repeat() != null) {
      n.put("repeat", m.repeat());
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
      if (u.latencySeconds() >= 0) {
        usage.put("latency_seconds", u.latencySeconds());
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

  /**
   * Mean and sample standard deviation over runs of the same model, prompt and datasets that carry
   * a repeat number or seed.
   */
  private static ArrayNode repeats(List<RunData> runs, ArrayNode json) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      ManifestSummary m = runs.get(i).manifest();
      if (m.repeat() == null && m.seed() == null) {
        continue;
      }
      String key =
          m.model()
              + "\u0000"
              + m.prompt()
              + "\u0000"
              + m.matching()
              + "\u0000"
              + m.datasets().stream().map(ManifestSummary.DatasetEntry::name).toList();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    ArrayNode out = Json.mapper().createArrayNode();
    for (List<Integer> g : groups.values()) {
      if (g.size() < 2) {
        continue;
      }
      ManifestSummary m = runs.get(g.get(0)).manifest();
      ObjectNode row = out.addObject();
      row.put("model", m.model());
      row.put("prompt", m.prompt());
      ArrayNode ids = row.putArray("runs");
      g.forEach(i -> ids.add(runs.get(i).id()));
      for (String metric : List.of("span", "strict", "token")) {
        ObjectNode s = row.putObject(metric);
        putMeanSd(
            s.putObject("average"), g, i -> json.get(i).path(metric).path("average").asDouble());
        ObjectNode labels = s.putObject("by_label");
        json.get(g.get(0))
            .path(metric)
            .path("by_label")
            .fieldNames()
            .forEachRemaining(
                l ->
                    putMeanSd(
                        labels.putObject(l),
                        g,
                        i -> json.get(i).path(metric).path("by_label").path(l).asDouble()));
      }
    }
    return out;
  }

  private static void putMeanSd(
      ObjectNode n, List<Integer> group, java.util.function.IntToDoubleFunction f) {
    double sum = 0;
    for (int i : group) {
      sum += f.applyAsDouble(i);
    }
    double mean = sum / group.size();
    double ss = 0;
    for (int i : group) {
      double d = f.applyAsDouble(i) - mean;
      ss += d * d;
    }
    n.put("mean", mean);
    n.put("sd", Math.sqrt(ss / (group.size() - 1)));
    n.put("n", group.size());
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
        "\n## Span rank against token rank (the paper's Table 8)\n\n| Run | span rank | token rank |\n|---|---:|---:|\n");
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
    if (board.path("repeats").size() > 0) {
      b.append(
          "\n## Repeats (mean ± sd)\n\n| Model | prompt | runs | span Avg. | strict Avg. | token Avg. |\n|---|---|---:|---:|---:|---:|\n");
      for (JsonNode g : board.path("repeats")) {
        b.append("| ")
            .append(g.path("model").asText())
            .append(" | ")
            .append(g.path("prompt").asText("-"))
            .append(" | ")
            .append(g.path("runs").size());
        for (String m : List.of("span", "strict", "token")) {
          JsonNode a = g.path(m).path("average");
          b.append(" | ")
              .append(
                  String.format(
                      Locale.ROOT,
                      "%.2f ± %.2f",
                      a.path("mean").asDouble(),
                      a.path("sd").asDouble()));
        }
        b.append(" |\n");
      }
    }
    if (board.path("comparisons").size() > 0) {
      b.append("\n## Paired bootstrap (span ent_type F1, A − B × 100, 95% interval, p)\n\n");
      b.append(board.path("p_value").asText())
          .append(
              ".\n\n| A | B | dataset | shared docs | difference | 95% interval | p |\n|---|---|---|---:|---:|---|---:|\n");
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

  private static String runName(JsonNode r) {
    return r.path("name").asText().replace("|", "\\|")
        + (r.path("comparable").asBoolean() ? "" : " †");
  }

  static String num(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f", v.asDouble()) : "-";
  }
}
