package org.ncer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ncer.model.ResponseCache;
import org.ncer.run.ExperimentConfig;
import org.ncer.run.ExperimentIndex;
import org.ncer.run.ExperimentRunner;

/** {@code ncer run --config FILE}: runs, resumes or prices an experiment's matrix of runs. */
final class ExperimentRun {
  private ExperimentRun() {}

  /**
   * @param out the experiment folder; null for {@code experiments/<name>}
   * @param repeats overrides the file's repeats; null keeps them
   * @param cache the shared response cache; null for the default
   */
  static int run(
      Path config,
      Path out,
      Integer repeats,
      boolean dryRun,
      Path dataDir,
      Path cache,
      boolean noCache,
      Path prices,
      boolean quiet,
      PrintWriter stdout,
      PrintWriter err) {
    ExperimentConfig c = ExperimentConfig.read(config);
    if (repeats != null) {
      c = c.withRepeats(repeats);
    }
    Path folder = out != null ? out : Path.of("experiments", c.name());
    Map<String, String> env = System.getenv();
    Path cacheDir =
        noCache
            ? null
            : cache != null
                ? cache
                : ResponseCache.defaultDir(env, Path.of(System.getProperty("user.home")));
    ExperimentRunner.Options options =
        new ExperimentRunner.Options(
            dataDir, cacheDir, prices, VersionInfo.version(), VersionInfo.commit(), env);
    ExperimentRunner runner = new ExperimentRunner(Clock.systemUTC(), null);
    if (dryRun) {
      printDryRun(stdout, c, runner.dryRun(c, folder, options));
      return Main.OK;
    }
    int total = ExperimentRunner.cells(c).size();
    int[] ended = {0};
    ExperimentRunner.Result result =
        runner.run(
            c,
            folder,
            options,
            r -> {
              if (!quiet) {
                synchronized (ended) {
                  ended[0]++;
                  err.printf(
                      Locale.ROOT,
                      "[%d/%d] %s: %s%s%n",
                      ended[0],
                      total,
                      r.cell().id(),
                      r.status().key(),
                      r.message() == null ? "" : " (" + r.message() + ")");
                  err.flush();
                }
              }
            });
    printSummary(stdout, result);
    if (result.failed()) {
      long bad = result.cells().stream().filter(x -> !x.succeeded()).count();
      err.println(
          "ncer: experiment failed: "
              + bad
              + " of "
              + result.cells().size()
              + " cells did not finish; run the same command again to resume them");
      return Main.FAILED;
    }
    return Main.OK;
  }

  private static void printDryRun(
      PrintWriter out, ExperimentConfig c, ExperimentRunner.DryRun dry) {
    out.println(
        "Dry run of experiment "
            + c.name()
            + " ("
            + dry.cells().size()
            + " cells): nothing is called and nothing written.");
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("cell", "calls", "input tokens", "input cost"));
    for (ExperimentRunner.PricedCell p : dry.cells()) {
      t.add(
          List.of(
              p.cell().id(),
              Long.toString(p.calls()),
              Long.toString(p.tokens()),
              cost(p.costUsd(), p.calls())));
    }
    t.add(
        List.of(
            "total",
            Long.toString(dry.calls()),
            Long.toString(dry.tokens()),
            cost(dry.costUsd(), dry.calls())));
    Table.print(out, t);
    out.println("Costs are of input tokens only; answers (output tokens) come on top.");
  }

  private static String cost(Optional<Double> usd, long calls) {
    if (usd.isPresent()) {
      return String.format(Locale.ROOT, "$%.4f", usd.get());
    }
    return calls == 0 ? "$0.0000" : "unknown (no price; see --prices)";
  }

  private static void printSummary(PrintWriter out, ExperimentRunner.Result result) {
    out.println("Experiment folder: " + result.folder());
    out.println(
        "F1 x 100, mean ± sd over repeats; span F1 is span partial (ent_type), token F1 token"
            + " macro, strict F1 span exact (strict)");
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("model", "prompt", "dataset", "runs", "span F1", "token F1", "strict F1"));
    for (ExperimentIndex.Group g : result.index().summary()) {
      t.add(
          List.of(
              g.model(),
              g.prompt() == null ? "-" : g.prompt(),
              g.dataset(),
              Integer.toString(g.runs()),
              meanSd(g.metrics().get("span_ent_type_f1")),
              meanSd(g.metrics().get("token_macro_f1")),
              meanSd(g.metrics().get("span_strict_f1"))));
    }
    Table.print(out, t);
  }

  private static String meanSd(ExperimentIndex.Stat s) {
    if (s == null) {
      return "-";
    }
    String mean = String.format(Locale.ROOT, "%.2f", 100 * s.mean());
    return s.sd() == null ? mean : mean + String.format(Locale.ROOT, " ± %.2f", 100 * s.sd());
  }
}
