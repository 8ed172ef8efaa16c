package org.ncer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ncer.NcerException;
import org.ncer.dataset.Datasets;
import org.ncer.model.DictionaryBaseline;
import org.ncer.model.ResponseCache;
import org.ncer.model.Sampling;
import org.ncer.run.FailureBudget;
import org.ncer.run.RunPlan;
import org.ncer.run.RunSettings;
import org.ncer.run.Runner;
import org.ncer.run.Subset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code ncer run}: evaluates a model on datasets and writes a run folder. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "run",
    description = {
      "Evaluate a model on datasets and write a run folder with predictions, metrics, the call"
          + " journal, manifest.json and the leaderboard's results.json.",
      "With no model given, evaluates the offline baseline:dictionary on the four test splits.",
      "replay:PATH grounds and scores the answers recorded in an earlier run folder again.",
      "Exit codes: 0 done; 1 the run finished but failed (too many failed calls, no usable"
          + " answer); 2 bad input, or the endpoint refused the key, access or model."
    })
final class RunCommand implements Callable<Integer> {
  private static final List<String> PROMPT_OPTIONS =
      List.of("--prompt", "--mode", "--output", "--aligner", "--max-chars");
  private static final List<String> CALL_OPTIONS =
      List.of(
          "--temperature",
          "--seed",
          "--max-tokens",
          "--endpoint",
          "--base-url",
          "--api-key-env",
          "--endpoints",
          "--concurrency",
          "--rpm",
          "--tpm",
          "--timeout",
          "--cache",
          "--allow-remote");

  @Spec CommandSpec spec;

