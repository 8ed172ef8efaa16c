package org.ncer.model;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The wait before the next attempt of a call: exponential backoff with jitter, and never less than
 * the server's Retry-After.
 *
 * <p>The n-th retry waits a nominal {@code initial x 2^(n-1)}, capped at {@code max}, less a random
 * share of up to {@code jitter} of it, so that calls refused together do not come back together.
 * Not thread-safe: the scheduler calls it under its lock.
 */
final class Backoff {
  /** The largest share of the nominal wait that jitter takes off. */
  static final double JITTER = 0.5;

  private final long initialNanos;
  private final long maxNanos;
  private final SplittableRandom random;

  Backoff(Duration initial, Duration max, long seed) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = new SplittableRandom(seed);
  }

  /** The wait before retry {@code retry} (1 for the second attempt) without jitter. */
  long nominalNanos(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry " + retry + " is below 1");
    }
    int doublings = Math.min(retry - 1, 62);
    if (initialNanos == 0) {
      return 0;
    }
    if (doublings >= Long.numberOfLeadingZeros(initialNanos) - 1) {
      return maxNanos;
    }
    return Math.min(maxNanos, initialNanos << doublings);
  }

  /**
   * The wait before retry {@code retry}, or -1 when the server asked for more than the longest
   * wait: then the call ends with the server's answer rather than waiting less than it said.
   *
   * @param retryAfterNanos what the server asked for, or a negative value when it did not say
   */
  long nextNanos(int retry, long retryAfterNanos) {
    long nominal = nominalNanos(retry);
    long jittered = nominal - (long) (nominal * JITTER * random.nextDouble());
    if (retryAfterNanos < 0) {
      return jittered;
    }
    if (retryAfterNanos > maxNanos) {
      return -1;
    }
    return Math.max(jittered, retryAfterNanos);
  }
}
