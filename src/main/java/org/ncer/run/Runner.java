package org.ncer.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.align.GroundingTally;
import org.ncer.dataset.DocumentJsonl;
import org.ncer.extract.ParseStatus;
import org.ncer.model.CallScheduler;
import org.ncer.model.ChatEndpoint;
import org.ncer.model.EndpointSettings;
import org.ncer.model.Endpoints;
import org.ncer.model.FailureKind;
import org.ncer.model.ResponseCache;
import org.ncer.model.TokenEstimator;
import org.ncer.prompt.Markup;
import org.ncer.prompt.PromptCall;
import org.ncer.report.LeaderboardResults;
import org.ncer.score.Matching;
import org.ncer.score.ScoreReport;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;

/**
 * Runs a model over datasets in three steps and writes the run folder.
 *
 * <ol>
 *   <li><b>Plan</b>: every dataset is loaded and every call rendered before the first call, so a
 *       missing file, training split or few-shot source, or a template error, fails the run before
 *       anything is spent.
 *   <li><b>Call</b>: the calls not already answered by the run's journal (on {@code --resume}) are
 *       answered by the cache, then the model, concurrently; each completed call is appended to
 *       {@code journal.jsonl} before anything else uses it.
 *   <li><b>Assemble</b>: each document is parsed, grounded and scored once its last call is in;
 *       each dataset's {@code predictions/}, {@code metrics/} and {@code grounding/} files are
 *       written in dataset order, so a run's files do not depend on the order calls finished in.
 * </ol>
 *
 * <p>Then {@code manifest.json} and the results file are written. The baseline makes no call: its
 * documents are assembled from the dictionary's spans.
 */
public final class Runner {
  private final Clock clock;
  private final EndpointOpener opener;
  private final SchedulerSource schedulers;

  /** Opens the endpoint of a hosted model; tests pass fakes. */
  @FunctionalInterface
  public interface EndpointOpener {
    Endpoints.Opened open(EndpointSettings settings);
  }

  /**
   * Gives the runs of hosted models a scheduler shared with other runs of the same endpoint instead
   * of one of their own; the runner neither creates nor closes it.
   */
  @FunctionalInterface
  public interface SchedulerSource {
    CallScheduler scheduler(Endpoints.Opened opened);
  }

  /** A runner that opens endpoints with {@link Endpoints#open}. */
  public Runner(Clock clock) {
    this(clock, null);
  }

  public Runner(Clock clock, EndpointOpener opener) {
    this(clock, opener, null);
  }

  /**
   * @param schedulers the scheduler each hosted run calls through; null for a scheduler per run
   */
  public Runner(Clock clock, EndpointOpener opener, SchedulerSource schedulers) {
    this.clock = clock;
    this.opener = opener;
    this.schedulers = schedulers;
  }

  /**
   * The outcome of a whole run.
   *
   * @param problems why the run counts as failed (exit 1), empty when it succeeded
   */
  public record RunResult(
      Path folder, List<DatasetOutcome> outcomes, ObjectNode manifest, List<String> problems) {
    public boolean failed() {
      return !problems.isEmpty();
    }
  }

  /**
   * What a run would do, with nothing called and nothing written.
   *
   * @param plan every call of the run
   * @param inputCostUsd the estimated input tokens' cost; empty when the model's price is unknown
   */
  public record DryRun(RunPlan plan, Optional<Double> inputCostUsd) {}

  /** Plans the run of {@code s} and prices it, calling nothing and writing nothing. */
  public DryRun dryRun(RunSettings s) {
    Planner.Kind kind = Planner.kind(s.model());
    Prices prices = Prices.load(s.prices());
    RunPlan plan;
    if (kind == Planner.Kind.HOSTED) {
      Endpoints.Opened opened = open(s);
      try (ChatEndpoint endpoint = opened.endpoint()) {
        plan = Planner.plan(s, kind, endpoint.baseUrl(), endpoint.tokens());
      }
    } else {
      plan = Planner.plan(s, kind, "", TokenEstimator.charsPerToken());
    }
    return new DryRun(plan, prices.of(s.model()).map(p -> p.cost(plan.estimatedTokens(), 0)));
  }

