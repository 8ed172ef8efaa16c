package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table of a {@code results.json}: one row per metric, one column per dataset, then
 * one per label and the unweighted mean of the label columns (the paper's "Avg." when all six
 * labels are present).
 */
public final class ResultsTable {
  private ResultsTable() {}

  public static String render(JsonNode results) {
    JsonNode first = results.elements().hasNext() ? results.elements().next() : null;
    if (first == null) {
      return "";
    }
    List<String> datasets = names(first.path("dataset_results"));
    List<String> labels = names(first.path("clinical_type_results"));

    List<String> header = new ArrayList<>();
    header.add("F1 x 100");
    header.addAll(datasets);
    header.addAll(labels);
    header.add("label mean");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (LeaderboardMetric metric : LeaderboardMetric.values()) {
      JsonNode m = results.path(metric.key());
      if (m.isMissingNode()) {
        continue;
      }
      List<String> row = new ArrayList<>();
      row.add(metric.title());
      datasets.forEach(d -> row.add(number(m.path("dataset_results").path(d).path("f1"))));
      double sum = 0;
      for (String l : labels) {
        JsonNode v = m.path("clinical_type_results").path(l).path("f1");
        row.add(number(v));
        sum += v.asDouble();
      }
      row.add(String.format(Locale.ROOT, "%.2f", labels.isEmpty() ? 0 : sum / labels.size()));
      rows.add(row);
    }
    return layout(rows, datasets.size());
  }

  private static String layout(List<List<String>> rows, int datasetCount) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      int lineStart = b.length();
      for (int i = 0; i < cols; i++) {
        if (i == 0) {
          b.append(String.format(Locale.ROOT, "%-" + width[0] + "s", row.get(0)));
        } else {
          b.append(i == datasetCount + 1 ? " | " : "  ");
          b.append(String.format(Locale.ROOT, "%" + width[i] + "s", row.get(i)));
        }
      }
      b.append('\n');
      if (r == 0) {
        b.append("-".repeat(b.length() - lineStart - 1)).append('\n');
      }
    }
    return b.toString();
  }

  private static List<String> names(JsonNode obj) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = obj.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }

  private static String number(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f", v.doubleValue()) : "-";
  }
}
