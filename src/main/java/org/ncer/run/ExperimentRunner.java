package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.model.Attempt;
import org.ncer.model.CallScheduler;
import org.ncer.model.ChatEndpoint;
import org.ncer.model.ChatRequest;
import org.ncer.model.EndpointSettings;
import org.ncer.model.Endpoints;
import org.ncer.model.Sampling;
import org.ncer.model.TokenEstimator;
import org.ncer.score.Matching;

/**
 * Runs every cell of an experiment as an ordinary run folder under one experiment folder, and keeps
 * its index, {@link ExperimentIndex}, up to date as cells finish. A cell is one model and prompt,
 * once (one repeat), on every dataset of the experiment, so that a cell's run folder holds
 * everything one row of a report shows.
 *
 * <p>Cells of the same endpoint share one opened endpoint and one {@link CallScheduler}, so the
 * endpoint's concurrency, request and token limits hold for the experiment as a whole; all cells
 * share the response cache. Up to {@link ExperimentConfig#parallel()} cells run at once.
 *
 * <p>Running the same experiment into the same folder again skips the cells that finished (with the
 * same model, prompt, datasets and seed), resumes the started ones from their journals and starts
 * the others. A cell's failure stops only that cell, unless it is a failure no call of that
 * endpoint can escape (bad key, no access, unknown model): then the endpoint's scheduler stops and
 * its cells not yet started are marked {@code stopped}.
 */
public final class ExperimentRunner {
  /** The index file of an experiment folder. */
  public static final String INDEX = ExperimentIndex.FILE;

  private final Clock clock;
  private final Runner.EndpointOpener opener;

  /**
   * @param opener opens hosted endpoints; null for {@link Endpoints#open}
   */
  public ExperimentRunner(Clock clock, Runner.EndpointOpener opener) {
    this.clock = clock;
    this.opener = opener;
  }

  /**
   * What every cell is run with besides the experiment file.
   *
   * @param dataDir the folder of the original dataset files
   * @param cacheDir the response cache shared by all cells; null for none
   * @param prices a prices file replacing the shipped one; null for it
   * @param version the ncer version recorded in each manifest
   * @param commit the commit recorded in each manifest
   * @param env the environment API keys are read from
   */
  public record Options(
      Path dataDir,
      Path cacheDir,
      Path prices,
      String version,
      String commit,
      Map<String, String> env) {
    public Options {
      env = Map.copyOf(env);
    }
  }

  /**
   * One run of the matrix: a model and prompt on every dataset of the experiment, once.
   *
   * @param id the cell's name, also its folder under {@code cells/}
   * @param group the model and prompt the cell repeats: its id without the repeat
   * @param prompt the prompt; null for the default or a model that takes none
   * @param datasets every dataset of the experiment
   * @param seed the seed sent with every call; null for none
   */
  public record Cell(
      String id,
      String group,
      ExperimentConfig.ModelEntry model,
      String prompt,
      List<String> datasets,
      int repeat,
      Integer seed) {
    public Cell {
      datasets = List.copyOf(datasets);
    }

    public String folder() {
      return "cells/" + id;
    }
  }

  /** A cell's planned calls, estimated input tokens and their cost (empty when unpriced). */
  public record PricedCell(Cell cell, long calls, long tokens, Optional<Double> costUsd) {}

  /** The whole matrix priced; the total cost is empty when some hosted cell has no price. */
  public record DryRun(List<PricedCell> cells, long calls, long tokens, Optional<Double> costUsd) {}

  /**
   * How a cell ended.
   *
   * @param status how it stands in the index
   * @param message why it failed, errored or stopped; null otherwise
   * @param metrics per dataset key, the cell's headline metrics; empty when it has none
   */
  public record CellResult(
      Cell cell,
      ExperimentIndex.Status status,
      String message,
      Map<String, Map<String, Double>> metrics) {
    public boolean succeeded() {
      return status.finished();
    }
  }

  /** The outcome of the experiment: each cell's and the index written. */
  public record Result(Path folder, List<CellResult> cells, ExperimentIndex index) {
    public boolean failed() {
      return cells.stream().anyMatch(c -> !c.succeeded());
    }
  }

