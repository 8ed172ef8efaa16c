package org.ncer.model;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the calls to one endpoint within its {@link Limits}: retries, pacing and concurrency.
 *
 * <p><b>Decorator order.</b> Each attempt of a call passes, from the outside in: <em>retry</em> (a
 * failed attempt of a retriable kind waits out its backoff on the clock, holding nothing, then
 * queues again, ahead of calls not yet started) &rarr; <em>not before</em> (after a 429 no attempt
 * starts before the latest Retry-After, or the backoff when the server gave none) &rarr;
 * <em>concurrency slot</em> (fixed, or adaptive when neither rpm nor tpm is set) &rarr; <em>rate
 * permits</em> (one request permit, {@code 60 s / (rpm x 0.95)} after the previous one, and the
 * call's estimated tokens from the tokens-per-minute bucket; with neither limit given, the pace
 * {@link LearnedPace} sets after the first 429) &rarr; <em>send</em>. So every attempt, retries
 * included, takes a request permit and its tokens. The slot is taken before the permits so that
 * permits are only reserved for calls that can go at once; the time between the two is the pacing
 * interval, not a backoff. In short: {@code Retry(NotBefore(Slot(Permits(send))))}.
 *
 * <p>Nothing sleeps: backoff, Retry-After, pacing and the pause after a 429 are tasks on the {@link
 * SchedulerClock}, and a call hands its slot back the moment its attempt returns. A retry is made
 * only for a {@link FailureKind#retriable() retriable} failure and at most {@link
 * Limits#maxAttempts()} attempts in all; its wait is exponential with jitter ({@link Backoff}) and
 * never shorter than the server's Retry-After. A Retry-After longer than {@link
 * Limits#maxBackoff()} ends the call with that 429 instead.
 *
 * <p><b>Stopping.</b> {@link #abort()} completes every call not being sent as {@link
 * FailureKind#CANCELLED}; a call being sent ends with its attempt's result, or cancelled when that
 * attempt failed and would have been retried. The scheduler also aborts by itself on the first
 * failure whose kind {@link FailureKind#stopsRun() stops the run} (401, 403, 404): no later call of
 * the run could succeed, so none is sent.
 *
 * <p>Every future completes normally, also when the endpoint throws (the attempt is then an {@link
 * FailureKind#OTHER} failure) or after {@link #close()}.
 */
public final class CallScheduler implements AutoCloseable {
  /** The share of a published rate that is used: a margin for clock and window differences. */
  static final double RATE_MARGIN = 0.95;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ChatEndpoint endpoint;
  private final Limits limits;
  private final SchedulerClock clock;
  private final Executor workers;
  private final List<AutoCloseable> owned;
  private final WorkerThreads workerThreads;
  private final Backoff backoff;
  private final Pacer requests;
  private final AtomicRateLimiter tokens;
  private final AdaptiveLimit slots;
  private final LearnedPace learned;

  private final Object lock = new Object();
  private final ArrayDeque<Call> ready = new ArrayDeque<>();
  private final Set<Call> waiting = new LinkedHashSet<>();
  private final Set<Call> paced = new LinkedHashSet<>();
  private int inFlight;
  private long notBefore;
  private boolean paused;
  private long wakeAt;
  private boolean wakePending;
  private boolean aborted;

  private long submitted;
  private long done;
  private long answered;
  private long failed;
  private long cancelled;
  private long attempts;
  private long retries;
  private long rateLimited;
  private long inputTokens;
  private long outputTokens;

  private CallScheduler(
      ChatEndpoint endpoint,
      Limits limits,
      SchedulerClock clock,
      Executor workers,
      long seed,
      List<AutoCloseable> owned,
      WorkerThreads workerThreads) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.owned = owned;
    this.workerThreads = workerThreads;
    this.backoff = new Backoff(limits.initialBackoff(), limits.maxBackoff(), seed);
    this.requests = limits.rpm() > 0 ? Pacer.perMinute(limits.rpm(), RATE_MARGIN) : null;
    this.tokens = limits.tpm() > 0 ? tokenBucket(limits.tpm(), clock) : null;
    boolean fixed = limits.rpm() > 0 || limits.tpm() > 0;
    this.learned = fixed ? null : new LearnedPace();
    this.slots =
        fixed
            ? AdaptiveLimit.fixed(limits.concurrency())
            : AdaptiveLimit.adaptive(limits.concurrency());
  }

  /**
   * Input tokens per second ({@code tpm / 60} at the rate margin), refilled each second. A call
   * whose estimate is larger than a second's tokens borrows the following seconds: Resilience4j's
   * reservation lets the count go below zero and reports the wait until it is paid back, so a large
   * call waits its turn rather than waiting forever.
   */
  private static AtomicRateLimiter tokenBucket(double tpm, SchedulerClock clock) {
    int perSecond = (int) Math.max(1, Math.min(Integer.MAX_VALUE, tpm * RATE_MARGIN / 60));
    RateLimiterConfig config =
        RateLimiterConfig.custom()
            .limitForPeriod(perSecond)
            .limitRefreshPeriod(Duration.ofSeconds(1))
            // Reservations never time out: the wait is scheduled, not slept.
            .timeoutDuration(Duration.ofDays(3650))
            .build();
    return new AtomicRateLimiter("ncer-tpm", config, clock::nanoTime);
  }

  /** A scheduler on the system clock, with its own worker threads. */
  public static CallScheduler create(ChatEndpoint endpoint, Limits limits) {
    SchedulerClock.SystemClock clock = SchedulerClock.system();
    WorkerThreads threads = new WorkerThreads("ncer-call-" + POOLS.incrementAndGet() + "-");
    ExecutorService workers = Executors.newCachedThreadPool(threads);
    return new CallScheduler(
        endpoint,
        limits,
        clock,
        workers,
        System.nanoTime(),
        List.of(workers::shutdownNow, clock),
        threads);
  }

  /**
   * A scheduler on the given clock and workers, for tests and simulations: with a manual clock and
   * an executor that runs tasks when told, every wait is deterministic and nothing sleeps.
   *
   * @param workers runs the attempts (the only place {@link ChatEndpoint#send} is called)
   * @param seed the seed of the backoff jitter
   */
  public static CallScheduler create(
      ChatEndpoint endpoint, Limits limits, SchedulerClock clock, Executor workers, long seed) {
    return new CallScheduler(endpoint, limits, clock, workers, seed, List.of(), null);
  }

  /**
   * Queues a call. The future completes with the outcome, never exceptionally.
   *
   * @param estimatedTokens the request's estimated input tokens, for the tokens-per-minute limit
   */
  public CompletableFuture<CallOutcome> submit(ChatRequest request, long estimatedTokens) {
    Objects.requireNonNull(request, "request");
    if (estimatedTokens < 0) {
      throw new IllegalArgumentException("estimated tokens " + estimatedTokens + " is negative");
    }
    Call call = new Call(request, estimatedTokens, clock.nanoTime());
    List<Call> finished = new ArrayList<>();
    synchronized (lock) {
      submitted++;
      if (aborted) {
        finished.add(cancel(call));
      } else {
        ready.addLast(call);
      }
    }
    complete(finished);
    dispatch();
    return call.future;
  }

  /** The counters now, taken together. */
  public SchedulerStats stats() {
    synchronized (lock) {
      return new SchedulerStats(
          submitted,
          done,
          answered,
          failed,
          cancelled,
          inFlight,
          ready.size(),
          waiting.size(),
          attempts,
          retries,
          rateLimited,
          inputTokens,
          outputTokens,
          slots.current());
    }
  }

  /** Whether the scheduler stopped sending, by {@link #abort()} or a run-stopping failure. */
  public boolean aborted() {
    synchronized (lock) {
      return aborted;
    }
  }

  /**
   * Stops sending: calls not being sent complete at once as {@link FailureKind#CANCELLED}, with the
   * attempts they made; calls being sent complete when their attempt returns.
   */
  public void abort() {
    List<Call> finished = new ArrayList<>();
    synchronized (lock) {
      stopLocked(finished);
    }
    complete(finished);
  }

  private void stopLocked(List<Call> finished) {
    aborted = true;
    for (Call c : ready) {
      finished.add(cancel(c));
    }
    ready.clear();
    for (Call c : waiting) {
      finished.add(cancel(c));
    }
    waiting.clear();
    for (Call c : paced) {
      inFlight--;
      finished.add(cancel(c));
    }
    paced.clear();
  }

  /** Aborts and stops the threads this scheduler started. */
  @Override
  public void close() {
    abort();
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing executors throws nothing checked; a failure here leaves daemon threads only.
      }
    }
  }

  /**
   * The CPU time, in nanoseconds, of the threads that sent attempts, ended ones included; 0 with
   * injected workers.
   */
  long workerCpuNanos() {
    return workerThreads == null ? 0 : workerThreads.cpuNanos();
  }

  /** The clock this scheduler waits on. */
  SchedulerClock clock() {
    return clock;
  }

  /**
   * The pacing interval between two request permits in nanoseconds: of the rpm limit, else of the
   * pace learned from 429s, else 0.
   */
  long pacingIntervalNanos() {
    synchronized (lock) {
      Pacer pace = requests != null ? requests : learned == null ? null : learned.pacer();
      return pace == null ? 0 : pace.intervalNanos();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Starts as many ready calls as the slot limit, the pause after a 429 and the permits allow. */
  private void dispatch() {
    List<Call> sendNow = new ArrayList<>();
    synchronized (lock) {
      while (!aborted && !ready.isEmpty() && inFlight < slots.current()) {
        long now = clock.nanoTime();
        if (paused && notBefore - now > 0) {
          wakeAt(notBefore, now);
          break;
        }
        Call c = ready.pollFirst();
        inFlight++;
        long due = now;
        Pacer pace = requests != null ? requests : learned == null ? null : learned.pacer();
        if (pace != null) {
          due = later(due, pace.reserve(now));
        }
        if (tokens != null && c.estimatedTokens > 0) {
          long wait = tokens.reservePermission(tokenPermits(c.estimatedTokens));
          due = later(due, now + Math.max(0, wait));
        }
        if (due - now > 0) {
          paced.add(c);
          clock.schedule(due - now, () -> sendWhenDue(c));
        } else {
          sendNow.add(c);
        }
      }
    }
    for (Call c : sendNow) {
      hand(c);
    }
  }

  private static long later(long a, long b) {
    return b - a > 0 ? b : a;
  }

  private static int tokenPermits(long tokens) {
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }

  private void wakeAt(long at, long now) {
    if (wakePending && at - wakeAt >= 0) {
      return;
    }
    wakePending = true;
    wakeAt = at;
    clock.schedule(
        at - now,
        () -> {
          synchronized (lock) {
            wakePending = false;
          }
          dispatch();
        });
  }

  /** A paced call's permits are due: send it, unless the run stopped or a 429 paused sending. */
  private void sendWhenDue(Call c) {
    synchronized (lock) {
      if (!paced.remove(c)) {
        return;
      }
      long now = clock.nanoTime();
      if (paused && notBefore - now > 0) {
        // Its permits are spent; it goes back to the front and takes new ones after the pause.
        inFlight--;
        ready.addFirst(c);
        wakeAt(notBefore, now);
        return;
      }
    }
    hand(c);
  }

  private void hand(Call c) {
    try {
      workers.execute(() -> attempt(c));
    } catch (RejectedExecutionException e) {
      List<Call> finished = new ArrayList<>();
      synchronized (lock) {
        inFlight--;
        finished.add(cancel(c));
      }
      complete(finished);
    }
  }

  /** Sends one attempt of {@code c} on a worker thread, then decides what follows. */
  private void attempt(Call c) {
    long sentAt;
    synchronized (lock) {
      sentAt = clock.nanoTime();
      if (learned != null) {
        learned.sent(sentAt);
      }
      attempts++;
      c.attempts++;
      if (c.attempts > 1) {
        retries++;
      }
    }
    Attempt result;
    try {
      result = endpoint.send(c.request);
      if (result == null) {
        result = failure(FailureKind.OTHER, "the endpoint returned no attempt", sentAt);
      }
    } catch (RuntimeException e) {
      result =
          failure(
              FailureKind.OTHER,
              "the endpoint threw " + e.getClass().getSimpleName() + ": " + e.getMessage(),
              sentAt);
    } catch (Error e) {
      returned(c, failure(FailureKind.OTHER, "the endpoint failed: " + e, sentAt), sentAt);
      throw e;
    }
    returned(c, result, sentAt);
  }

  private Attempt.Failed failure(FailureKind kind, String message, long sentAt) {
    return new Attempt.Failed(
        kind, 0, message, null, Duration.ofNanos(Math.max(0, clock.nanoTime() - sentAt)));
  }

  private void returned(Call c, Attempt result, long sentAt) {
    List<Call> finished = new ArrayList<>();
    synchronized (lock) {
      inFlight--;
      long now = clock.nanoTime();
      if (result instanceof Attempt.Answered a) {
        slots.answered(sentAt);
        if (learned != null) {
          learned.answered(sentAt);
        }
        Usage usage = a.usage();
        if (usage.inputTokens() > 0) {
          inputTokens += usage.inputTokens();
          // An estimate that fell short is paid for now; one that was too high is not refunded.
          long shortfall = usage.inputTokens() - c.estimatedTokens;
          if (tokens != null && shortfall > 0) {
            tokens.reservePermission(tokenPermits(shortfall));
          }
        }
        if (usage.outputTokens() > 0) {
          outputTokens += usage.outputTokens();
        }
        finished.add(finish(c, result));
      } else {
        Attempt.Failed f = (Attempt.Failed) result;
        long retryAfter = f.retryAfter() == null ? -1 : f.retryAfter().toNanos();
        switch (f.kind()) {
          case RATE_LIMITED -> {
            rateLimited++;
            slots.rateLimited(sentAt, now);
            if (learned != null) {
              learned.rateLimited(sentAt, now);
            }
          }
          case SERVER, TIMEOUT, CONNECTION -> slots.troubled(now);
          default -> {}
        }
        long wait =
            f.kind().retriable() && c.attempts < limits.maxAttempts()
                ? backoff.nextNanos(c.attempts, retryAfter)
                : -1;
        if (f.kind() == FailureKind.RATE_LIMITED) {
          // Capped: a call refused for longer than the longest backoff ends instead of waiting.
          long pause =
              Math.min(
                  limits.maxBackoff().toNanos(),
                  retryAfter >= 0
                      ? retryAfter
                      : wait >= 0 ? wait : limits.initialBackoff().toNanos());
          if (!paused || now + pause - notBefore > 0) {
            notBefore = now + pause;
            paused = true;
          }
        }
        if (f.kind().stopsRun()) {
          finished.add(finish(c, result));
          stopLocked(finished);
        } else if (wait < 0) {
          finished.add(finish(c, result));
        } else {
          c.retried.add(f.kind());
          if (aborted) {
            finished.add(cancel(c));
          } else {
            waiting.add(c);
            clock.schedule(wait, () -> retry(c));
          }
        }
      }
    }
    complete(finished);
    dispatch();
  }

  /** A call's backoff is over: it queues ahead of the calls not yet started. */
  private void retry(Call c) {
    synchronized (lock) {
      if (!waiting.remove(c)) {
        return;
      }
      ready.addFirst(c);
    }
    dispatch();
  }

  private Call finish(Call c, Attempt last) {
    done++;
    if (last instanceof Attempt.Answered) {
      answered++;
    } else {
      failed++;
    }
    c.outcome =
        new CallOutcome(
            last, c.attempts, c.retried, Duration.ofNanos(clock.nanoTime() - c.submittedAt));
    return c;
  }

  private Call cancel(Call c) {
    cancelled++;
    String message =
        c.attempts == 0
            ? "the run stopped before this call was sent"
            : "the run stopped after attempt " + c.attempts + " of this call";
    return finish(c, new Attempt.Failed(FailureKind.CANCELLED, 0, message, null, Duration.ZERO));
  }

  /** Completes futures outside the lock, so that their callbacks never run under it. */
  private static void complete(List<Call> finished) {
    for (Call c : finished) {
      c.future.complete(c.outcome);
    }
  }

  /** One call: its request, the attempts it made, and its future. Guarded by the lock. */
  private static final class Call {
    final ChatRequest request;
    final long estimatedTokens;
    final long submittedAt;
    final CompletableFuture<CallOutcome> future = new CompletableFuture<>();
    final List<FailureKind> retried = new ArrayList<>();
    int attempts;
    CallOutcome outcome;

    Call(ChatRequest request, long estimatedTokens, long submittedAt) {
      this.request = request;
      this.estimatedTokens = estimatedTokens;
      this.submittedAt = submittedAt;
    }
  }
}
