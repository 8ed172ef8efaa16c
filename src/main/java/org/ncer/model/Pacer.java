package org.ncer.model;

/**
 * Even spacing of requests: one permit every {@code interval}, handed out in order, with no burst
 * after an idle spell (the "virtual scheduling" form of the generic cell rate algorithm).
 *
 * <p>A limiter that refills a whole period at once (say 50 permits each second) lets a period's
 * permits go out together, and two periods' worth can fall within one second of a server's sliding
 * window; a server with a smoother bucket answers that with 429s. Not thread-safe: the scheduler
 * calls it under its lock.
 */
final class Pacer {
  private long intervalNanos;
  private long next;
  private boolean started;

  Pacer(long intervalNanos) {
    if (intervalNanos < 1) {
      throw new IllegalArgumentException("pacing interval " + intervalNanos + " ns is below 1");
    }
    this.intervalNanos = intervalNanos;
  }

  /** One permit every {@code 60 s / (rpm x margin)}. */
  static Pacer perMinute(double rpm, double margin) {
    return new Pacer(Math.max(1, Math.round(60e9 / (rpm * margin))));
  }

  long intervalNanos() {
    return intervalNanos;
  }

  /** Spaces the permits not yet handed out {@code intervalNanos} apart. */
  void intervalNanos(long intervalNanos) {
    if (intervalNanos < 1) {
      throw new IllegalArgumentException("pacing interval " + intervalNanos + " ns is below 1");
    }
    this.intervalNanos = intervalNanos;
  }

  /** Takes the next permit and returns the instant it is due, {@code now} or later. */
  long reserve(long now) {
    long due = started && next - now > 0 ? next : now;
    started = true;
    next = due + intervalNanos;
    return due;
  }
}
