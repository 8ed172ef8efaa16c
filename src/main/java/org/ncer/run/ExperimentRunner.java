package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.stream.Stream;
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
 * its index, {@code experiment.json}, up to date as cells finish.
 *
 * <p>Cells of the same endpoint share one opened endpoint and one {@link CallScheduler}, so the
 * endpoint's concurrency, request and token limits hold for the experiment as a whole; all cells
 * share the response cache. Up to {@link ExperimentConfig#parallel()} cells run at once.
 *
 * <p>Running the same experiment into the same folder again skips the cells that finished, resumes
 * the started ones from their journals and starts the others. A cell's failure stops only that
 * cell, unless it is a failure no call of that endpoint can escape (bad key, no access, unknown
 * model): then the endpoint's scheduler stops and its cells not yet started are marked {@code
 * stopped}.
 */
public final class ExperimentRunner {
  /** The index file of an experiment folder. */
  public static final String INDEX = "experiment.json";

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
   * One run of the matrix.
   *
   * @param id the cell's name, also its folder under {@code cells/}
   * @param prompt the prompt; null for the default or a model that takes none
   * @param seed the seed sent with every call; null for none
   */
  public record Cell(
      String id,
      ExperimentConfig.ModelEntry model,
      String prompt,
      String dataset,
      int repeat,
      Integer seed) {
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
   * @param status {@code done}, {@code skipped} (finished before), {@code failed} (the run finished
   *     but counts as failed), {@code error} (the run stopped) or {@code stopped} (its endpoint
   *     stopped)
   * @param metrics per dataset key, the cell's headline metrics; empty when it has none
   */
  public record CellResult(
      Cell cell, String status, String message, Map<String, Map<String, Double>> metrics) {
    public boolean succeeded() {
      return status.equals("done") || status.equals("skipped");
    }
  }

  /** The outcome of the experiment: each cell's and the index written. */
  public record Result(Path folder, List<CellResult> cells, ObjectNode index) {
    public boolean failed() {
      return cells.stream().anyMatch(c -> !c.succeeded());
    }
  }

  /** Every cell of {@code c}, in the order dataset, model, prompt, repeat. */
  public static List<Cell> cells(ExperimentConfig c) {
    List<Cell> out = new ArrayList<>();
    for (String dataset : c.datasets()) {
      for (ExperimentConfig.ModelEntry m : c.models()) {
        List<String> prompts = c.prompts();
        // A model that answers without a prompt has one cell per dataset and repeat.
        if (prompts.isEmpty() || m.model().equals(org.ncer.model.DictionaryBaseline.NAME)) {
          prompts = java.util.Collections.singletonList(null);
        }
        for (String prompt : prompts) {
          for (int r = 1; r <= c.repeats(); r++) {
            Integer seed = c.seed();
            if (c.repeats() > 1) {
              seed = Integer.valueOf((c.seed() == null ? 0 : c.seed()) + r - 1);
            }
            String id =
                safe(m.model())
                    + "__"
                    + (prompt == null ? "default" : safe(promptName(prompt)))
                    + "__"
                    + safe(datasetName(dataset))
                    + "__r"
                    + r;
            out.add(new Cell(id, m, prompt, dataset, r, seed));
          }
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

  private static String datasetName(String dataset) {
    String file = Path.of(dataset).getFileName().toString();
    return file.replaceFirst("\\.jsonl$", "");
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
        RunSettings.builder(m.model(), List.of(cell.dataset()), o.dataDir(), folder)
            .split(c.split())
            .prompt(hosted || m.model().startsWith("replay:") ? cell.prompt() : null)
            .aligner(c.aligner())
            .maxChars(c.maxChars())
            .version(o.version(), o.commit())
            .sampling(sampling)
            .endpoint(hosted ? endpointSettings(m, o.env()) : null)
            .cacheDir(hosted ? o.cacheDir() : null)
            .resume(new RunFolder(folder).started())
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
    Path index = out.resolve(INDEX);
    Map<String, String> before = previousStatuses(index);
    Map<String, CellResult> results = new LinkedHashMap<>();
    try {
      Files.createDirectories(out.resolve("cells"));
    } catch (IOException e) {
      throw new NcerException("cannot create " + out + ": " + e.getMessage(), e);
    }
    for (Cell cell : cells) {
      results.put(cell.id(), new CellResult(cell, "pending", null, Map.of()));
    }
    Object lock = new Object();
    Json.writePretty(index, index(c, results.values()));
    try (Shared shared = new Shared()) {
      Runner runner = new Runner(clock, shared::open, shared::scheduler);
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(c.parallel(), cells.size()));
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (Cell cell : cells) {
          futures.add(
              pool.submit(
                  () -> {
                    CellResult r = runCell(runner, shared, c, cell, out, o, before);
                    synchronized (lock) {
                      results.put(cell.id(), r);
                      Json.writePretty(index, index(c, results.values()));
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
      ObjectNode written = index(c, results.values());
      Json.writePretty(index, written);
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

  private CellResult runCell(
      Runner runner,
      Shared shared,
      ExperimentConfig c,
      Cell cell,
      Path out,
      Options o,
      Map<String, String> before) {
    Path folder = out.resolve(cell.folder());
    RunFolder run = new RunFolder(folder);
    String was = before.get(cell.id());
    if (("done".equals(was) || "skipped".equals(was)) && Files.exists(run.manifest())) {
      return new CellResult(cell, "skipped", null, metrics(folder));
    }
    RunSettings s;
    try {
      s = settings(c, cell, folder, o);
    } catch (NcerException e) {
      return new CellResult(cell, "error", e.getMessage(), Map.of());
    }
    if (s.endpoint() != null && shared.stopped(s.endpoint())) {
      return new CellResult(
          cell, "stopped", "its endpoint stopped on a failure no call can escape", Map.of());
    }
    try {
      Runner.RunResult r = runner.run(s, new RunListener() {});
      if (s.endpoint() != null && shared.stopped(s.endpoint())) {
        return new CellResult(
            cell,
            "stopped",
            "its endpoint stopped on a failure no call can escape; run again to resume",
            metrics(folder));
      }
      return r.failed()
          ? new CellResult(cell, "failed", String.join("; ", r.problems()), metrics(folder))
          : new CellResult(cell, "done", null, metrics(folder));
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : Json.firstLine(e.getMessage());
      return new CellResult(cell, "error", message, Map.of());
    }
  }

  private static Map<String, String> previousStatuses(Path index) {
    Map<String, String> out = new HashMap<>();
    if (!Files.exists(index)) {
      return out;
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(Json.readText(index));
    } catch (IOException e) {
      throw new NcerException(index + ": not readable JSON: " + e.getMessage(), e);
    }
    for (JsonNode cell : root.path("cells")) {
      out.put(cell.path("id").asText(), cell.path("status").asText());
    }
    return out;
  }

  /** The headline metrics of each dataset of a run folder, read from its metrics files. */
  static Map<String, Map<String, Double>> metrics(Path folder) {
    Path dir = folder.resolve("metrics");
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new NcerException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    for (Path f : files) {
      JsonNode m;
      try {
        m = Json.mapper().readTree(Json.readText(f));
      } catch (IOException e) {
        throw new NcerException(f + ": not readable JSON: " + e.getMessage(), e);
      }
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("span_ent_type_f1", m.path("span").path("ent_type").path("f1").asDouble());
      values.put("span_strict_f1", m.path("span").path("strict").path("f1").asDouble());
      values.put("token_macro_f1", m.path("token").path("macro").path("f1").asDouble());
      out.put(f.getFileName().toString().replaceFirst("\\.json$", ""), values);
    }
    return out;
  }

  private ObjectNode index(ExperimentConfig c, java.util.Collection<CellResult> results) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("experiment", c.name());
    root.put("updated", clock.instant().toString());
    root.put("repeats", c.repeats());
    root.put("temperature", c.temperature());
    ArrayNode cells = root.putArray("cells");
    for (CellResult r : results) {
      ObjectNode n = cells.addObject();
      Cell cell = r.cell();
      n.put("id", cell.id());
      n.put("model", cell.model().model());
      n.put("prompt", cell.prompt());
      n.putArray("datasets").add(cell.dataset());
      n.put("repeat", cell.repeat());
      n.put("seed", cell.seed());
      n.put("folder", cell.folder());
      n.put("status", r.status());
      if (r.message() != null) {
        n.put("message", r.message());
      }
      if (!r.metrics().isEmpty()) {
        ObjectNode m = n.putObject("metrics");
        r.metrics().forEach((d, values) -> values.forEach(m.putObject(d)::put));
      }
    }
    root.set("summary", summary(results));
    return root;
  }

  /**
   * Per model, prompt and dataset: each metric's mean and sample standard deviation over the
   * repeats that finished ({@code sd} is null with fewer than two).
   */
  static ArrayNode summary(java.util.Collection<CellResult> results) {
    Map<List<String>, Map<String, List<Double>>> groups = new LinkedHashMap<>();
    for (CellResult r : results) {
      if (!r.succeeded()) {
        continue;
      }
      for (var d : r.metrics().entrySet()) {
        List<String> key =
            java.util.Arrays.asList(r.cell().model().model(), r.cell().prompt(), d.getKey());
        Map<String, List<Double>> g = groups.computeIfAbsent(key, k -> new LinkedHashMap<>());
        d.getValue()
            .forEach((metric, v) -> g.computeIfAbsent(metric, k -> new ArrayList<>()).add(v));
      }
    }
    ArrayNode out = Json.mapper().createArrayNode();
    groups.forEach(
        (key, metrics) -> {
          ObjectNode n = out.addObject();
          n.put("model", key.get(0));
          n.put("prompt", key.get(1));
          n.put("dataset", key.get(2));
          n.put("runs", metrics.values().iterator().next().size());
          ObjectNode ms = n.putObject("metrics");
          metrics.forEach(
              (metric, values) -> {
                ObjectNode m = ms.putObject(metric);
                m.put("mean", mean(values));
                if (values.size() > 1) {
                  m.put("sd", sd(values));
                } else {
                  m.putNull("sd");
                }
                ArrayNode vs = m.putArray("values");
                values.forEach(vs::add);
              });
        });
    return out;
  }

  static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** The sample standard deviation (n - 1 in the denominator). */
  static double sd(List<Double> values) {
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.size() - 1));
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
