package org.ncer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.Json;
import org.ncer.dataset.Document;
import org.ncer.span.Mention;

/**
 * The error analysis of one run on one dataset: counts of each {@link ErrorKind} overall and per
 * label, the label confusion matrix, the most frequent missed and spurious strings, and span F1
 * (ent_type) broken down by entity length, by whether the mention string occurs in the training
 * split, by label frequency and by the entity density of the document.
 *
 * <p>In the length and seen/unseen breakdowns each gold span and each prediction falls in the bin
 * of its own string: recall is the ent_type credit of the bin's gold spans over their number,
 * precision that of the bin's predictions over theirs, F1 their harmonic mean. Seen means the
 * mention string, compared exactly but case-insensitively (lower-cased with Locale.ROOT), is the
 * string of some mention of the training split, whatever its label. Density bins hold whole
 * documents (gold mentions per 100 tokens), and their F1 is the ent_type F1 of the summed counts.
 */
final class ErrorAnalysis {
  /** The benchmark's token pattern, with Python's Unicode {@code \w}. */
  private static final Pattern TOKEN =
      Pattern.compile("\\w+(?:[-_]\\w+)*|\\S", Pattern.UNICODE_CHARACTER_CLASS);

  static final int TOP = 15;
  private static final String[] LENGTH_BINS = {"1", "2", "3", "4-5", "6+"};
  private static final String[] DENSITY_BINS = {"<5", "5-10", "10-20", "20+"};

  private ErrorAnalysis() {}

  static ObjectNode of(RunData.DatasetData d) {
    ObjectNode n = Json.mapper().createObjectNode();
    List<String> labels = d.labels();
    Map<ErrorKind, Integer> all = new EnumMap<>(ErrorKind.class);
    Map<String, Map<ErrorKind, Integer>> byLabel = new LinkedHashMap<>();
    labels.forEach(l -> byLabel.put(l, new EnumMap<>(ErrorKind.class)));
    int size = labels.size() + 1;
    int[][] confusion = new int[size][size];
    Map<String, Integer> missed = new HashMap<>();
    Map<String, Integer> spurious = new HashMap<>();
    Bins length = new Bins(LENGTH_BINS);
    Bins seen = new Bins(new String[] {"seen", "unseen"});
    Bins density = new Bins(DENSITY_BINS);
    long[][] densityCounts = new long[DENSITY_BINS.length][3];
    for (int i = 0; i < d.predicted().size(); i++) {
      String text = d.predicted().get(i).text();
      Document gold = d.gold().get(i);
      for (SpanOutcomes.Outcome o : d.outcomes().get(i)) {
        all.merge(o.kind(), 1, Integer::sum);
        byLabel.get(o.label()).merge(o.kind(), 1, Integer::sum);
        int g = o.gold() == null ? labels.size() : labels.indexOf(o.gold().label());
        int p = o.predicted() == null ? labels.size() : labels.indexOf(o.predicted().label());
        confusion[g][p]++;
        if (o.kind() == ErrorKind.MISSED) {
          missed.merge(key(text, o.gold()), 1, Integer::sum);
        } else if (o.kind() == ErrorKind.SPURIOUS) {
          spurious.merge(key(text, o.predicted()), 1, Integer::sum);
        }
        boolean credit = o.kind().entTypeCorrect();
        if (o.gold() != null) {
          String s = o.gold().span().of(text);
          length.gold(LENGTH_BINS[lengthBin(s)], credit);
          if (d.train() != null) {
            seen.gold(isSeen(d, s) ? "seen" : "unseen", credit);
          }
        }
        if (o.predicted() != null) {
          String s = o.predicted().span().of(text);
          length.predicted(LENGTH_BINS[lengthBin(s)], credit);
          if (d.train() != null) {
            seen.predicted(isSeen(d, s) ? "seen" : "unseen", credit);
          }
        }
      }
      int tokens = tokens(text);
      long scored = gold.mentions().stream().filter(m -> labels.contains(m.label())).count();
      double per100 = tokens == 0 ? 0 : 100.0 * scored / tokens;
      int bin = per100 < 5 ? 0 : per100 < 10 ? 1 : per100 < 20 ? 2 : 3;
      for (int[] label : d.counts()[i]) {
        densityCounts[bin][0] += label[DocCounts.ET_CREDIT2];
        densityCounts[bin][1] += label[DocCounts.ET_POSSIBLE];
        densityCounts[bin][2] += label[DocCounts.ET_ACTUAL];
      }
      density.documents[bin]++;
    }
    ObjectNode counts = n.putObject("error_counts");
    putKinds(counts.putObject("all"), all);
    ObjectNode perLabel = counts.putObject("by_label");
    byLabel.forEach((l, m) -> putKinds(perLabel.putObject(l), m));

    ObjectNode c = n.putObject("confusion");
    ArrayNode axis = c.putArray("labels");
    labels.forEach(axis::add);
    axis.add("(none)");
    ArrayNode matrix = c.putArray("matrix");
    for (int[] row : confusion) {
      ArrayNode r = matrix.addArray();
      for (int v : row) {
        r.add(v);
      }
    }
    c.put("rows", "gold label ((none): spurious prediction)");
    c.put("columns", "predicted label ((none): missed gold span)");
    putTop(n.putArray("top_missed"), missed);
    putTop(n.putArray("top_spurious"), spurious);
    n.set("by_length", length.toJson("tokens"));
    if (d.train() != null) {
      n.set("by_seen", seen.toJson("seen"));
      n.put(
          "seen_definition",
          "seen: the mention string, compared exactly but case-insensitively, occurs as a mention"
              + " of the training split");
    }
    ArrayNode densities = n.putArray("by_density");
    for (int b = 0; b < DENSITY_BINS.length; b++) {
      ObjectNode row = densities.addObject();
      row.put("gold_per_100_tokens", DENSITY_BINS[b]);
      row.put("documents", density.documents[b]);
      row.put("gold", densityCounts[b][1]);
      row.put("predicted", densityCounts[b][2]);
      row.put(
          "f1", DocCounts.spanF1(densityCounts[b][0], densityCounts[b][1], densityCounts[b][2]));
    }
    ArrayNode freq = n.putArray("by_label_frequency");
    List<String> byFrequency = new ArrayList<>(labels);
    Function<String, Integer> testCount = l -> d.entry().entities().getOrDefault(l, 0);
    Function<String, Integer> trainCount =
        l -> d.train() == null ? -1 : d.train().labelCounts().getOrDefault(l, 0);
    byFrequency.sort(
        Comparator.comparing(
                (String l) -> d.train() == null ? testCount.apply(l) : trainCount.apply(l))
            .reversed());
    for (String l : byFrequency) {
      int li = labels.indexOf(l);
      long cr = 0;
      long po = 0;
      long ac = 0;
      for (int[][] doc : d.counts()) {
        cr += doc[li][DocCounts.ET_CREDIT2];
        po += doc[li][DocCounts.ET_POSSIBLE];
        ac += doc[li][DocCounts.ET_ACTUAL];
      }
      ObjectNode row = freq.addObject();
      row.put("label", l);
      row.put("train_mentions", trainCount.apply(l));
      row.put("test_mentions", po);
      row.put("f1", DocCounts.spanF1(cr, po, ac));
    }
    return n;
  }