  public RunResult run(RunSettings s, RunListener listener) {
    Instant started = clock.instant();
    Planner.Kind kind = Planner.kind(s.model());
    RunFolder folder = new RunFolder(s.out());
    refuseStarted(folder, s.resume());
    Prices prices = Prices.load(s.prices());
    if (kind != Planner.Kind.HOSTED) {
      RunPlan plan = Planner.plan(s, kind, "", TokenEstimator.charsPerToken());
      AnswerSource source =
          kind == Planner.Kind.REPLAY ? RecordedAnswers.replay(s.model()).load(plan) : null;
      return execute(
          s,
          plan,
          folder,
          source,
          new RunManifest.Endpoint(null, null, null),
          prices,
          started,
          listener,
          null,
          null);
    }
    Endpoints.Opened opened = open(s);
    try (ChatEndpoint endpoint = opened.endpoint()) {
      RunPlan plan = Planner.plan(s, kind, endpoint.baseUrl(), endpoint.tokens());
      checkRemote(plan, endpoint.local(), s.allowRemote());
      ResponseCache cache = s.cacheDir() == null ? null : ResponseCache.in(s.cacheDir());
      AnswerSource source =
          new PreparedSource(
              endpoint,
              plan.longestTokens(),
              new EndpointAnswers(
                  endpoint,
                  opened.limits(),
                  cache,
                  schedulers == null ? null : schedulers.scheduler(opened)),
              listener);
      return execute(
          s,
          plan,
          folder,
          source,
          new RunManifest.Endpoint(endpoint.baseUrl(), opened.profile(), endpoint.local()),
          prices,
          started,
          listener,
          null,
          null);
    }
  }

  /**
   * Parses, grounds and scores a finished run again from its journal, with no model call, and
   * rewrites its predictions, metrics, grounding counts, results and manifest.
   *
   * @param aligner the aligner to ground with; null keeps the run's
   * @param matching the span matching; null keeps the run's
   */
  public RunResult rescore(Path run, String aligner, Matching matching, RunListener listener) {
    RunFolder folder = new RunFolder(run);
    RunManifest.Read read = RunManifest.read(folder);
    RunSettings.Builder b = read.settings().toBuilder().resume(true);
    if (aligner != null) {
      b.aligner(aligner);
    }
    if (matching != null) {
      b.matching(matching);
    }
    RunSettings s = b.build();
    Planner.Kind kind = Planner.kind(s.model());
    RunPlan plan = Planner.plan(s, kind, read.baseUrl(), TokenEstimator.charsPerToken());
    // The answers are read with the markup the run read them with, even if the prompt file has
    // changed since.
    Markup markup = RunManifest.appliedMarkup(read);
    if (markup != null && plan.template() != null && plan.template().markup() != markup) {
      s = s.toBuilder().markup(markup).build();
      plan = Planner.plan(s, kind, read.baseUrl(), TokenEstimator.charsPerToken());
    }
    ObjectNode rescored = Json.mapper().createObjectNode();
    rescored.put("at", clock.instant().toString());
    rescored.put("from", "journal.jsonl");
    rescored.put("aligner", s.aligner());
    rescored.put("matching", s.matching().key());
    rescored.put("previous_aligner", read.settings().aligner());
    rescored.put("previous_matching", read.settings().matching().key());
    AnswerSource source = kind == Planner.Kind.BASELINE ? null : RecordedAnswers.ownJournal(folder);
    var ep = read.node().path("endpoint");
    return execute(
        s,
        plan,
        folder,
        source,
        new RunManifest.Endpoint(
            Journal.text(ep, "base_url"),
            Journal.text(ep, "profile"),
            ep.path("local").isBoolean() ? ep.path("local").asBoolean() : null),
        Prices.load(null),
        read.started() == null ? clock.instant() : read.started(),
        listener,
        rescored,
        read.finished());
  }

  private Endpoints.Opened open(RunSettings s) {
    if (s.endpoint() == null) {
      throw new NcerException(s.model() + " needs endpoint settings");
    }
    return opener != null ? opener.open(s.endpoint()) : Endpoints.open(s.endpoint());
  }

  private static void refuseStarted(RunFolder folder, boolean resume) {
    if (!resume && folder.started()) {
      String what =
          java.nio.file.Files.exists(folder.manifest()) ? "manifest.json" : "journal.jsonl";
      throw new NcerException(
          folder.root()
              + " already holds a run ("
              + what
              + "); continue it with --resume or choose another --out");
    }
  }

  /** Refuses, before any call, to send data marked {@code remote: forbidden} off the machine. */
  static void checkRemote(RunPlan plan, boolean local, boolean allowRemote) {
    if (local || allowRemote) {
      return;
    }
    for (RunPlan.PlannedDataset d : plan.datasets()) {
      if (d.remoteForbidden() && d.calls() > 0) {
        throw new NcerException(
            d.key()
                + " is marked 'remote: forbidden' and "
                + plan.baseUrl()
                + " is not on this machine; give --allow-remote to send its notes there");
      }
    }
  }

