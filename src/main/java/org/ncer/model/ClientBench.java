package org.ncer.model;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ncer.prompt.Message;

/**
 * Measures the {@link CallScheduler} against a {@link SimulatedOpenAiServer} on 127.0.0.1: how
 * close to the server's allowed rate it runs, how many 429s it draws, and what it costs in CPU.
 */
public final class ClientBench {
  /** The most calls one bench may make. */
  public static final int MAX_CALLS = 100_000;

  /** The warm-up's requests per minute when the measured calls are paced: 10,000 a second. */
  private static final double WARMUP_RPM = 600_000;

  /**
   * The warm-up server's latency: long enough that the client waits for each answer, as it does for
   * the measured calls (an answer there before the read would compile another path), short enough
   * that thousands of calls take seconds.
   */
  public static final Duration WARMUP_LATENCY = Duration.ofMillis(10);

  private ClientBench() {}

  /**
   * What to run.
   *
   * @param calls how many calls
   * @param latency the server's answer time
   * @param serverRps the server's limit: requests accepted per sliding second, or with a burst the
   *     rate its token bucket refills at
   * @param serverBurst 0 for the sliding window; more for a token bucket of that many requests
   * @param rpm the client's requests-per-minute limit; 0 for none (adaptive concurrency)
   * @param concurrency the most calls in flight
   * @param warmup calls made first and not measured, so that the measured ones run compiled code:
   *     through their own scheduler and endpoint, to a second simulated server with {@link
   *     #WARMUP_LATENCY} and no limit, so that they take seconds rather than {@code warmup /
   *     serverRps}
   */
  public record Options(
      int calls,
      Duration latency,
      int serverRps,
      int serverBurst,
      double rpm,
      int concurrency,
      int warmup) {
    public Options {
      if (calls < 1 || calls > MAX_CALLS) {
        throw new IllegalArgumentException("calls " + calls + " is not within 1.." + MAX_CALLS);
      }
      if (warmup < 0 || warmup > MAX_CALLS) {
        throw new IllegalArgumentException("warm-up " + warmup + " is not within 0.." + MAX_CALLS);
      }
      if (latency.isNegative() || latency.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException("latency " + latency + " is not within 0..10 s");
      }
      if (serverBurst < 0 || serverBurst > MAX_CALLS) {
        throw new IllegalArgumentException(
            "server burst " + serverBurst + " is not within 0.." + MAX_CALLS);
      }
      if (serverRps < 1 || rpm < 0 || concurrency < 1) {
        throw new IllegalArgumentException(
            "server limit "
                + serverRps
                + "/s, rpm "
                + rpm
                + ", concurrency "
                + concurrency
                + " are out of range");
      }
    }

    /**
     * The time a perfect client would take: N / allowed rate + one latency, where the allowed rate
     * is the smaller of the server's and the client's; when the server's is the smaller and it lets
     * a burst through, the burst goes at once.
     */
    public Duration ideal() {
      double rate = serverRps;
      double free = serverBurst;
      if (rpm > 0 && rpm / 60 < rate) {
        rate = rpm / 60;
        free = 0;
      }
      return Duration.ofNanos((long) (Math.max(0, calls - free) / rate * 1e9)).plus(latency);
    }
  }

  /**
   * What was measured.
   *
   * @param answered calls that ended with an answer
   * @param elapsed from the first submission to the last answer
   * @param requests requests the server received, retries included
   * @param rateLimited requests the server refused with 429
   * @param clientThreadsCpuPerCall CPU of the scheduler's worker and timer threads and of the
   *     submitting thread, per call, in nanoseconds (ThreadMXBean)
   * @param processCpuPerCall CPU of the whole process less the server's handler threads, per call,
   *     in nanoseconds: includes JIT compilation, GC and the HTTP server's own dispatcher thread
   * @param p50 the median latency of the answered attempts, as the client saw it
   * @param p95 their 95th percentile
   * @param concurrency the scheduler's concurrency limit at the end
   * @param warmup what the warm-up calls took, null when there were none
   */
  public record Result(
      Options options,
      long answered,
      Duration elapsed,
      long requests,
      long rateLimited,
      long clientThreadsCpuPerCall,
      long processCpuPerCall,
      Duration p50,
      Duration p95,
      int concurrency,
      Warmup warmup) {

    /** Ideal time over actual time. */
    public double efficiency() {
      return options.ideal().toNanos() / (double) elapsed.toNanos();
    }

    /** The share of requests refused with 429, 0 to 1. */
    public double rateLimitedShare() {
      return requests == 0 ? 0 : rateLimited / (double) requests;
    }
  }

  /**
   * The warm-up calls.
   *
   * @param calls how many were made
   * @param answered how many were answered
   * @param elapsed how long they took
   * @param clientThreadsCpuPerCall CPU of their scheduler's worker and timer threads and of the
   *     submitting thread, per call, in nanoseconds: class loading and code not yet compiled
   *     included
   * @param settled the wait after them for the JIT compiler to fall idle
   */
  public record Warmup(
      int calls, long answered, Duration elapsed, long clientThreadsCpuPerCall, Duration settled) {}

