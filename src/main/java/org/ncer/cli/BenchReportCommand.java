package org.ncer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ncer.NcerException;
import org.ncer.dataset.Datasets;
import org.ncer.model.DictionaryBaseline;
import org.ncer.report.Reports;
import org.ncer.run.RunListener;
import org.ncer.run.RunSettings;
import org.ncer.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncer bench report}: the wall time of {@code ncer report} on runs of the four test sets and
 * of {@code ncer compare} on two of them, each the median of several repetitions.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Time reading N runs of the baseline on the four test sets (gold and training splits"
          + " included), rendering their report (every pair compared with 1,000 resamples) and"
          + " comparing two of them; prints the median of several repetitions."
    })
final class BenchReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption data = new DataDirOption();

  @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "Runs (default 5).")
  int runs;

  @Option(
      names = "--repeat",
      defaultValue = "5",
      paramLabel = "K",
      description = "Repetitions of each timing; the median is printed (default 5).")
  int repeat;

  @Option(
      names = "--resamples",
      defaultValue = "1000",
      paramLabel = "B",
      description = "Bootstrap resamples (default 1000).")
  int resamples;

  @Override
  public Integer call() throws IOException {
    if (runs < 2 || repeat < 1) {
      throw new NcerException("--runs must be at least 2 and --repeat at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path tmp = Files.createTempDirectory("ncer-bench-report");
    try {
      Path first = tmp.resolve("run1");
      new Runner(Clock.systemUTC())
          .run(
              RunSettings.builder(DictionaryBaseline.NAME, Datasets.names(), data.resolve(), first)
                  .version(VersionInfo.version(), VersionInfo.commit())
                  .build(),
              new RunListener() {});
      List<Path> folders = new ArrayList<>();
      folders.add(first);
      for (int i = 2; i <= runs; i++) {
        Path copy = tmp.resolve("run" + i);
        copyTree(first, copy);
        folders.add(copy);
      }
      Reports.Options options = new Reports.Options(null, Map.of(), resamples, 1, 60);
      double[] load = new double[repeat];
      double[] report = new double[repeat];
      double[] compare = new double[repeat];
      for (int k = 0; k < repeat; k++) {
        long t = System.nanoTime();
        Reports.Loaded loaded = Reports.load(folders, options, true);
        load[k] = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        Reports.write(loaded, tmp.resolve("report"), options);
        report[k] = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        Reports.compare(loaded, 0, 1, options);
        compare[k] = (System.nanoTime() - t) / 1e9;
      }
      out.printf(
          Locale.ROOT,
          "load    %d run folders with gold and training splits: median %.3f s (of %d; min %.3f"
              + " s)%n",
          runs,
          median(load),
          repeat,
          Arrays.stream(load).min().orElse(0));
      long size = Files.size(tmp.resolve("report").resolve("report.html"));
      out.printf(
          Locale.ROOT,
          "render  %d runs x %d datasets, %d resamples per pair: median %.3f s (of %d; min %.3f s),"
              + " report.html %d KB%n",
          runs,
          Datasets.names().size(),
          resamples,
          median(report),
          repeat,
          Arrays.stream(report).min().orElse(0),
          size / 1024);
      out.printf(
          Locale.ROOT,
          "compare 2 runs x %d datasets, %d resamples: median %.3f s (of %d; min %.3f s)%n",
          Datasets.names().size(),
          resamples,
          median(compare),
          repeat,
          Arrays.stream(compare).min().orElse(0));
      return Main.OK;
    } finally {
      deleteTree(tmp);
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