  /** Asks the endpoint to get ready (model present, context large enough) before the first call. */
  private static final class PreparedSource implements AnswerSource {
    private final ChatEndpoint endpoint;
    private final long longest;
    private final AnswerSource inner;
    private final RunListener listener;

    PreparedSource(ChatEndpoint endpoint, long longest, AnswerSource inner, RunListener listener) {
      this.endpoint = endpoint;
      this.longest = longest;
      this.inner = inner;
      this.listener = listener;
    }

    @Override
    public void answer(List<PlannedCall> calls, Sink sink) {
      if (calls.isEmpty()) {
        return;
      }
      endpoint.prepare(longest).forEach(listener::notice);
      inner.answer(calls, sink);
    }
  }

  private RunResult execute(
      RunSettings s,
      RunPlan plan,
      RunFolder folder,
      AnswerSource source,
      RunManifest.Endpoint endpoint,
      Prices prices,
      Instant started,
      RunListener listener,
      ObjectNode rescored,
      Instant finishedBefore) {
    for (RunPlan.PlannedDataset d : plan.datasets()) {
      listener.datasetStarted(d.dataset(), d.detail());
    }
    try (RunLock lock = RunLock.acquire(folder)) {
      if (rescored == null) {
        refuseStarted(folder, s.resume());
      }
      folder.removeLeftovers();
      Assembly assembly = new Assembly(s, plan, folder, listener);
      boolean resumed = false;
      if (rescored == null && s.resume()) {
        resumed = assembly.resume(Journal.read(folder.journal()), s.retryFailed());
      }
      assembly.assembleCallFree();
      List<PlannedCall> toAsk = assembly.unanswered();
      listener.callsPlanned(assembly.progress());
      if (source != null && !toAsk.isEmpty()) {
        if (rescored != null) {
          source.answer(toAsk, (call, entry, paid) -> assembly.complete(call, entry));
        } else {
          try (Journal journal = Journal.open(folder.journal())) {
            source.answer(
                toAsk,
                (call, entry, paid) -> {
                  journal.append(entry, paid);
                  assembly.complete(call, entry);
                });
          }
        }
      }
      Instant finished = clock.instant();
      List<JournalEntry> used = assembly.used();
      CallStats stats = CallStats.of(plan.calls(), used);
      List<JournalEntry> failures = used.stream().filter(e -> !e.answered()).toList();
      ObjectNode manifest =
          RunManifest.build(
              new RunManifest.Facts(
                  s,
                  plan,
                  endpoint,
                  assembly.outcomes(),
                  stats,
                  failures,
                  prices,
                  resumed,
                  started,
                  finishedBefore != null ? finishedBefore : finished,
                  rescored));
      RunManifest.write(folder, manifest);
      writeResults(folder, s);
      return new RunResult(
          folder.root(),
          assembly.outcomes(),
          manifest,
          problems(s, stats, failures, assembly.unparseable()));
    }
  }

  /**
   * Writes the leaderboard's results file: {@code results.json} for the test split, {@code
   * results-<split>.json} for another; a subset or other split also says it is not comparable.
   */
  static void writeResults(RunFolder folder, RunSettings s) {
    List<LeaderboardResults.DatasetScore> scores = new ArrayList<>();
    for (ManifestSummary.DatasetEntry d : RunManifest.read(folder).summary().datasets()) {
      scores.add(
          new LeaderboardResults.DatasetScore(
              d.name(), d.labels(), RunReader.metrics(folder, d.name())));
    }
    ObjectNode results = LeaderboardResults.compute(scores);
    if (s.subset() != null || !s.split().equals("test")) {
      results.put("leaderboard_comparable", false);
      results.put("split", s.split());
      if (s.subset() != null) {
        results.set("subset", s.subset().toJson());
      }
    }
    Json.writePretty(folder.results(s.split()), results);
  }

  private static List<String> problems(
      RunSettings s, CallStats stats, List<JournalEntry> failures, long unparseable) {
    List<String> out = new ArrayList<>();
    if (stats.planned() == 0) {
      return out;
    }
    if (stats.answered() == 0) {
      boolean notRecorded =
          failures.stream().allMatch(e -> e.failure().kind().equals(JournalEntry.NOT_RECORDED));
      out.add(
          notRecorded
              ? "no answer recorded: no call of the run matched a recorded answer"
              : "model error: every call failed (" + kinds(stats) + ")");
      return out;
    }
    if (unparseable == stats.answered()) {
      out.add("unparseable: no answer of the model could be read");
    }
    if (s.maxFailures().exceeded(stats.failed(), stats.planned())) {
      out.add(
          String.format(
              Locale.ROOT,
              "%d of %d calls failed (%s), more than --max-failures %s",
              stats.failed(),
              stats.planned(),
              kinds(stats),
              s.maxFailures().describe()));
    }
    return out;
  }