  /**
   * The endpoint the bench sends through. The one place to change to measure another client (for
   * example the project's OpenAI endpoint) against the same simulated server.
   */
  static ChatEndpoint clientEndpoint(String baseUrl, int concurrency) {
    // The real OpenAI-compatible client, as a run builds it, with no key (vLLM's profile).
    return Endpoints.open(
            new EndpointSettings(
                "openai:simulated",
                "vllm-local",
                baseUrl,
                null,
                null,
                concurrency,
                null,
                null,
                null,
                Map.of()))
        .endpoint();
  }

  /**
   * Makes the warm-up calls, if any, then starts a simulated server, runs the measured calls
   * through a scheduler, and stops both.
   */
  public static Result run(Options o) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (mx.isThreadCpuTimeSupported() && !mx.isThreadCpuTimeEnabled()) {
      mx.setThreadCpuTimeEnabled(true);
    }
    Warmup warmup = o.warmup() > 0 ? warmUp(o, mx) : null;
    Limits limits =
        new Limits(o.concurrency(), o.rpm(), 0, 6, Duration.ofSeconds(1), Duration.ofSeconds(60));
    try (SimulatedOpenAiServer server =
            SimulatedOpenAiServer.start(o.latency(), o.serverRps(), o.serverBurst());
        ChatEndpoint endpoint = clientEndpoint(server.baseUrl(), o.concurrency());
        CallScheduler scheduler = CallScheduler.create(endpoint, limits)) {
      long clientBefore = clientCpu(scheduler);
      long processStart = processCpu();
      long serverStart = cpu(mx, server.handlerThreads());
      long callerStart = mx.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      List<CompletableFuture<CallOutcome>> futures = submit(scheduler, o.calls());
      long deadline = start + Math.max(60_000_000_000L, 10 * o.ideal().toNanos());
      List<CallOutcome> outcomes = new ArrayList<>(o.calls());
      for (CompletableFuture<CallOutcome> f : futures) {
        outcomes.add(await(f, deadline, scheduler));
      }
      long elapsed = System.nanoTime() - start;
      long caller = mx.getCurrentThreadCpuTime() - callerStart;
      long clientCpu = clientCpu(scheduler) - clientBefore + caller;
      long serverCpu = cpu(mx, server.handlerThreads()) - serverStart;
      long processCpu = processCpu() - processStart - serverCpu;
      long[] latencies =
          outcomes.stream()
              .filter(CallOutcome::answered)
              .mapToLong(c -> c.last().latency().toNanos())
              .sorted()
              .toArray();
      return new Result(
          o,
          latencies.length,
          Duration.ofNanos(elapsed),
          server.requests(),
          server.refused(),
          clientCpu / o.calls(),
          processCpu < 0 ? -1 : processCpu / o.calls(),
          percentile(latencies, 0.50),
          percentile(latencies, 0.95),
          scheduler.stats().concurrency(),
          warmup);
    }
  }

  /**
   * The warm-up: the same client stack (endpoint, scheduler, JSON, HTTP) against a server of its
   * own with no latency and no limit, so that thousands of calls take seconds. Only code and
   * classes carry over to the measured calls: their server, endpoint, connections and scheduler are
   * new.
   */
  private static Warmup warmUp(Options o, ThreadMXBean mx) {
    // Paced when the measured calls are, so that the same code paths are compiled, but far faster.
    double rpm = o.rpm() > 0 ? Math.max(o.rpm(), WARMUP_RPM) : 0;
    Limits limits =
        new Limits(o.concurrency(), rpm, 0, 6, Duration.ofSeconds(1), Duration.ofSeconds(60));
    try (SimulatedOpenAiServer server =
            SimulatedOpenAiServer.start(WARMUP_LATENCY, SimulatedOpenAiServer.UNLIMITED);
        ChatEndpoint endpoint = clientEndpoint(server.baseUrl(), o.concurrency());
        CallScheduler scheduler = CallScheduler.create(endpoint, limits)) {
      long callerStart = mx.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      List<CompletableFuture<CallOutcome>> warm = submit(scheduler, o.warmup());
      long deadline = start + Math.max(60_000_000_000L, o.warmup() * 20_000_000L);
      long answered = 0;
      for (CompletableFuture<CallOutcome> f : warm) {
        if (await(f, deadline, scheduler).answered()) {
          answered++;
        }
      }
      long elapsed = System.nanoTime() - start;
      long cpu = clientCpu(scheduler) + mx.getCurrentThreadCpuTime() - callerStart;
      Duration settled = awaitCompilerIdle();
      return new Warmup(o.warmup(), answered, Duration.ofNanos(elapsed), cpu / o.warmup(), settled);
    }
  }

  /**
   * Waits until the JIT compiler has compiled nothing for a second (at most 30 seconds), so that
   * compilations queued by the warm-up neither compete with the measured calls for the CPU nor
   * leave them running code about to be replaced. Returns how long it waited.
   */
  private static Duration awaitCompilerIdle() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      sleep(Duration.ofSeconds(1));
      return Duration.ofNanos(System.nanoTime() - start);
    }
    long last = jit.getTotalCompilationTime();
    int quiet = 0;
    while (quiet < 10 && System.nanoTime() - start < 30_000_000_000L) {
      sleep(Duration.ofMillis(100));
      long now = jit.getTotalCompilationTime();
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The scheduler's worker threads (ended ones included) and its timer thread. */
  private static long clientCpu(CallScheduler scheduler) {
    long timer = 0;
    if (scheduler.clock() instanceof SchedulerClock.SystemClock c && c.thread() != null) {
      timer = cpu(ManagementFactory.getThreadMXBean(), Set.of(c.thread()));
    }
    return scheduler.workerCpuNanos() + timer;
  }

  /** The system message of every bench call, the length of the default prompt's. */
  static final String SYSTEM =
      "You are a clinical annotation assistant. You find mentions of clinical entities in text and"
          + " copy each one exactly as it is written.";

  /**
   * The user message of call {@code i}: instructions and a note of the length of a typical abstract
   * of the datasets (about 2,300 characters in all), different in every call.
   */
  static String userMessage(int i) {
    return """
        Find every mention of these entity types in the text below:
        - condition: a disease, disorder, syndrome, injury, sign or symptom
        - drug: a medication, chemical or other substance given to prevent, diagnose or treat illness

        Rules:
        - Copy each mention character for character from the text. Do not correct, expand or \
        explain it.
        - Give each distinct mention once, even when it occurs several times.
        - Keep a phrase that names several entities together, such as "breast and ovarian \
        cancer", as one mention.
        - Give an empty list for a type the text does not mention.

        Answer with one JSON object and nothing else, with exactly these keys:
        {"condition": ["..."], "drug": ["..."]}

        Text:
        Case %d. A 64-year-old man with long-standing hypertension and type 2 diabetes mellitus \
        was admitted with three days of worsening exertional chest pain and shortness of breath. \
        He had been taking metformin 1 g twice daily, lisinopril 20 mg daily and low-dose \
        aspirin. On arrival his blood pressure was 168/94 mmHg and his heart rate 104 beats per \
        minute; the electrocardiogram showed ST depression in the lateral leads, and the first \
        troponin was raised. He was given heparin, a second antiplatelet agent and intravenous \
        nitrates, and the pain settled within hours. Coronary angiography on the second day \
        showed a tight stenosis of the left anterior descending artery, which was treated with a \
        drug-eluting stent. During the stay he developed acute kidney injury after the contrast \
        load, with creatinine rising from 98 to 171 umol/L; metformin was withheld and the \
        injury resolved with intravenous fluids. An echocardiogram showed mild left ventricular \
        dysfunction with an ejection fraction of 45 percent. He reported no previous stroke, \
        peptic ulcer disease or bleeding. Atorvastatin 80 mg and bisoprolol were started, and he \
        was discharged on day five with advice on smoking cessation and cardiac rehabilitation. \
        At follow-up six weeks later he was free of angina, his renal function had returned to \
        baseline, and his glycated haemoglobin was 7.9 percent, for which his diabetes treatment \
        was intensified.
        """
        .formatted(i);
  }

  private static List<CompletableFuture<CallOutcome>> submit(CallScheduler scheduler, int n) {
    List<CompletableFuture<CallOutcome>> futures = new ArrayList<>(n);
    Sampling sampling = Sampling.greedy(); // one for all calls, as a run's plan has
    ResponseFormat format = ResponseFormat.text();
    for (int i = 0; i < n; i++) {
      // Rendered before the first call, as a run's plan renders its prompts.
      ChatRequest request =
          new ChatRequest(
              List.of(Message.system(SYSTEM), Message.user(userMessage(i))), sampling, format);
      futures.add(scheduler.submit(request, 600));
    }
    return futures;
  }

  private static CallOutcome await(
      CompletableFuture<CallOutcome> f, long deadline, CallScheduler scheduler) {
    try {
      return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      scheduler.abort();
      return f.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.abort();
      return f.join();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a scheduler future failed", e.getCause());
    }
  }

  @SuppressWarnings("deprecation") // Thread.getId(), the id ThreadMXBean takes in Java 17
  private static long cpu(ThreadMXBean mx, Set<Thread> threads) {
    long sum = 0;
    for (Thread t : threads) {
      long n = mx.getThreadCpuTime(t.getId());
      if (n > 0) {
        sum += n;
      }
    }
    return sum;
  }

  private static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static Duration percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Duration.ZERO;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, i))]);
  }
}
