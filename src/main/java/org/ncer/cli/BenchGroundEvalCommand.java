package org.ncer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ncer.NcerException;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.eval.AnswerStyle;
import org.ncer.eval.EvalCase;
import org.ncer.eval.EvalSet;
import org.ncer.eval.GroundEval;
import org.ncer.eval.GroundEval.Counts;
import org.ncer.eval.GroundEval.Method;
import org.ncer.eval.GroundEval.Outcome;
import org.ncer.eval.GroundEval.Row;
import org.ncer.score.SchemaScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncer bench ground-eval}: the evaluation set of echoed and listed answers, grounded with
 * smart and compat, style by style.
 */
@Command(
    name = "ground-eval",
    description = {
      "Make answers in the styles real models use (echoes with highlight tags or marks, wrappers,"
          + " rewrites of the echo, lists) from a dataset split's own notes and gold mentions,"
          + " ground them with smart and compat (and the benchmark's HTML parser, restated, on the"
          + " echoes), and print span F1 and the status counts per style.",
      "The answers and rewrites are ncer's own: the figures measure the grounding rules against"
          + " known rewrites, not against real model answers."
    },
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class)
final class BenchGroundEvalCommand implements Callable<Integer> {
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
      defaultValue = "dev",
      paramLabel = "SPLIT",
      description = "Split; not test, so that nothing is tuned on it (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--limit",
      defaultValue = "0",
      paramLabel = "N",
      description = "The first N documents of the split; 0 for all (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Seed of the answers' random choices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--styles",
      split = ",",
      paramLabel = "STYLE",
      description = "Only these styles, e.g. span-class,json-object (default: all).")
  List<String> styles;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new NcerException("--limit must be 0 (all) or more, got " + limit);
    }
    List<AnswerStyle> chosen = new ArrayList<>();
    if (styles == null) {
      chosen.addAll(AnswerStyle.all());
    } else {
      for (String s : styles) {
        chosen.add(
            AnswerStyle.fromKey(s)
                .orElseThrow(
                    () ->
                        new NcerException(
                            "--styles: unknown style '"
                                + s
                                + "'; known: "
                                + String.join(
                                    ", ",
                                    AnswerStyle.all().stream().map(AnswerStyle::key).toList()))));
      }
    }
    Dataset full = Datasets.load(dataDirOption.resolve(), dataset, split);
    List<org.ncer.dataset.Document> docs = full.documents();
    if (limit > 0 && limit < docs.size()) {
      docs = docs.subList(0, limit);
    }
    Dataset slice = new Dataset(full.name(), full.split(), full.labels(), docs);
    long t0 = System.nanoTime();
    List<EvalCase> cases = EvalSet.generate(slice, seed, chosen);
    List<Row> rows = GroundEval.evaluate(cases, slice.labels());
    double seconds = (System.nanoTime() - t0) / 1e9;
    report(spec.commandLine().getOut(), full, slice, cases, rows, seconds);
    return Main.OK;
  }

  private void report(
      PrintWriter out,
      Dataset full,
      Dataset slice,
      List<EvalCase> cases,
      List<Row> rows,
      double seconds) {
    int answers = cases.stream().mapToInt(c -> c.answers().size()).sum();
    out.printf(
        Locale.ROOT,
        "bench ground-eval: %s %s, documents 1-%d of %d, seed %d; %d styles, %d answers, %.1f s%n",
        full.name(),
        full.split(),
        slice.documents().size(),
        full.documents().size(),
        seed,
        rows.size(),
        answers,
        seconds);
    out.println(
        "The answers and their rewrites are ncer's own, made from the notes and their gold"
            + " mentions: the figures measure the grounding rules against known rewrites, not"
            + " against real model answers.");
    out.println();
    out.println(
        "Span F1 x 100, leaderboard matching, against the mentions the answers mark or name"
            + " (- where there are none); bench-html is the benchmark's HTML parser, restated.");
    out.printf(
        Locale.ROOT,
        "%-22s %-9s %6s %6s | %7s %7s %7s | %7s %7s %7s%n",
        "style",
        "group",
        "docs",
        "gold",
        "strict",
        "",
        "",
        "ent_typ",
        "",
        "");
    out.printf(
        Locale.ROOT,
        "%-22s %-9s %6s %6s | %7s %7s %7s | %7s %7s %7s%n",
        "",
        "",
        "",
        "",
        "smart",
        "compat",
        "b-html",
        "smart",
        "compat",
        "b-html");
    int lower = 0;
    List<String> lowerStyles = new ArrayList<>();
    for (Row r : rows) {
      Outcome smart = r.of(Method.SMART);
      Outcome compat = r.of(Method.COMPAT);
      Outcome bench = r.of(Method.BENCHMARK_HTML);
      out.printf(
          Locale.ROOT,
          "%-22s %-9s %6d %6d | %7s %7s %7s | %7s %7s %7s%n",
          r.style().key(),
          r.style().group().key(),
          smart.counts().documents(),
          smart.counts().gold(),
          f1(smart.strict()),
          f1(compat.strict()),
          bench == null ? "" : f1(bench.strict()),
          f1(smart.entType()),
          f1(compat.entType()),
          bench == null ? "" : f1(bench.entType()));
      if (smart.strict().possible() > 0 && smart.strict().f1() < compat.strict().f1()) {
        lower++;
        lowerStyles.add(r.style().key());
      }
    }
    out.println();
    out.println(
        "Strings by status (ok: exact, case or normalized; other: empty, no or unknown label);"
            + " unfaithful: grounded spans whose text is not their string up to case, spacing,"
            + " dashes and quotes, with no status that says so.");
    out.printf(
        Locale.ROOT,
        "%-22s %-7s %7s %6s %7s %6s %8s %8s %9s %9s %10s %5s %10s %7s%n",
        "style",
        "aligner",
        "answers",
        "failed",
        "ok",
        "search",
        "rewrite",
        "near-mis",
        "not-found",
        "predicted",
        "unlabelled",
        "other",
        "unfaithful",
        "outside");
    int unfaithfulSmart = 0;
    int unfaithfulCompat = 0;
    int outside = 0;
    for (Row r : rows) {
      for (Method m : List.of(Method.SMART, Method.COMPAT)) {
        Counts c = r.of(m).counts();
        out.printf(
            Locale.ROOT,
            "%-22s %-7s %7d %6d %7d %6d %8d %8d %9d %9d %10d %5d %10d %7d%n",
            r.style().key(),
            m.key(),
            c.answers(),
            c.failed(),
            c.ok(),
            c.searched(),
            c.rewritten(),
            c.nearMiss(),
            c.notFound(),
            c.predicted(),
            c.unlabelled(),
            c.otherUnaligned(),
            c.unfaithful(),
            c.outside());
        outside += c.outside();
        if (m == Method.SMART) {
          unfaithfulSmart += c.unfaithful();
        } else {
          unfaithfulCompat += c.unfaithful();
        }
      }
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "smart below compat in strict F1: %d style(s)%s; unfaithful spans: smart %d, compat %d;"
            + " spans outside the note: %d%n",
        lower,
        lowerStyles.isEmpty() ? "" : " (" + String.join(", ", lowerStyles) + ")",
        unfaithfulSmart,
        unfaithfulCompat,
        outside);
  }

  private static String f1(SchemaScore s) {
    return s.possible() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", 100 * s.f1());
  }
}