  private static String kinds(CallStats stats) {
    List<String> parts = new ArrayList<>();
    stats.failuresByKind().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
    return String.join(", ", parts);
  }

  /** The documents of the plan as their calls complete, and the files written from them. */
  private static final class Assembly {
    private final RunSettings settings;
    private final RunPlan plan;
    private final RunFolder folder;
    private final RunListener listener;
    private final Instant started = Instant.now();
    private final Map<PlannedCall, int[]> slots = new IdentityHashMap<>();
    private final JournalEntry[][][] entries;
    private final int[][] remaining;
    private final int[] docsRemaining;
    private final Prediction[][] predictions;
    private final PromptedPredictor[] predictors;
    private final List<DatasetOutcome> outcomes = new ArrayList<>();
    private long done;
    private long resumedCalls;
    private long resumedFailures;
    private long cached;
    private long failed;
    private long retries;
    private long truncated;
    private long inputTokens;
    private long outputTokens;
    private long unparseable;

    Assembly(RunSettings settings, RunPlan plan, RunFolder folder, RunListener listener) {
      this.settings = settings;
      this.plan = plan;
      this.folder = folder;
      this.listener = listener;
      int n = plan.datasets().size();
      entries = new JournalEntry[n][][];
      remaining = new int[n][];
      docsRemaining = new int[n];
      predictions = new Prediction[n][];
      predictors = new PromptedPredictor[n];
      for (int d = 0; d < n; d++) {
        RunPlan.PlannedDataset ds = plan.datasets().get(d);
        int docs = ds.documents().size();
        entries[d] = new JournalEntry[docs][];
        remaining[d] = new int[docs];
        predictions[d] = new Prediction[docs];
        docsRemaining[d] = docs;
        predictors[d] = ds.grounder() == null ? null : new PromptedPredictor(ds.grounder());
        for (int i = 0; i < docs; i++) {
          List<PlannedCall> calls = ds.documents().get(i).calls();
          entries[d][i] = new JournalEntry[calls.size()];
          remaining[d][i] = calls.size();
          for (int c = 0; c < calls.size(); c++) {
            slots.put(calls.get(c), new int[] {d, i, c});
          }
        }
      }
    }

    /**
     * Takes what the journal already holds for the same call and request: its answers, and its
     * failures unless {@code retryFailed}. A failure that stopped the run (a rejected key, no
     * access, an unknown model) is always asked again, and an answer wins over a failure of the
     * same call. Returns whether any was taken.
     */
    boolean resume(List<JournalEntry> journal, boolean retryFailed) {
      Map<CallKey, JournalEntry> kept = new HashMap<>();
      for (JournalEntry e : journal) {
        if (e.answered()) {
          kept.put(e.key(), e);
        } else if (!retryFailed && !stoppedRun(e)) {
          JournalEntry before = kept.get(e.key());
          if (before == null || !before.answered()) {
            kept.put(e.key(), e);
          }
        }
      }
      if (kept.isEmpty()) {
        return false;
      }
      for (PlannedCall c : new ArrayList<>(slots.keySet())) {
        JournalEntry e = kept.get(c.key());
        if (e != null && e.requestHash().equals(c.hash())) {
          resumedCalls++;
          if (!e.answered()) {
            resumedFailures++;
          }
          complete(c, e);
        }
      }
      return resumedCalls > 0;
    }

    private static boolean stoppedRun(JournalEntry e) {
      try {
        return FailureKind.ofKey(e.failure().kind()).stopsRun();
      } catch (IllegalArgumentException unknown) {
        return true; // a kind this version does not know: ask again rather than trust it
      }
    }

    /** Assembles the documents that need no call (all of a span model's). */
    void assembleCallFree() {
      for (int d = 0; d < remaining.length; d++) {
        for (int i = 0; i < remaining[d].length; i++) {
          if (entries[d][i].length == 0) {
            assemble(d, i);
          }
        }
      }
    }

