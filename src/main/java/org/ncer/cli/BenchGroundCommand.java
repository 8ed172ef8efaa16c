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
          + " them with one JSON object per document, and check how many gold mentions come back."
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

  @Override
  public Integer call() {
    if (rounds < 1) {
      throw new NcerException("--rounds must be at least 1, got " + rounds);
    }
    Dataset ds = Datasets.load(dataDirOption.resolve(), dataset, split);
    Grounder grounder =
        new Grounder(
            GroundCommand.aligner(aligner, null), LabelResolver.of(ds.labels()), OutputFormat.AUTO);
    List<String> answers = new ArrayList<>();
    int strings = 0;
    for (Document d : ds.documents()) {
      ObjectNode answer = answer(d, ds.labels());
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
        "bench ground: %s %s, %d documents, %d distinct gold mentions, %d answer strings,"
            + " aligner %s%n",
        ds.name(),
        ds.split(),
        ds.documents().size(),
        gold,
        strings,
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