  /**
   * Every cell of {@code c}, in the order model, prompt, repeat; each cell runs every dataset. A
   * model and prompt whose name is taken already (a model listed twice, on two endpoints, say) gets
   * {@code -2}, {@code -3} after it, so that every cell has its own folder.
   */
  public static List<Cell> cells(ExperimentConfig c) {
    List<Cell> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ExperimentConfig.ModelEntry m : c.models()) {
      List<String> prompts = c.prompts();
      // A model that answers without a prompt has one cell per repeat.
      if (prompts.isEmpty() || m.model().equals(org.ncer.model.DictionaryBaseline.NAME)) {
        prompts = java.util.Collections.singletonList(null);
      }
      for (String prompt : prompts) {
        String group =
            safe(m.model()) + "__" + (prompt == null ? "default" : safe(promptName(prompt)));
        int n = seen.merge(group, 1, Integer::sum);
        if (n > 1) {
          group = group + "-" + n;
        }
        for (int r = 1; r <= c.repeats(); r++) {
          Integer seed = c.seed();
          if (c.repeats() > 1) {
            seed = Integer.valueOf((c.seed() == null ? 0 : c.seed()) + r - 1);
          }
          out.add(new Cell(group + "__r" + r, group, m, prompt, c.datasets(), r, seed));
        }
      }
    }
    return out;
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]+", "-");
  }

  private static String promptName(String prompt) {
    String file = Path.of(prompt).getFileName().toString();
    return file.replaceFirst("\\.(ya?ml|jinja)$", "");
  }

  /** The settings of one cell's run in {@code folder}. */
  static RunSettings settings(ExperimentConfig c, Cell cell, Path folder, Options o) {
    ExperimentConfig.ModelEntry m = cell.model();
    Sampling sampling;
    try {
      sampling = new Sampling(c.temperature(), cell.seed(), c.maxTokens());
    } catch (IllegalArgumentException e) {
      throw new NcerException(e.getMessage(), e);
    }
    boolean hosted = m.hosted();
    RunSettings.Builder b =
        RunSettings.builder(m.model(), cell.datasets(), o.dataDir(), folder)
            .split(c.split())
            .prompt(hosted || m.model().startsWith("replay:") ? cell.prompt() : null)
            .aligner(c.aligner())
            .maxChars(c.maxChars())
            .version(o.version(), o.commit())
            .sampling(sampling)
            .endpoint(hosted ? endpointSettings(m, o.env()) : null)
            .cacheDir(hosted ? o.cacheDir() : null)
            .resume(new RunFolder(folder).started())
            // A cell is run again only when it did not finish: its failed calls are what is left.
            .retryFailed(true)
            .subset(c.limit() == null ? null : Subset.limit(c.limit()))
            .maxFailures(
                c.maxFailures() == null
                    ? FailureBudget.UNLIMITED
                    : FailureBudget.parse(c.maxFailures()))
            .allowRemote(c.allowRemote())
            .prices(o.prices());
    if (c.matching() != null) {
      b.matching(Matching.fromKey(c.matching()));
    }
    return b.build();
  }

  private static EndpointSettings endpointSettings(
      ExperimentConfig.ModelEntry m, Map<String, String> env) {
    return new EndpointSettings(
        m.model(),
        m.profile(),
        m.baseUrl(),
        m.apiKeyEnv(),
        m.endpoints(),
        m.concurrency(),
        m.rpm(),
        m.tpm(),
        m.timeout(),
        env);
  }

  /** Plans and prices every cell, calling nothing and writing nothing. */
  public DryRun dryRun(ExperimentConfig c, Path out, Options o) {
    try (Shared shared = new Shared()) {
      Runner runner = new Runner(clock, shared::open, null);
      List<PricedCell> priced = new ArrayList<>();
      long calls = 0;
      long tokens = 0;
      double cost = 0;
      boolean unknown = false;
      for (Cell cell : cells(c)) {
        Runner.DryRun d =
            runner.dryRun(
                settings(c, cell, out.resolve(cell.folder()), o).toBuilder().resume(false).build());
        priced.add(
            new PricedCell(cell, d.plan().calls(), d.plan().estimatedTokens(), d.inputCostUsd()));
        calls += d.plan().calls();
        tokens += d.plan().estimatedTokens();
        if (d.inputCostUsd().isPresent()) {
          cost += d.inputCostUsd().get();
        } else if (d.plan().calls() > 0) {
          unknown = true;
        }
      }
      return new DryRun(priced, calls, tokens, unknown ? Optional.empty() : Optional.of(cost));
    }
  }

  /**
   * Runs the experiment into {@code out}, or continues it there.
   *
   * @param progress told of each cell as it ends, on the cell's thread
   */
  public Result run(ExperimentConfig c, Path out, Options o, Consumer<CellResult> progress) {
    List<Cell> cells = cells(c);
    Map<String, ExperimentIndex.Entry> before = new HashMap<>();
    if (ExperimentIndex.isExperiment(out)) {
      ExperimentIndex.read(out).cells().forEach(e -> before.put(e.id(), e));
    }
    Map<String, CellResult> results = new LinkedHashMap<>();
    try {
      Files.createDirectories(out.resolve("cells"));
    } catch (IOException e) {
      throw new NcerException("cannot create " + out + ": " + e.getMessage(), e);
    }
    for (Cell cell : cells) {
      results.put(cell.id(), new CellResult(cell, ExperimentIndex.Status.PENDING, null, Map.of()));
    }
    Object lock = new Object();
    index(c, results.values()).write(out);
    try (Shared shared = new Shared()) {
      Runner runner = new Runner(clock, shared::open, shared::scheduler);
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(c.parallel(), cells.size()));
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (Cell cell : cells) {
          futures.add(
              pool.submit(
                  () -> {
                    CellResult r = runCell(runner, shared, c, cell, out, o, before.get(cell.id()));
                    synchronized (lock) {
                      results.put(cell.id(), r);
                      index(c, results.values()).write(out);
                    }
                    progress.accept(r);
                  }));
        }
        for (Future<?> f : futures) {
          await(f);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    synchronized (lock) {
      ExperimentIndex written = index(c, results.values());
      written.write(out);
      return new Result(out, List.copyOf(results.values()), written);
    }
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NcerException("the experiment was interrupted; finished cells are kept", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new NcerException("a cell failed: " + cause, cause);
    }
  }

  /**
   * Whether the index entry {@code was} records this very cell as finished: same model, prompt,
   * datasets and seed. A cell of a changed matrix is run again, resuming from its journal.
   */
  private static boolean finishedBefore(Cell cell, ExperimentIndex.Entry was) {
    return was != null
        && was.status().finished()
        && was.model().equals(cell.model().model())
        && java.util.Objects.equals(was.prompt(), cell.prompt())
        && was.datasets().equals(cell.datasets())
        && java.util.Objects.equals(was.seed(), cell.seed());
  }

  private CellResult runCell(
      Runner runner,
      Shared shared,
      ExperimentConfig c,
      Cell cell,
      Path out,
      Options o,
      ExperimentIndex.Entry was) {
    Path folder = out.resolve(cell.folder());
    RunFolder run = new RunFolder(folder);
    if (finishedBefore(cell, was) && Files.exists(run.manifest())) {
      return new CellResult(cell, ExperimentIndex.Status.SKIPPED, null, metrics(run));
    }
    RunSettings s;
    try {
      s = settings(c, cell, folder, o);
    } catch (NcerException e) {
      return new CellResult(cell, ExperimentIndex.Status.ERROR, e.getMessage(), Map.of());
    }
    if (s.endpoint() != null && shared.stopped(s.endpoint())) {
      return new CellResult(
          cell,
          ExperimentIndex.Status.STOPPED,
          "its endpoint stopped on a failure no call can escape",
          Map.of());
    }
    try {
      Runner.RunResult r = runner.run(s, new RunListener() {});
      if (s.endpoint() != null && shared.stopped(s.endpoint())) {
        return new CellResult(
            cell,
            ExperimentIndex.Status.STOPPED,
            "its endpoint stopped on a failure no call can escape; run again to resume",
            metrics(run));
      }
      return r.failed()
          ? new CellResult(
              cell, ExperimentIndex.Status.FAILED, String.join("; ", r.problems()), metrics(run))
          : new CellResult(cell, ExperimentIndex.Status.DONE, null, metrics(run));
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : Json.firstLine(e.getMessage());
      return new CellResult(cell, ExperimentIndex.Status.ERROR, message, Map.of());
    }
  }

  /**
   * The {@link ExperimentIndex#METRICS} of each dataset of a run folder, read through its readers;
   * empty when the folder holds no finished run.
   */
  static Map<String, Map<String, Double>> metrics(RunFolder run) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(run.manifest())) {
      return out;
    }
    for (ManifestSummary.DatasetEntry d : RunManifest.read(run).summary().datasets()) {
      JsonNode m = RunReader.metrics(run, d.name());
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("span_ent_type_f1", m.path("span").path("ent_type").path("f1").asDouble());
      values.put("span_strict_f1", m.path("span").path("strict").path("f1").asDouble());
      values.put("token_macro_f1", m.path("token").path("macro").path("f1").asDouble());
      out.put(d.name(), values);
    }
    return out;
  }

  private ExperimentIndex index(ExperimentConfig c, java.util.Collection<CellResult> results) {
    List<ExperimentIndex.Entry> entries = new ArrayList<>();
    for (CellResult r : results) {
      Cell cell = r.cell();
      entries.add(
          new ExperimentIndex.Entry(
              cell.id(),
              cell.group(),
              cell.model().model(),
              cell.prompt(),
              cell.datasets(),
              cell.repeat(),
              cell.seed(),
              cell.folder(),
              r.status(),
              r.message(),
              r.metrics()));
    }
    return new ExperimentIndex(c.name(), clock.instant(), c.repeats(), c.temperature(), entries);
  }

  /** The endpoints and schedulers the cells share: one of each per endpoint settings. */
  private final class Shared implements AutoCloseable {
    private final Map<EndpointSettings, Endpoints.Opened> opened = new HashMap<>();
    private final Map<Endpoints.Opened, CallScheduler> schedulers = new IdentityHashMap<>();
    private final List<ChatEndpoint> toClose = new ArrayList<>();

    synchronized Endpoints.Opened open(EndpointSettings s) {
      Endpoints.Opened o = opened.get(s);
      if (o == null) {
        Endpoints.Opened real = opener != null ? opener.open(s) : Endpoints.open(s);
        toClose.add(real.endpoint());
        o = new Endpoints.Opened(new Unclosed(real.endpoint()), real.limits(), real.profile());
        opened.put(s, o);
      }
      return o;
    }

    synchronized CallScheduler scheduler(Endpoints.Opened o) {
      return schedulers.computeIfAbsent(o, k -> CallScheduler.create(k.endpoint(), k.limits()));
    }

    synchronized boolean stopped(EndpointSettings s) {
      Endpoints.Opened o = opened.get(s);
      CallScheduler scheduler = o == null ? null : schedulers.get(o);
      return scheduler != null && scheduler.aborted();
    }

    @Override
    public synchronized void close() {
      schedulers.values().forEach(CallScheduler::close);
      toClose.forEach(ChatEndpoint::close);
    }
  }

  /** An endpoint the cells share: a cell's run closing it leaves it open for the others. */
  private static final class Unclosed implements ChatEndpoint {
    private final ChatEndpoint inner;

    Unclosed(ChatEndpoint inner) {
      this.inner = inner;
    }

    @Override
    public String model() {
      return inner.model();
    }

    @Override
    public String baseUrl() {
      return inner.baseUrl();
    }

    @Override
    public boolean local() {
      return inner.local();
    }

    @Override
    public TokenEstimator tokens() {
      return inner.tokens();
    }

    @Override
    public List<String> prepare(long longestPromptTokens) {
      synchronized (this) {
        return inner.prepare(longestPromptTokens);
      }
    }

    @Override
    public Attempt send(ChatRequest request) {
      return inner.send(request);
    }

    @Override
    public void close() {
      // Closed by the experiment once every cell is done.
    }
  }
}