  @Mixin DataDirOption data = new DataDirOption();

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "Model to evaluate: baseline:dictionary (default, offline), replay:PATH (the answers"
              + " recorded in a run folder, grounded and scored again), openai:NAME (an"
              + " OpenAI-compatible endpoint) or ollama:NAME.",
      defaultValue = DictionaryBaseline.NAME)
  String model;

  @Option(
      names = "--dataset",
      paramLabel = "N",
      description =
          "Dataset key (ncbi, chia, biored, bc5cdr) or a .jsonl file; repeatable (default: all four).")
  List<String> datasets;

  @Mixin SplitOptions splitOptions = new SplitOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run folder to create, or to continue with --resume (default: runs/<timestamp>-<model>/).")
  Path out;

  @Mixin MatchingOption matching = new MatchingOption();

  @Option(
      names = "--prompt",
      paramLabel = "P",
      description =
          "Prompt of models that answer with text: a shipped name (see 'ncer prompts list') or a"
              + " .yaml/.jinja file (default: json-all-labels).")
  String prompt;

  @Mixin PromptOverrides overrides = new PromptOverrides();

  @Option(
      names = "--aligner",
      paramLabel = "NAME",
      defaultValue = "smart",
      description =
          "How answer strings are grounded: smart (default) or compat (the benchmark's mapping).")
  String aligner;

  @Option(
      names = "--max-chars",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Split a note into chunks so that each rendered prompt stays within N characters"
              + " (default: 0, never split).")
  int maxChars;

  @Mixin EndpointOptions endpoint = new EndpointOptions();

  @Option(
      names = "--temperature",
      paramLabel = "T",
      defaultValue = "0",
      description = "Sampling temperature, 0 to 2 (default: 0).")
  double temperature;

  @Option(names = "--seed", paramLabel = "N", description = "Seed passed to APIs that take one.")
  Integer seed;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "The longest answer in tokens (default: the provider's).")
  Integer maxTokens;

  @Option(
      names = "--dry-run",
      description =
          "Plan the run and print its calls, estimated input tokens and cost; call nothing, write"
              + " nothing.")
  boolean dryRun;

  @Option(
      names = "--resume",
      description =
          "Continue the run in --out: ask only the calls its journal does not settle. A call the"
              + " journal records as failed stays failed, unless it stopped the run (a rejected"
              + " key, no access, an unknown model) or --retry-failed is given.")
  boolean resume;

  @Option(
      names = "--retry-failed",
      description = "With --resume: ask again the calls the journal records as failed.")
  boolean retryFailed;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Answer cache shared by runs (default: $XDG_CACHE_HOME/ncer, else ~/.cache/ncer).")
  Path cache;

  @Option(names = "--no-cache", description = "Neither read nor write the answer cache.")
  boolean noCache;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Evaluate the first N documents of each dataset (a subset).")
  Integer limit;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "Evaluate N documents of each dataset drawn by --sample-seed (a subset).")
  Integer sample;

  @Option(
      names = "--sample-seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Seed of --sample (default: 0).")
  long sampleSeed;

  @Option(
      names = "--max-failures",
      paramLabel = "N|P%",
      description =
          "Exit 1 when more calls than this fail, a count or a percentage (default: no limit).")
  String maxFailures;

  @Option(
      names = "--allow-modified-data",
      description =
          "Read dataset files that differ from the release (the run is marked not comparable"
              + " everywhere) instead of stopping.")
  boolean allowModifiedData;

  @Option(
      names = "--allow-remote",
      description = "Send datasets marked 'remote: forbidden' to an endpoint off this machine.")
  boolean allowRemote;

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description = "Prices file replacing the shipped config/prices.yaml.")
  Path prices;

  @Option(names = "--quiet", description = "Print no progress on standard error.")
  boolean quiet;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Run an experiment: the matrix of datasets x models x prompts (x repeats) in FILE"
              + " (e.g. config/experiments/baseline.yaml), each cell (one model and prompt, once, on"
              + " every dataset) a run folder under --out (default: experiments/<name>/); the same"
              + " command again resumes it.")
  Path config;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      description =
          "With --config: run each model and prompt N times (seed, seed+1, ...) and report each"
              + " metric's mean and standard deviation.")
  Integer repeats;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outWriter = spec.commandLine().getOut();
    if (config != null || repeats != null) {
      return experiment(outWriter, err);
    }
    refuseInapplicable();
    RunSettings settings = settings(out != null ? out : defaultFolder(model));
    Runner runner = new Runner(Clock.systemUTC());
    if (dryRun) {
      printDryRun(outWriter, runner.dryRun(settings));
      return Main.OK;
    }
    RunProgress progress = new RunProgress(err, quiet, System.console() != null);
    Runner.RunResult result;
    try {
      result = runner.run(settings, progress);
    } finally {
      progress.end();
    }
    RunSummary.print(outWriter, result.folder(), result.manifest());
    if (result.failed()) {
      for (String problem : result.problems()) {
        err.println("ncer: run failed: " + problem);
      }
      return Main.FAILED;
    }
    return Main.OK;
  }

  private static final List<String> EXPERIMENT_OPTIONS =
      List.of(
          "--config",
          "--repeats",
          "--out",
          "--dry-run",
          "--data-dir",
          "--cache",
          "--no-cache",
          "--prices",
          "--quiet");

  private int experiment(PrintWriter outWriter, PrintWriter err) {
    if (config == null) {
      throw new NcerException("--repeats needs an experiment: give --config FILE");
    }
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> given =
        parsed.matchedOptions().stream()
            .map(o -> o.longestName())
            .filter(n -> !EXPERIMENT_OPTIONS.contains(n))
            .distinct()
            .toList();
    if (!given.isEmpty()) {
      throw new NcerException(
          String.join(", ", given) + " cannot be given with --config; set it in " + config);
    }
    if (cache != null && noCache) {
      throw new NcerException("--cache and --no-cache contradict each other; give one");
    }
    return ExperimentRun.run(
        config,
        out,
        repeats,
        dryRun,
        data.resolve(),
        cache,
        noCache,
        prices,
        quiet,
        outWriter,
        err);
  }

  private void refuseInapplicable() {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> refused = new ArrayList<>();
    if (model.equals(DictionaryBaseline.NAME)) {
      refused.addAll(PROMPT_OPTIONS);
      refused.addAll(CALL_OPTIONS);
    } else if (model.startsWith("replay:")) {
      refused.addAll(CALL_OPTIONS);
    }
    List<String> given = refused.stream().filter(parsed::hasMatchedOption).toList();
    if (!given.isEmpty()) {
      throw new NcerException(
          String.join(", ", given)
              + (given.size() == 1 ? " does" : " do")
              + " not apply to "
              + (model.startsWith("replay:") ? "replay: (it makes no call)" : model));
    }
    if (limit != null && sample != null) {
      throw new NcerException("--limit and --sample choose a subset two ways; give one");
    }
    if (cache != null && noCache) {
      throw new NcerException("--cache and --no-cache contradict each other; give one");
    }
    if (retryFailed && !resume) {
      throw new NcerException(
          "--retry-failed asks again the failed calls of a started run; give it with --resume");
    }
  }

  private RunSettings settings(Path folder) {
    Sampling sampling;
    try {
      sampling = new Sampling(temperature, seed, maxTokens);
    } catch (IllegalArgumentException e) {
      throw new NcerException(e.getMessage(), e);
    }
    Subset subset;
    try {
      subset =
          limit != null
              ? Subset.limit(limit)
              : sample != null ? Subset.sample(sample, sampleSeed) : null;
    } catch (IllegalArgumentException e) {
      throw new NcerException((limit != null ? "--limit: " : "--sample: ") + e.getMessage(), e);
    }
    boolean hosted = !model.equals(DictionaryBaseline.NAME) && !model.startsWith("replay:");
    Path cacheDir = null;
    if (hosted && !noCache) {
      cacheDir =
          cache != null
              ? cache
              : ResponseCache.defaultDir(System.getenv(), Path.of(System.getProperty("user.home")));
    }
    return RunSettings.builder(
            model,
            datasets == null || datasets.isEmpty() ? Datasets.names() : datasets,
            data.resolve(),
            folder)
        .labels(splitOptions.labels)
        .split(splitOptions.split)
        .matching(matching.matching)
        .prompt(prompt)
        .mode(overrides.mode())
        .output(overrides.output())
        .markup(overrides.markup())
        .aligner(aligner)
        .maxChars(maxChars)
        .version(VersionInfo.version(), VersionInfo.commit())
        .sampling(sampling)
        .endpoint(hosted ? endpoint.settings(model, System.getenv()) : null)
        .cacheDir(cacheDir)
        .resume(resume)
        .retryFailed(retryFailed)
        .subset(subset)
        .maxFailures(
            maxFailures == null ? FailureBudget.UNLIMITED : FailureBudget.parse(maxFailures))
        .allowRemote(allowRemote)
        .allowModifiedData(allowModifiedData)
        .prices(prices)
        .build();
  }

  private static void printDryRun(PrintWriter out, Runner.DryRun dry) {
    RunPlan plan = dry.plan();
    out.println("Dry run of " + plan.model() + ": nothing is called and nothing written.");
    for (RunPlan.PlannedDataset d : plan.datasets()) {
      out.printf(
          Locale.ROOT,
          "  %s/%s: %d documents, %d calls, about %d input tokens%n",
          d.key(),
          d.dataset().split(),
          d.dataset().documents().size(),
          d.calls(),
          d.estimatedTokens());
    }
    out.printf(
        Locale.ROOT,
        "Total: %d calls, about %d input tokens (%s)%n",
        plan.calls(),
        plan.estimatedTokens(),
        plan.estimator());
    out.println(
        "Estimated input cost: "
            + dry.inputCostUsd()
                .map(c -> String.format(Locale.ROOT, "$%.4f", c))
                .orElse("unknown (no price for " + plan.model() + "; see --prices)")
            + "; answers (output tokens) come on top.");
  }

  static Path defaultFolder(String model) {
    String stamp =
        LocalDateTime.now(java.time.ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    return Path.of("runs", stamp + "-" + model.replaceAll("[^A-Za-z0-9._-]+", "-"));
  }

  /** Used by the summary: the value of a manifest field as text. */
  static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? "" : node.asText();
  }
}
