package org.ncer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.align.Answer;
import org.ncer.align.Grounded;
import org.ncer.align.GroundedDocument;
import org.ncer.align.Grounder;
import org.ncer.align.GroundingTally;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.extract.LabelResolver;
import org.ncer.prompt.OutputFormat;
import org.ncer.span.Mention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncer bench ground}: the speed of parsing and grounding, measured on a dataset's gold
 * strings as if a model had answered them, with a recall check of the grounding.
 */
@Command(
    name = "ground",
    description = {
      "Time parsing and grounding the gold strings of a dataset split, as if a model had answered"
          + " them with one JSON object per document (--answers json) or by echoing each document"
          + " with every gold mention tagged (--answers echo), and check how many gold mentions"
          + " come back."
    },
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class)
final class BenchGroundCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDirOption;

  @Option(
      names = "--dataset",
      defaultValue = "bc5cdr",
      paramLabel = "NAME",
      description = "Built-in dataset (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "SPLIT",
      description = "Split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--aligner",
      defaultValue = "smart",
      paramLabel = "NAME",
      description = "smart or compat (default: ${DEFAULT-VALUE}).")
  String aligner;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      paramLabel = "N",
      description =
          "Timed rounds over the whole split; the first warms the JVM up (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--answers",
      defaultValue = "json",
      paramLabel = "STYLE",
      description =
          "json (one object of gold strings per document) or echo (the document echoed with every"
              + " gold mention in a span tag, nested ones left out) (default: ${DEFAULT-VALUE}).")
  String answers;

  @Option(
      names = "--join",
      defaultValue = "1",
      paramLabel = "K",
      description =
          "Join every K consecutive documents into one, to see how the time grows with note"
              + " length (default: ${DEFAULT-VALUE}).")
  int join;

  @Option(
      names = "--unfound",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Add N strings per document that are not in it (a word window with a letter changed),"
              + " as hallucinations that send every string through the slow steps (json only)"
              + " (default: ${DEFAULT-VALUE}).")
  int unfound;

  @Option(
      names = "--fuzzy",
      paramLabel = "THRESHOLD",
      description = "With smart, the fuzzy threshold (off by default).")
  Double fuzzy;

  @Override
  public Integer call() {
    if (rounds < 1) {
      throw new NcerException("--rounds must be at least 1, got " + rounds);
    }
    if (join < 1) {
      throw new NcerException("--join must be at least 1, got " + join);
    }
    boolean echo =
        switch (answers.strip().toLowerCase(Locale.ROOT)) {
          case "json" -> false;
          case "echo" -> true;
          default ->
              throw new NcerException(
                  "--answers '" + answers + "' is unknown; expected json or echo");
        };
    Dataset ds = joined(Datasets.load(dataDirOption.resolve(), dataset, split), join);
    Grounder grounder =
        new Grounder(
            GroundCommand.aligner(aligner, fuzzy),
            LabelResolver.of(ds.labels()),
            echo ? OutputFormat.HTML : OutputFormat.AUTO);
    List<String> answers = new ArrayList<>();
    int strings = 0;
    for (Document d : ds.documents()) {
      if (echo) {
        String tagged = echo(d);
        answers.add(tagged);
        strings += (tagged.length() - d.text().length()) > 0 ? count(tagged, "<span ") : 0;
        continue;
      }
      ObjectNode answer = answer(d, ds.labels());
      if (unfound > 0) {
        ArrayNode extra = (ArrayNode) answer.get(ds.labels().get(0));
        unfound(d.text(), unfound).forEach(extra::add);
      }
      answers.add(answer.toString());
      for (var field : answer.properties()) {
        strings += field.getValue().size();
      }
    }
    long[] nanos = new long[rounds];
    List<GroundedDocument> results = List.of();
    for (int r = 0; r < rounds; r++) {
      List<GroundedDocument> round = new ArrayList<>(ds.documents().size());
      long t0 = System.nanoTime();
      for (int i = 0; i < answers.size(); i++) {
        Document d = ds.documents().get(i);
        round.add(grounder.ground(d.text(), List.of(Answer.allLabels(answers.get(i)))));
      }
      nanos[r] = System.nanoTime() - t0;
      results = round;
    }
    report(spec.commandLine().getOut(), ds, strings, nanos, results);
    return Main.OK;
  }

  /** The documents of {@code ds}, every {@code k} consecutive ones joined into one. */
  private static Dataset joined(Dataset ds, int k) {
    if (k == 1) {
      return ds;
    }
    List<Document> docs = new ArrayList<>();
    List<Document> all = ds.documents();
    for (int i = 0; i < all.size(); i += k) {
      StringBuilder text = new StringBuilder();
      List<Mention> mentions = new ArrayList<>();
      for (Document d : all.subList(i, Math.min(all.size(), i + k))) {
        if (text.length() > 0) {
          text.append('\n');
        }
        int shift = text.length();
        for (Mention m : d.mentions()) {
          mentions.add(Mention.of(m.start() + shift, m.end() + shift, m.label()));
        }
        text.append(d.text());
      }
      docs.add(new Document(all.get(i).id(), text.toString(), mentions));
    }
    return new Dataset(ds.name(), ds.split(), ds.labels(), docs);
  }

  /**
   * A model's perfect echo: the text with each gold mention in a span tag, nested ones left out.
   */
  private static String echo(Document d) {
    List<Mention> sorted = new ArrayList<>(d.mentions());
    sorted.sort(Mention.BY_POSITION);
    StringBuilder b = new StringBuilder(d.text().length() * 2);
    int pos = 0;
    for (Mention m : sorted) {
      if (m.start() < pos) {
        continue;
      }
      b.append(d.text(), pos, m.start())
          .append("<span class=\"")
          .append(m.label())
          .append("\">")
          .append(d.textOf(m))
          .append("</span>");
      pos = m.end();
    }
    return b.append(d.text(), pos, d.text().length()).toString();
  }

  /** {@code n} strings that are not in {@code text}: windows of its words with a letter added. */
  private static List<String> unfound(String text, int n) {
    String[] words = text.split("\\s+");
    java.util.Random random = new java.util.Random(text.length());
    List<String> out = new ArrayList<>();
    for (int attempt = 0; out.size() < n && attempt < n * 4 && words.length > 0; attempt++) {
      int from = random.nextInt(words.length);
      int to = Math.min(words.length, from + 1 + random.nextInt(3));
      String s = String.join(" ", Arrays.asList(words).subList(from, to));
      int at = s.length() / 2;
      String changed = s.substring(0, at) + "qz" + s.substring(at);
      if (!text.contains(changed)) {
        out.add(changed);
      }
    }
    return out;
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  /** A model's perfect answer: the document's distinct gold strings under their labels. */
  private static ObjectNode answer(Document d, List<String> labels) {
    Map<String, Set<String>> byLabel = new LinkedHashMap<>();
    labels.forEach(l -> byLabel.put(l, new LinkedHashSet<>()));
    for (Mention m : d.mentions()) {
      byLabel.computeIfAbsent(m.label(), k -> new LinkedHashSet<>()).add(d.textOf(m));
    }
    ObjectNode answer = Json.mapper().createObjectNode();
    byLabel.forEach(
        (label, texts) -> {
          ArrayNode a = answer.putArray(label);
          texts.forEach(a::add);
        });
    return answer;
  }

  private void report(
      PrintWriter out, Dataset ds, int strings, long[] nanos, List<GroundedDocument> results) {
    GroundingTally tally = new GroundingTally();
    int gold = 0;
    int recovered = 0;
    int extra = 0;
    for (int i = 0; i < results.size(); i++) {
      GroundedDocument g = results.get(i);
      tally.add(g);
      Set<Mention> goldSet = new HashSet<>(ds.documents().get(i).mentions());
      Set<Mention> found = new HashSet<>();
      for (Grounded m : g.mentions()) {
        found.add(m.mention());
      }
      gold += goldSet.size();
      for (Mention m : goldSet) {
        if (found.contains(m)) {
          recovered++;
        }
      }
      for (Mention m : found) {
        if (!goldSet.contains(m)) {
          extra++;
        }
      }
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    out.printf(
        Locale.ROOT,
        "bench ground: %s %s, %d documents (mean %d characters), %d distinct gold mentions, %d"
            + " answer strings (%s), aligner %s%n",
        ds.name(),
        ds.split(),
        ds.documents().size(),
        ds.documents().isEmpty()
            ? 0
            : ds.documents().stream().mapToInt(d -> d.text().length()).sum()
                / ds.documents().size(),
        gold,
        strings,
        answers,
        aligner);
    out.printf(
        Locale.ROOT,
        "time (parse and ground, one thread): best %.1f ms, median %.1f ms, first %.1f ms, over"
            + " %d rounds%n",
        sorted[0] / 1e6,
        sorted[sorted.length / 2] / 1e6,
        nanos[0] / 1e6,
        nanos.length);
    out.printf(
        Locale.ROOT,
        "recall: %d of %d gold mentions recovered (%.2f%%); %d spans beyond gold; %s%n",
        recovered,
        gold,
        gold == 0 ? 0.0 : 100.0 * recovered / gold,
        extra,
        tally.summary());
  }
}