    /** The calls without an answer yet, in plan order. */
    List<PlannedCall> unanswered() {
      List<PlannedCall> out = new ArrayList<>();
      for (RunPlan.PlannedDataset ds : plan.datasets()) {
        for (RunPlan.PlannedDocument doc : ds.documents()) {
          for (PlannedCall c : doc.calls()) {
            int[] slot = slots.get(c);
            if (entries[slot[0]][slot[1]][slot[2]] == null) {
              out.add(c);
            }
          }
        }
      }
      return out;
    }

    void complete(PlannedCall call, JournalEntry entry) {
      int[] slot = slots.get(call);
      if (slot == null || entries[slot[0]][slot[1]][slot[2]] != null) {
        return;
      }
      entries[slot[0]][slot[1]][slot[2]] = entry;
      done++;
      if (entry.cached()) {
        cached++;
      }
      if (!entry.answered()) {
        failed++;
      }
      if (entry.truncated()) {
        truncated++;
      }
      retries += entry.retries();
      inputTokens += Math.max(entry.inputTokens(), 0);
      outputTokens += Math.max(entry.outputTokens(), 0);
      listener.callCompleted(progress());
      if (--remaining[slot[0]][slot[1]] == 0) {
        assemble(slot[0], slot[1]);
      }
    }

    CallProgress progress() {
      return new CallProgress(
          plan.calls(),
          done,
          resumedCalls,
          resumedFailures,
          cached,
          failed,
          retries,
          truncated,
          inputTokens,
          outputTokens);
    }

    private void assemble(int d, int i) {
      RunPlan.PlannedDataset ds = plan.datasets().get(d);
      RunPlan.PlannedDocument doc = ds.documents().get(i);
      if (ds.baseline() != null) {
        predictions[d][i] = Prediction.ofSpans(ds.baseline().find(doc.gold().text()));
      } else {
        List<PromptCall> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int c = 0; c < doc.calls().size(); c++) {
          prompts.add(doc.calls().get(c).prompt());
          answers.add(entries[d][i][c].answer());
        }
        Prediction p = predictors[d].assemble(prompts, answers);
        // A failed call parses as failed too; only answers that came back count as unparseable.
        long failedParses =
            p.grounding().parses().stream().filter(x -> x.status() == ParseStatus.FAILED).count();
        unparseable += Math.max(0, failedParses - answers.stream().filter(a -> a == null).count());
        predictions[d][i] = p;
      }
      if (--docsRemaining[d] == 0) {
        writeReady();
      }
    }

    // Datasets are written in their order: a later dataset that completes first waits.
    private void writeReady() {
      while (outcomes.size() < docsRemaining.length && docsRemaining[outcomes.size()] == 0) {
        outcomes.add(write(outcomes.size()));
      }
    }

    private DatasetOutcome write(int d) {
      RunPlan.PlannedDataset ds = plan.datasets().get(d);
      List<ObjectNode> predicted = new ArrayList<>();
      List<ScoredDocument> scored = new ArrayList<>();
      GroundingTally tally = new GroundingTally();
      for (int i = 0; i < ds.documents().size(); i++) {
        var gold = ds.documents().get(i).gold();
        Prediction p = predictions[d][i];
        if (p.grounding() == null) {
          predicted.add(DocumentJsonl.toNode(gold.withMentions(p.mentions())));
        } else {
          predicted.add(PredictionJson.node(gold.id(), gold.text(), p.grounding()));
          tally.add(p.grounding());
        }
        scored.add(new ScoredDocument(gold.text(), gold.mentions(), p.mentions()));
      }
      Json.writeLines(folder.predictions(ds.key()), predicted);
      boolean grounded = ds.grounder() != null;
      if (grounded) {
        Json.writePretty(folder.grounding(ds.key()), PredictionJson.tally(tally));
      }
      ScoreReport scores = Scorer.score(scored, ds.dataset().labels(), settings.matching());
      Json.writePretty(folder.metrics(ds.key()), scores.toJson());
      DatasetOutcome outcome =
          new DatasetOutcome(
              ds.key(),
              ds.dataset(),
              scores,
              ds.dataset().contentSha256(),
              grounded ? tally : null);
      listener.datasetFinished(outcome, Duration.between(started, Instant.now()));
      return outcome;
    }

    List<DatasetOutcome> outcomes() {
      return outcomes;
    }

    /** The entry each answered or failed call was assembled from, in plan order. */
    List<JournalEntry> used() {
      List<JournalEntry> out = new ArrayList<>();
      for (JournalEntry[][] ds : entries) {
        for (JournalEntry[] doc : ds) {
          for (JournalEntry e : doc) {
            if (e != null) {
              out.add(e);
            }
          }
        }
      }
      return out;
    }

    long unparseable() {
      return unparseable;
    }
  }
}
