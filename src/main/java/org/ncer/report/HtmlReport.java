package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ncer.Json;
import org.ncer.run.PredictedDocument;
import org.ncer.run.RawAnswer;

/**
 * {@code report.html}: one self-contained page (inline styles, script and SVG; nothing fetched)
 * with the leaderboard tables, charts, grounding and parse counts, usage, pairwise comparisons, the
 * error analysis and the error browser.
 *
 * <p>Every text from notes, answers and run folders is escaped: in markup by {@link #esc}, in the
 * browser's embedded JSON by {@link #scriptJson} (which also escapes {@code </script>}, {@code
 * <!--} and U+2028/2029), and the browser's script sets text only through {@code textContent}.
 */
final class HtmlReport {
  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22"
  };

  private HtmlReport() {}

  static String render(List<RunData> runs, ObjectNode board, int maxDocs) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>ncer report</title><style>")
        .append(resource("report.css"))
        .append("</style></head><body>\n");
    h.append("<header><h1>ncer report: ")
        .append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs")
        .append(
            "</h1></header>\n<nav><a href=\"#leaderboard\">Leaderboard</a><a href=\"#charts\">Charts</a>")
        .append("<a href=\"#grounding\">Grounding</a><a href=\"#usage\">Usage</a>")
        .append("<a href=\"#comparisons\">Comparisons</a><a href=\"#analysis\">Error analysis</a>")
        .append("<a href=\"#browser\">Error browser</a></nav>\n<main>\n");
    leaderboard(h, board);
    charts(h, board);
    grounding(h, board);
    usage(h, board);
    comparisons(h, board);
    analysis(h, board);
    browser(h, runs, board, maxDocs);
    h.append("</main>\n</body></html>\n");
    return h.toString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static void leaderboard(StringBuilder h, ObjectNode board) {
    List<String> labels = strings(board.path("labels"));
    List<String> datasets = strings(board.path("datasets"));
    h.append("<section id=\"leaderboard\"><h2>Leaderboard</h2>")
        .append(
            "<p class=\"muted\">F1 × 100. Span: nervaluate ent_type (partial match), with strict")
        .append(
            " beside it; token: macro average over labels. A label's value is the unweighted mean")
        .append(
            " over the datasets scored on it; Avg. is the unweighted mean of the label values.</p>");
    for (JsonNode n : board.path("notes")) {
      h.append("<div class=\"note\">").append(esc(n.asText())).append("</div>");
    }
    for (String[] metric :
        new String[][] {
          {"span", "Span F1 (ent_type) by label"}, {"token", "Token F1 (macro) by label"}
        }) {
      h.append("<h3>")
          .append(metric[1])
          .append("</h3><table class=\"board\" data-metric=\"")
          .append(metric[0])
          .append("\"><tr><th>Run</th>");
      labels.forEach(l -> h.append("<th>").append(esc(l)).append("</th>"));
      h.append("<th>Avg.</th>");
      if (metric[0].equals("span")) {
        h.append("<th>strict Avg.</th>");
      }
      h.append("</tr>");
      for (JsonNode r : board.path("runs")) {
        String id = r.path("id").asText();
        h.append("<tr><td>").append(runCell(r)).append("</td>");
        for (String l : labels) {
          cell(h, id, metric[0], l, r.path(metric[0]).path("by_label").path(l));
        }
        cell(h, id, metric[0], "average", r.path(metric[0]).path("average"));
        if (metric[0].equals("span")) {
          cell(h, id, "strict", "average", r.path("strict").path("average"));
        }
        h.append("</tr>");
      }
      h.append("</table>");
    }
    h.append("<h3>By dataset</h3><table class=\"board\" data-metric=\"dataset\"><tr><th>Run</th>");
    for (String d : datasets) {
      h.append("<th>").append(esc(d)).append(" ent_type</th><th>strict</th><th>token</th>");
    }
    h.append("</tr>");
    for (JsonNode r : board.path("runs")) {
      String id = r.path("id").asText();
      h.append("<tr><td>").append(runCell(r)).append("</td>");
      for (String d : datasets) {
        JsonNode x = r.path("by_dataset").path(d);
        cell(h, id, "ent_type", d, x.path("ent_type"));
        cell(h, id, "strict", d, x.path("strict"));
        cell(h, id, "token_macro", d, x.path("token_macro"));
      }
      h.append("</tr>");
    }
    h.append("</table>");
    if (board.path("repeats").size() > 0 || board.path("repeat_notes").size() > 0) {
      h.append("<h3>Repeats (mean ± sd)</h3><p class=\"muted\">Over the repeats of one model and")
          .append(" prompt, from each run's unrounded F1; sd is the sample standard deviation")
          .append(" (n − 1).</p>");
      for (JsonNode n : board.path("repeat_notes")) {
        h.append("<div class=\"note\">").append(esc(n.asText())).append("</div>");
      }
    }
    if (board.path("repeats").size() > 0) {
      h.append("<table id=\"repeats\"><tr><th>Model</th><th>prompt</th><th>runs</th>")
          .append("<th>span Avg.</th><th>strict Avg.</th><th>token Avg.</th></tr>");
      for (JsonNode g : board.path("repeats")) {
        h.append("<tr><td>")
            .append(esc(g.path("model").asText()))
            .append("</td><td>")
            .append(esc(g.path("prompt").asText("-")))
            .append("</td><td>")
            .append(g.path("runs").size())
            .append("</td>");
        for (String m : List.of("span", "strict", "token")) {
          h.append("<td>").append(meanSd(g.path(m).path("average"))).append("</td>");
        }
        h.append("</tr>");
      }
      h.append("</table>");
      h.append("<table id=\"repeats-by-dataset\"><tr><th>Model</th><th>prompt</th>")
          .append("<th>dataset</th><th>ent_type</th><th>strict</th><th>token macro</th></tr>");
      for (JsonNode g : board.path("repeats")) {
        for (var it = g.path("by_dataset").fields(); it.hasNext(); ) {
          var d = it.next();
          h.append("<tr><td>")
              .append(esc(g.path("model").asText()))
              .append("</td><td>")
              .append(esc(g.path("prompt").asText("-")))
              .append("</td><td>")
              .append(esc(d.getKey()))
              .append("</td>");
          for (String k : List.of("ent_type", "strict", "token_macro")) {
            h.append("<td>").append(meanSd(d.getValue().path(k))).append("</td>");
          }
          h.append("</tr>");
        }
      }
      h.append("</table>");
    }
    if (board.path("unreported").size() > 0) {
      h.append("<h3>Experiment cells without a row</h3><p class=\"muted\">These cells of an")
          .append(" experiment have no finished run, so no numbers.</p><ul id=\"unreported\">");
      for (JsonNode u : board.path("unreported")) {
        h.append("<li><b>")
            .append(esc(u.path("folder").asText()))
            .append("</b>: ")
            .append(esc(u.path("reason").asText()))
            .append("</li>");
      }
      h.append("</ul>");
    }
    boolean any = false;
    for (JsonNode r : board.path("runs")) {
      if (!r.path("caveats").isEmpty()) {
        if (!any) {
          h.append("<h3>Caveats</h3><ul>");
          any = true;
        }
        h.append("<li><b>")
            .append(esc(r.path("name").asText()))
            .append("</b> †: ")
            .append(esc(String.join("; ", strings(r.path("caveats")))))
            .append("</li>");
      }
    }
    if (any) {
      h.append("</ul>");
    }
    h.append("</section>\n");
  }

  private static String meanSd(JsonNode v) {
    return String.format(
        Locale.ROOT, "%.2f ± %.2f", v.path("mean").asDouble(), v.path("sd").asDouble());
  }

  private static String runCell(JsonNode r) {
    return esc(r.path("name").asText())
        + (r.path("comparable").asBoolean()
            ? ""
            : " <span class=\"dag\" title=\"not comparable with the leaderboard\">†</span>");
  }

  private static void cell(StringBuilder h, String run, String metric, String key, JsonNode v) {
    h.append("<td data-run=\"")
        .append(esc(run))
        .append("\" data-metric=\"")
        .append(esc(metric))
        .append("\" data-key=\"")
        .append(esc(key))
        .append("\">")
        .append(Leaderboard.num(v))
        .append("</td>");
  }

  private static void charts(StringBuilder h, ObjectNode board) {
    List<String> labels = strings(board.path("labels"));
    List<JsonNode> runs = new ArrayList<>();
    board.path("runs").forEach(runs::add);
    h.append("<section id=\"charts\"><h2>Charts</h2><div class=\"legend\">");
    for (int i = 0; i < runs.size(); i++) {
      h.append("<span><i class=\"sw\" style=\"background:")
          .append(color(i))
          .append("\"></i>")
          .append(esc(runs.get(i).path("name").asText()))
          .append("</span>");
    }
    h.append("</div><h3>Span F1 (ent_type) per label per run</h3>");
    int groupWidth = Math.max(60, runs.size() * 14 + 16);
    int width = 50 + groupWidth * Math.max(1, labels.size());
    int height = 220;
    h.append("<svg id=\"chart-labels\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height + 40)
        .append("\" role=\"img\" aria-label=\"F1 per label per run\">");
    axisY(h, 40, 10, height, width);
    for (int l = 0; l < labels.size(); l++) {
      int x0 = 45 + l * groupWidth;
      for (int r = 0; r < runs.size(); r++) {
        double v = runs.get(r).path("span").path("by_label").path(labels.get(l)).asDouble(0);
        double bh = v / 100 * height;
        h.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %.2f</title></rect>",
                x0 + 8 + r * 14,
                10 + height - bh,
                bh,
                color(r),
                esc(runs.get(r).path("name").asText()),
                esc(labels.get(l)),
                v));
      }
      h.append("<text x=\"")
          .append(x0 + groupWidth / 2)
          .append("\" y=\"")
          .append(height + 26)
          .append("\" text-anchor=\"middle\">")
          .append(esc(labels.get(l)))
          .append("</text>");
    }
    h.append("</svg>");

    h.append("<h3>Precision against recall (span ent_type, per run and dataset)</h3>");
    int side = 300;
    h.append("<svg id=\"chart-pr\" width=\"")
        .append(side + 70)
        .append("\" height=\"")
        .append(side + 50)
        .append("\">");
    axisY(h, 40, 10, side, side + 50);
    h.append("<line x1=\"40\" y1=\"")
        .append(10 + side)
        .append("\" x2=\"")
        .append(40 + side)
        .append("\" y2=\"")
        .append(10 + side)
        .append("\" stroke=\"#999\"/>");
    for (int t = 0; t <= 100; t += 25) {
      h.append("<text x=\"")
          .append(40 + t * side / 100)
          .append("\" y=\"")
          .append(side + 26)
          .append("\" text-anchor=\"middle\">")
          .append(t)
          .append("</text>");
    }
    h.append("<text x=\"")
        .append(40 + side / 2)
        .append("\" y=\"")
        .append(side + 44)
        .append("\" text-anchor=\"middle\">recall</text>");
    h.append("<text x=\"12\" y=\"")
        .append(10 + side / 2)
        .append("\" transform=\"rotate(-90 12 ")
        .append(10 + side / 2)
        .append(")\" text-anchor=\"middle\">precision</text>");
    for (int r = 0; r < runs.size(); r++) {
      for (var it = runs.get(r).path("by_dataset").fields(); it.hasNext(); ) {
        var e = it.next();
        double p = e.getValue().path("precision").asDouble();
        double rc = e.getValue().path("recall").asDouble();
        h.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" fill-opacity=\"0.8\"><title>%s on %s: precision %.2f, recall %.2f</title></circle>",
                40 + rc / 100 * side,
                10 + side - p / 100 * side,
                color(r),
                esc(runs.get(r).path("name").asText()),
                esc(e.getKey()),
                p,
                rc));
      }
    }
    h.append("</svg>");

    h.append(
        "<h3>Span rank against token rank (the paper's Table 8)</h3><table id=\"ranks\"><tr><th>Run</th><th>span rank</th><th>token rank</th></tr>");
    for (JsonNode r : board.path("ranks")) {
      h.append("<tr><td>")
          .append(esc(r.path("name").asText()))
          .append(r.path("comparable").asBoolean() ? "" : " †")
          .append("</td><td>")
          .append(r.path("span_rank").asInt())
          .append("</td><td>")
          .append(r.path("token_rank").asInt())
          .append("</td></tr>");
    }
    h.append("</table>");
    int n = Math.max(1, runs.size());
    int rowH = 22;
    int sh = n * rowH + 30;
    h.append("<svg id=\"chart-ranks\" width=\"520\" height=\"")
        .append(sh)
        .append("\">")
        .append(
            "<text x=\"150\" y=\"14\" text-anchor=\"middle\">span rank</text><text x=\"370\" y=\"14\" text-anchor=\"middle\">token rank</text>");
    int i = 0;
    for (JsonNode r : board.path("ranks")) {
      int ys = 20 + r.path("span_rank").asInt() * rowH - rowH / 2;
      int yt = 20 + r.path("token_rank").asInt() * rowH - rowH / 2;
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"160\" y1=\"%d\" x2=\"360\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/><circle cx=\"160\" cy=\"%d\" r=\"4\" fill=\"%s\"/><circle cx=\"360\" cy=\"%d\" r=\"4\" fill=\"%s\"/>",
              ys,
              yt,
              color(i),
              ys,
              color(i),
              yt,
              color(i)));
      h.append("<text x=\"150\" y=\"")
          .append(ys + 4)
          .append("\" text-anchor=\"end\">")
          .append(r.path("span_rank").asInt())
          .append(". ")
          .append(esc(shortName(r.path("name").asText())))
          .append("</text>");
      h.append("<text x=\"370\" y=\"")
          .append(yt + 4)
          .append("\">")
          .append(r.path("token_rank").asInt())
          .append("</text>");
      i++;
    }
    h.append("</svg></section>\n");
  }

  private static String shortName(String s) {
    return s.length() > 24 ? s.substring(0, 23) + "…" : s;
  }

  private static void axisY(StringBuilder h, int x, int top, int height, int width) {
    for (int t = 0; t <= 100; t += 25) {
      double y = top + height - t / 100.0 * height;
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e6ea\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>",
              x,
              y,
              width,
              y,
              x - 4,
              y + 4,
              t));
    }
  }

  private static String color(int i) {
    return COLORS[i % COLORS.length];
  }

  private static void grounding(StringBuilder h, ObjectNode board) {
    h.append("<section id=\"grounding\"><h2>Grounding and parsing</h2>")
        .append(
            "<p class=\"muted\">For models that answer with text: how each answer parsed, how each answer")
        .append(
            " string was placed in the note, and the share of strings found nowhere in it (not-found,")
        .append(
            " often called hallucinated).</p><table id=\"grounding-table\"><tr><th>Run</th><th>dataset</th>")
        .append(
            "<th>answers</th><th>parse statuses</th><th>strings</th><th>match statuses</th><th>not found</th></tr>");
    boolean any = false;
    for (JsonNode r : board.path("runs")) {
      for (var it = r.path("grounding").fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode g = e.getValue();
        any = true;
        h.append("<tr><td>")
            .append(esc(r.path("name").asText()))
            .append("</td><td>")
            .append(esc(e.getKey()))
            .append("</td><td>")
            .append(g.path("answers").asInt())
            .append("</td><td>")
            .append(esc(pairs(g.path("parse"))))
            .append("</td><td>")
            .append(g.path("strings").asInt())
            .append("</td><td>")
            .append(esc(pairs(g.path("match"))))
            .append(
                String.format(
                    Locale.ROOT,
                    "</td><td>%.1f%%</td></tr>",
                    100 * g.path("not_found_rate").asDouble()));
      }
    }
    h.append("</table>");
    if (!any) {
      h.append("<p class=\"muted\">No run answered with text.</p>");
    } else {
      h.append(
          "<h3>Not-found rate per run and label</h3><table><tr><th>Run</th><th>dataset</th><th>label</th><th>not found</th><th>strings</th><th>rate</th></tr>");
      for (JsonNode r : board.path("runs")) {
        for (var it = r.path("grounding").fields(); it.hasNext(); ) {
          var e = it.next();
          for (var lt = e.getValue().path("not_found_by_label").fields(); lt.hasNext(); ) {
            var l = lt.next();
            h.append("<tr><td>")
                .append(esc(r.path("name").asText()))
                .append("</td><td>")
                .append(esc(e.getKey()))
                .append("</td><td>")
                .append(esc(l.getKey()))
                .append("</td><td>")
                .append(l.getValue().path("not_found").asInt())
                .append("</td><td>")
                .append(l.getValue().path("strings").asInt())
                .append(
                    String.format(
                        Locale.ROOT,
                        "</td><td>%.1f%%</td></tr>",
                        100 * l.getValue().path("rate").asDouble()));
          }
        }
      }
      h.append("</table>");
    }
    h.append("</section>\n");
  }

  private static String pairs(JsonNode obj) {
    List<String> out = new ArrayList<>();
    obj.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().asInt() > 0) {
                out.add(e.getKey() + " " + e.getValue().asInt());
              }
            });
    return out.isEmpty() ? "-" : String.join(", ", out);
  }

  private static void usage(StringBuilder h, ObjectNode board) {
    h.append(
            "<section id=\"usage\"><h2>Tokens, cost and latency</h2><table><tr><th>Run</th><th>wall time (s)</th>")
        .append(
            "<th>calls</th><th>input tokens</th><th>output tokens</th><th>cost (USD)</th><th>latency (s)</th></tr>");
    for (JsonNode r : board.path("runs")) {
      JsonNode u = r.path("usage");
      h.append("<tr><td>")
          .append(esc(r.path("name").asText()))
          .append("</td>")
          .append(String.format(Locale.ROOT, "<td>%.1f</td>", u.path("seconds").asDouble()));
      for (String f :
          List.of("calls", "input_tokens", "output_tokens", "cost_usd", "latency_seconds")) {
        JsonNode v = u.path(f);
        h.append("<td>")
            .append(
                v.isMissingNode() ? "<span class=\"muted\">not recorded</span>" : esc(v.asText()))
            .append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table></section>\n");
  }

  private static void comparisons(StringBuilder h, ObjectNode board) {
    h.append(
            "<section id=\"comparisons\"><h2>Comparisons of pairs of runs</h2><p class=\"muted\">F1 difference A − B × 100")
        .append(" with its 95% interval; ")
        .append(esc(board.path("p_value").asText()))
        .append(". Bold: the interval excludes 0.</p>");
    if (board.path("comparisons").isEmpty()) {
      h.append("<p class=\"muted\">Only one run: nothing to compare.</p>");
    }
    for (JsonNode c : board.path("comparisons")) {
      h.append("<h3>")
          .append(esc(c.path("a").asText()))
          .append(" − ")
          .append(esc(c.path("b").asText()))
          .append("</h3>");
      for (JsonNode n : c.path("notes")) {
        h.append("<div class=\"note\">").append(esc(n.asText())).append("</div>");
      }
      h.append(
          "<table class=\"comparison\"><tr><th>dataset</th><th>label</th><th>shared docs</th>");
      for (String m : PairedBootstrap.METRICS) {
        h.append("<th>").append(m.replace('_', ' ')).append("</th><th>p</th>");
      }
      h.append("</tr>");
      for (var it = c.path("datasets").fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode d = e.getValue();
        for (JsonNode n : d.path("notes")) {
          h.append("<tr><td colspan=\"9\" class=\"note\">")
              .append(esc(e.getKey() + ": " + n.asText()))
              .append("</td></tr>");
        }
        compareRow(h, e.getKey(), "all", d.path("documents").path("shared").asInt(), d.path("all"));
        for (var lt = d.path("by_label").fields(); lt.hasNext(); ) {
          var l = lt.next();
          compareRow(
              h, e.getKey(), l.getKey(), d.path("documents").path("shared").asInt(), l.getValue());
        }
      }
      h.append("</table>");
    }
    h.append("</section>\n");
  }

  private static void compareRow(StringBuilder h, String ds, String label, int shared, JsonNode m) {
    h.append("<tr><td>")
        .append(esc(ds))
        .append("</td><td>")
        .append(esc(label))
        .append("</td><td>")
        .append(shared)
        .append("</td>");
    for (String metric : PairedBootstrap.METRICS) {
      JsonNode x = m.path(metric);
      boolean sig = x.path("ci_low").asDouble() > 0 || x.path("ci_high").asDouble() < 0;
      h.append(
          String.format(
              Locale.ROOT,
              "<td%s>%+.2f [%+.2f, %+.2f]</td><td>%.3f</td>",
              sig ? " class=\"sig\"" : "",
              100 * x.path("difference").asDouble(),
              100 * x.path("ci_low").asDouble(),
              100 * x.path("ci_high").asDouble(),
              x.path("p_value").asDouble()));
    }
    h.append("</tr>");
  }

  private static void analysis(StringBuilder h, ObjectNode board) {
    h.append(
            "<section id=\"analysis\"><h2>Error analysis</h2><p class=\"muted\">Error kinds follow nervaluate 0.1.8's")
        .append(
            " pairing: correct (same offsets and label), boundary (overlap, same label: correct under ent_type,")
        .append(
            " wrong under strict), wrong label (same offsets), boundary and label, missed, spurious. An overlap")
        .append(
            " or wrong label counts under the gold label, a spurious prediction under its own.</p>");
    for (JsonNode r : board.path("runs")) {
      for (var it = r.path("analysis").fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode a = e.getValue();
        h.append("<details><summary><b>")
            .append(esc(r.path("name").asText()))
            .append("</b> on ")
            .append(esc(e.getKey()))
            .append("</summary>");
        for (JsonNode n : r.path("by_dataset").path(e.getKey()).path("notes")) {
          h.append("<div class=\"note\">").append(esc(n.asText())).append("</div>");
        }
        h.append("<h3>Error kinds per label</h3><table><tr><th>label</th>");
        for (ErrorKind k : ErrorKind.values()) {
          h.append("<th>").append(k.key().replace('_', ' ')).append("</th>");
        }
        h.append("</tr>");
        kindRow(h, "all", a.path("error_counts").path("all"));
        a.path("error_counts")
            .path("by_label")
            .fields()
            .forEachRemaining(l -> kindRow(h, l.getKey(), l.getValue()));
        h.append("</table><h3>Label confusion</h3><p class=\"muted\">rows: ")
            .append(esc(a.path("confusion").path("rows").asText()))
            .append("; columns: ")
            .append(esc(a.path("confusion").path("columns").asText()))
            .append("</p><table><tr><th></th>");
        List<String> axis = strings(a.path("confusion").path("labels"));
        axis.forEach(l -> h.append("<th>").append(esc(l)).append("</th>"));
        h.append("</tr>");
        for (int i = 0; i < axis.size(); i++) {
          h.append("<tr><td>").append(esc(axis.get(i))).append("</td>");
          for (JsonNode v : a.path("confusion").path("matrix").path(i)) {
            h.append("<td>").append(v.asInt()).append("</td>");
          }
          h.append("</tr>");
        }
        h.append("</table>");
        top(h, "Most often missed", a.path("top_missed"));
        top(h, "Most often spurious", a.path("top_spurious"));
        bins(h, "F1 by entity length (benchmark tokens)", "tokens", a.path("by_length"));
        if (a.has("by_seen")) {
          bins(h, "F1 by seen / unseen in the training split", "seen", a.path("by_seen"));
          h.append("<p class=\"muted\">")
              .append(esc(a.path("seen_definition").asText()))
              .append(".</p>");
        }
        h.append(
            "<h3>F1 by label frequency</h3><table><tr><th>label</th><th>train mentions</th><th>test mentions</th><th>F1</th></tr>");
        for (JsonNode row : a.path("by_label_frequency")) {
          h.append("<tr><td>")
              .append(esc(row.path("label").asText()))
              .append("</td><td>")
              .append(
                  row.path("train_mentions").asInt() < 0
                      ? "-"
                      : row.path("train_mentions").asText())
              .append("</td><td>")
              .append(row.path("test_mentions").asInt())
              .append(
                  String.format(
                      Locale.ROOT, "</td><td>%.2f</td></tr>", 100 * row.path("f1").asDouble()));
        }
        h.append(
            "</table><h3>F1 by entity density (gold mentions per 100 tokens)</h3><table><tr><th>density</th><th>documents</th><th>gold</th><th>predicted</th><th>F1</th></tr>");
        for (JsonNode row : a.path("by_density")) {
          h.append("<tr><td>")
              .append(esc(row.path("gold_per_100_tokens").asText()))
              .append("</td><td>")
              .append(row.path("documents").asInt())
              .append("</td><td>")
              .append(row.path("gold").asInt())
              .append("</td><td>")
              .append(row.path("predicted").asInt())
              .append(
                  String.format(
                      Locale.ROOT, "</td><td>%.2f</td></tr>", 100 * row.path("f1").asDouble()));
        }
        h.append("</table></details>");
      }
    }
    h.append("</section>\n");
  }

  private static void kindRow(StringBuilder h, String label, JsonNode counts) {
    h.append("<tr><td>").append(esc(label)).append("</td>");
    for (ErrorKind k : ErrorKind.values()) {
      h.append("<td>").append(counts.path(k.key()).asInt()).append("</td>");
    }
    h.append("</tr>");
  }

  private static void top(StringBuilder h, String title, JsonNode rows) {
    h.append("<h3>")
        .append(title)
        .append("</h3><table><tr><th>string</th><th>label</th><th>count</th></tr>");
    for (JsonNode r : rows) {
      h.append("<tr><td>")
          .append(esc(r.path("text").asText()))
          .append("</td><td>")
          .append(esc(r.path("label").asText()))
          .append("</td><td>")
          .append(r.path("count").asInt())
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void bins(StringBuilder h, String title, String key, JsonNode rows) {
    h.append("<h3>")
        .append(title)
        .append("</h3><table><tr><th>")
        .append(key)
        .append(
            "</th><th>gold</th><th>predicted</th><th>precision</th><th>recall</th><th>F1</th></tr>");
    for (JsonNode r : rows) {
      h.append("<tr><td>")
          .append(esc(r.path(key).asText()))
          .append("</td><td>")
          .append(r.path("gold").asInt())
          .append("</td><td>")
          .append(r.path("predicted").asInt())
          .append(
              String.format(
                  Locale.ROOT,
                  "</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>",
                  100 * r.path("precision").asDouble(),
                  100 * r.path("recall").asDouble(),
                  100 * r.path("f1").asDouble()));
    }
    h.append("</table>");
  }

  private static void browser(StringBuilder h, List<RunData> runs, ObjectNode board, int maxDocs) {
    h.append(
            "<section id=\"browser\"><h2>Error browser</h2><p class=\"muted\">Pick a document to see its note with the gold")
        .append(
            " and predicted spans and each outcome named; the raw answer is under the note.</p><div class=\"filters\">")
        .append(
            "<label>run <select id=\"f-run\"></select></label><label>dataset <select id=\"f-dataset\"></select></label>")
        .append(
            "<label>label <select id=\"f-label\"></select></label><label>kind <select id=\"f-kind\"></select></label>")
        .append(
            "<span id=\"match-count\" class=\"muted\"></span></div><div id=\"caps\"></div><ul id=\"doc-list\"></ul>")
        .append("<div id=\"doc-view\"></div></section>\n");
    h.append("<script type=\"application/json\" id=\"browser-data\">")
        .append(scriptJson(browserData(runs, board, maxDocs)))
        .append("</script>\n<script>")
        .append(resource("report.js"))
        .append("</script>\n");
  }

  /** The error browser's data: documents with outcomes, raw answers and unplaced strings. */
  static ObjectNode browserData(List<RunData> runs, ObjectNode board, int maxDocs) {
    ObjectNode n = Json.mapper().createObjectNode();
    ArrayNode rs = n.putArray("runs");
    ArrayNode caps = n.putArray("caps");
    ArrayNode docs = n.putArray("docs");
    n.set("datasets", board.path("datasets"));
    n.set("labels", board.path("labels"));
    ArrayNode kinds = n.putArray("kinds");
    for (ErrorKind k : ErrorKind.values()) {
      kinds.add(k.key());
    }
    for (RunData r : runs) {
      ObjectNode ro = rs.addObject();
      ro.put("id", r.id());
      ro.put("name", r.name());
      for (RunData.DatasetData d : r.datasets()) {
        if (!d.analysed()) {
          continue;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d.predicted().size(); i++) {
          order.add(i);
        }
        order.sort(
            Comparator.comparingLong((Integer i) -> -errors(d.outcomes().get(i)))
                .thenComparingInt(i -> i));
        int shown = Math.min(maxDocs, order.size());
        ObjectNode cap = caps.addObject();
        cap.put("run", r.id());
        cap.put("dataset", d.name());
        cap.put("shown", shown);
        cap.put("total", order.size());
        for (int k = 0; k < shown; k++) {
          int i = order.get(k);
          docs.add(doc(r, d, i));
        }
      }
    }
    return n;
  }

  private static long errors(List<SpanOutcomes.Outcome> outcomes) {
    return outcomes.stream().filter(o -> o.kind() != ErrorKind.CORRECT).count();
  }

  private static ObjectNode doc(RunData r, RunData.DatasetData d, int i) {
    PredictedDocument p = d.predicted().get(i);
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("r", r.id());
    o.put("d", d.name());
    o.put("id", p.id());
    o.put("t", p.text());
    ArrayNode outcomes = o.putArray("o");
    for (SpanOutcomes.Outcome x : d.outcomes().get(i)) {
      ArrayNode a = outcomes.addArray();
      a.add(x.gold() == null ? -1 : x.gold().start());
      a.add(x.gold() == null ? -1 : x.gold().end());
      a.add(x.gold() == null ? "" : x.gold().label());
      a.add(x.predicted() == null ? -1 : x.predicted().start());
      a.add(x.predicted() == null ? -1 : x.predicted().end());
      a.add(x.predicted() == null ? "" : x.predicted().label());
      a.add(x.kind().key());
      a.add(x.label());
    }
    ArrayNode un = o.putArray("u");
    for (PredictedDocument.Unplaced u : p.unaligned()) {
      un.addArray().add(u.text()).add(u.label()).add(u.reason());
    }
    ArrayNode raw = o.putArray("a");
    for (RawAnswer a : d.raw().getOrDefault(p.id(), List.of())) {
      ObjectNode x = raw.addObject();
      x.put("l", a.label());
      x.put("c", a.chunkStart());
      x.put("x", a.text());
      x.put("f", a.failure());
    }
    return o;
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * JSON safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} as Unicode
   * escapes (so no {@code </script>} or {@code <!--} can appear), and U+2028/2029 escaped.
   */
  static String scriptJson(JsonNode node) {
    String json = Json.line(node);
    StringBuilder b = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
