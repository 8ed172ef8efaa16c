package org.ncer.model;

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

  private ClientBench() {}

  /**
   * What to run.
   *
   * @param calls how many calls
   * @param latency the server's answer time
   * @param serverRps the server's limit: requests accepted per sliding second
   * @param rpm the client's requests-per-minute limit; 0 for none (adaptive concurrency)
   * @param concurrency the most calls in flight
   * @param warmup calls made first and not measured, so that the measured ones run compiled code;
   *     the bench then waits one second for the server's window to empty
   */
  public record Options(
      int calls, Duration latency, int serverRps, double rpm, int concurrency, int warmup) {
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

    /** N / allowed rate + one latency: the time a perfect client would take. */
    public Duration ideal() {
      double rate = serverRps;
      if (rpm > 0) {
        rate = Math.min(rate, rpm / 60);
      }
      return Duration.ofNanos((long) (calls / rate * 1e9)).plus(latency);
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
      int concurrency) {

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

  /** Starts a simulated server, runs the calls through a scheduler, and stops both. */
  public static Result run(Options o) {
    Limits limits =
        new Limits(o.concurrency(), o.rpm(), 0, 6, Duration.ofSeconds(1), Duration.ofSeconds(60));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (mx.isThreadCpuTimeSupported() && !mx.isThreadCpuTimeEnabled()) {
      mx.setThreadCpuTimeEnabled(true);
    }
    try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(o.latency(), o.serverRps());
        ChatEndpoint endpoint = clientEndpoint(server.baseUrl(), o.concurrency());
        CallScheduler scheduler = CallScheduler.create(endpoint, limits)) {
      if (o.warmup() > 0) {
        List<CompletableFuture<CallOutcome>> warm = submit(scheduler, o.warmup());
        long deadline = System.nanoTime() + Math.max(60_000_000_000L, 10 * o.ideal().toNanos());
        for (CompletableFuture<CallOutcome> f : warm) {
          await(f, deadline, scheduler);
        }
        sleep(Duration.ofSeconds(1));
      }
      long requestsBefore = server.requests();
      long refusedBefore = server.refused();
      long clientBefore = cpu(mx, scheduler.workerThreads()) + timerCpu(mx, scheduler);
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
      Set<Thread> client = scheduler.workerThreads();
      long clientCpu = cpu(mx, client) + caller + timerCpu(mx, scheduler) - clientBefore;
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
          server.requests() - requestsBefore,
          server.refused() - refusedBefore,
          clientCpu / o.calls(),
          processCpu < 0 ? -1 : processCpu / o.calls(),
          percentile(latencies, 0.50),
          percentile(latencies, 0.95),
          scheduler.stats().concurrency());
    }
  }

  private static List<CompletableFuture<CallOutcome>> submit(CallScheduler scheduler, int n) {
    List<CompletableFuture<CallOutcome>> futures = new ArrayList<>(n);
    Sampling sampling = Sampling.greedy(); // one for all calls, as a run's plan has
    ResponseFormat format = ResponseFormat.text();
    for (int i = 0; i < n; i++) {
      ChatRequest request =
          new ChatRequest(
              List.of(
                  Message.system("Find the conditions in the note."),
                  Message.user("Note " + i + ": the patient reported chest pain.")),
              sampling,
              format);
      futures.add(scheduler.submit(request, 20));
    }
    return futures;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  private static long timerCpu(ThreadMXBean mx, CallScheduler scheduler) {
    if (scheduler.clock() instanceof SchedulerClock.SystemClock c && c.thread() != null) {
      return cpu(mx, Set.of(c.thread()));
    }
    return 0;
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
