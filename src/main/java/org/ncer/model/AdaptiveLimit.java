package org.ncer.model;

/**
 * How many calls may be in flight: fixed, or found by additive increase and multiplicative decrease
 * (AIMD) when the provider's limits are not known.
 *
 * <p>Adaptive, the limit starts at {@code min(4, max)}. Until the first 429 or other sign of load,
 * each answer adds a call, so the limit doubles each round of answers (a slow start, as in TCP);
 * after it, each answer grows it by {@code 1 / limit}, about one more call per round, up to {@code
 * max}. A 429 cuts it to three quarters, at most once per round: a 429 to an attempt sent before
 * the last cut is the same overload, already answered. A 5xx, timeout or broken connection does not
 * shrink it but pauses growth: only answers to attempts sent after that failure grow it again. The
 * rate itself is held by {@link LearnedPace}. Not thread-safe: the scheduler calls it under its
 * lock.
 */
final class AdaptiveLimit {
  private static final int START = 4;
  private static final double DECREASE = 0.75;

  private final int max;
  private final boolean adaptive;
  private double window;
  private long lastDecrease = Long.MIN_VALUE;
  private long lastTrouble = Long.MIN_VALUE;

  private AdaptiveLimit(int max, boolean adaptive, double start) {
    this.max = max;
    this.adaptive = adaptive;
    this.window = start;
  }

  static AdaptiveLimit fixed(int limit) {
    return new AdaptiveLimit(limit, false, limit);
  }

  static AdaptiveLimit adaptive(int max) {
    return new AdaptiveLimit(max, true, Math.min(START, max));
  }

  boolean isAdaptive() {
    return adaptive;
  }

  /** The calls allowed in flight now, 1 to max. */
  int current() {
    return (int) Math.max(1, Math.min(max, Math.floor(window)));
  }

  /** An attempt sent at {@code sentAt} was answered. */
  void answered(long sentAt) {
    if (adaptive && sentAt > lastTrouble) {
      // Before the first sign of a limit every answer adds a call (the limit doubles each round);
      // after it, about one call per round.
      window = Math.min(max, window + (lastTrouble == Long.MIN_VALUE ? 1.0 : 1.0 / current()));
    }
  }

  /** An attempt sent at {@code sentAt} was refused with 429 at {@code now}. */
  void rateLimited(long sentAt, long now) {
    if (!adaptive) {
      return;
    }
    lastTrouble = Math.max(lastTrouble, now);
    if (sentAt > lastDecrease) {
      window = Math.max(1, Math.floor(window * DECREASE));
      lastDecrease = now;
    }
  }

  /** An attempt failed at {@code now} in a way that suggests load (5xx, timeout, connection). */
  void troubled(long now) {
    if (adaptive) {
      lastTrouble = Math.max(lastTrouble, now);
    }
  }
}
