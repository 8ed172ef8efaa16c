package org.ncer.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the calls to one endpoint within its {@link Limits}: concurrency, pacing and retries.
 *
 * <p>A first, plain version: a fixed pool of {@code concurrency} threads and retries with
 * exponential backoff; no pacing yet.
 */
public final class CallScheduler implements AutoCloseable {
  private final ChatEndpoint endpoint;
  private final Limits limits;
  private final ExecutorService pool;
  private volatile boolean aborted;

  private CallScheduler(ChatEndpoint endpoint, Limits limits) {
    this.endpoint = endpoint;
    this.limits = limits;
    this.pool = Executors.newFixedThreadPool(limits.concurrency());
  }

  /** A scheduler on the system clock. */
  public static CallScheduler create(ChatEndpoint endpoint, Limits limits) {
    return new CallScheduler(endpoint, limits);
  }

  /**
   * Queues a call. The future completes with the outcome, never exceptionally.
   *
   * @param estimatedTokens the request's estimated input tokens, for the tokens-per-minute limit
   */
  public CompletableFuture<CallOutcome> submit(ChatRequest request, long estimatedTokens) {
    long submitted = System.nanoTime();
    return CompletableFuture.supplyAsync(() -> callWithRetries(request, submitted), pool);
  }

  private CallOutcome callWithRetries(ChatRequest request, long submitted) {
    List<FailureKind> retried = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      if (aborted) {
        return new CallOutcome(
            new Attempt.Failed(FailureKind.CANCELLED, 0, "the run stopped", null, Duration.ZERO),
            attempt - 1,
            retried,
            Duration.ofNanos(System.nanoTime() - submitted));
      }
      Attempt a = endpoint.send(request);
      if (!(a instanceof Attempt.Failed f)
          || !f.kind().retriable()
          || attempt >= limits.maxAttempts()) {
        return new CallOutcome(
            a, attempt, retried, Duration.ofNanos(System.nanoTime() - submitted));
      }
      retried.add(f.kind());
      Duration wait = limits.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
      if (f.retryAfter() != null) {
        wait = f.retryAfter();
      }
      if (wait.compareTo(limits.maxBackoff()) > 0) {
        wait = limits.maxBackoff();
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        aborted = true;
      }
    }
  }

  /** Stops sending: calls not yet sent complete as {@link FailureKind#CANCELLED}. */
  public void abort() {
    aborted = true;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
