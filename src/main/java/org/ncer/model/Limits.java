package org.ncer.model;

import java.time.Duration;

/**
 * How the calls to one endpoint are paced and retried. A limit of 0 is not set.
 *
 * @param concurrency the most calls in flight at once; without {@code rpm} or {@code tpm} the
 *     scheduler adapts below it on 429s
 * @param rpm requests per minute allowed by the provider; 0 for none
 * @param tpm input tokens per minute allowed by the provider; 0 for none
 * @param maxAttempts the most attempts a call gets, the first included
 * @param initialBackoff the wait before the second attempt, doubled each time, with jitter
 * @param maxBackoff the longest wait between two attempts
 */
public record Limits(
    int concurrency,
    double rpm,
    double tpm,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  public Limits {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency " + concurrency + " is below 1");
    }
    if (rpm < 0 || tpm < 0) {
      throw new IllegalArgumentException(
          "rate limits " + rpm + " rpm, " + tpm + " tpm are negative");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts " + maxAttempts + " is below 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff " + initialBackoff + " to " + maxBackoff + " is not an increasing range");
    }
  }

  /** 16 calls at once, no rate limit, 6 attempts, backoff from 1 s to 60 s. */
  public static Limits defaults() {
    return new Limits(16, 0, 0, 6, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }
}