  private static boolean isSeen(RunData.DatasetData d, String s) {
    return d.train().strings().contains(s.toLowerCase(Locale.ROOT));
  }

  private static String key(String text, Mention m) {
    return m.span().of(text) + "\u0000" + m.label();
  }

  private static void putKinds(ObjectNode node, Map<ErrorKind, Integer> counts) {
    for (ErrorKind k : ErrorKind.values()) {
      node.put(k.key(), counts.getOrDefault(k, 0));
    }
  }

  private static void putTop(ArrayNode array, Map<String, Integer> counts) {
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .forEach(
            e -> {
              int cut = e.getKey().indexOf('\u0000');
              ObjectNode row = array.addObject();
              row.put("text", e.getKey().substring(0, cut));
              row.put("label", e.getKey().substring(cut + 1));
              row.put("count", e.getValue());
            });
  }

  /** The number of benchmark tokens in {@code s}. */
  static int tokens(String s) {
    Matcher m = TOKEN.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static int lengthBin(String s) {
    int t = tokens(s);
    return t <= 1 ? 0 : t == 2 ? 1 : t == 3 ? 2 : t <= 5 ? 3 : 4;
  }

  /** Gold and predicted spans per bin, and how many of each ent_type credits. */
  private static final class Bins {
    final String[] names;
    final long[] gold;
    final long[] goldCredit;
    final long[] predicted;
    final long[] predictedCredit;
    final long[] documents;

    Bins(String[] names) {
      this.names = names;
      gold = new long[names.length];
      goldCredit = new long[names.length];
      predicted = new long[names.length];
      predictedCredit = new long[names.length];
      documents = new long[names.length];
    }

    private int index(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      throw new IllegalArgumentException("no bin " + name);
    }

    void gold(String bin, boolean credit) {
      int i = index(bin);
      gold[i]++;
      goldCredit[i] += credit ? 1 : 0;
    }

    void predicted(String bin, boolean credit) {
      int i = index(bin);
      predicted[i]++;
      predictedCredit[i] += credit ? 1 : 0;
    }

    ArrayNode toJson(String binName) {
      ArrayNode a = Json.mapper().createArrayNode();
      for (int i = 0; i < names.length; i++) {
        ObjectNode row = a.addObject();
        row.put(binName, names[i]);
        row.put("gold", gold[i]);
        row.put("predicted", predicted[i]);
        double p = predicted[i] > 0 ? (double) predictedCredit[i] / predicted[i] : 0;
        double r = gold[i] > 0 ? (double) goldCredit[i] / gold[i] : 0;
        row.put("precision", p);
        row.put("recall", r);
        row.put("f1", p + r > 0 ? 2 * p * r / (p + r) : 0);
      }
      return a;
    }
  }
}
