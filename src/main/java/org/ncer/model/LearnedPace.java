package org.ncer.model;

import java.util.ArrayDeque;

/**
 * A request rate learned from 429s, for an endpoint whose limits were not given. Concurrency alone
 * cannot hold a rate limit: every probe above it sends a burst that draws 429s. So the first 429
 * sets an even pace at {@value #CUT} of the requests sent in the second before it (what the server
 * was letting through, and a little more); each later overload, at most once per round as for the
 * concurrency, cuts the pace by the same factor, and answers raise it by {@value #GROWTH} requests
 * a second each second, to follow a limit that rises. Not thread-safe: the scheduler calls it under
 * its lock.
 */
final class LearnedPace {
  static final double CUT = 0.9;
  static final double GROWTH = 1.0;
  static final double MIN_RATE = 0.1;
  private static final long SECOND = 1_000_000_000L;

  private final ArrayDeque<Long> sent = new ArrayDeque<>();
  private Pacer pacer;
  private double rate;
  private long lastCut = Long.MIN_VALUE;

  /** An attempt was sent at {@code at}. */
  void sent(long at) {
    sent.addLast(at);
    forget(at);
  }

  /** An attempt sent at {@code sentAt} was refused with 429 at {@code now}. */
  void rateLimited(long sentAt, long now) {
    forget(now);
    if (sentAt <= lastCut) {
      return; // sent before the last cut: the same overload, already answered
    }
    rate = Math.max(MIN_RATE, CUT * (pacer == null ? Math.max(1, sent.size()) : rate));
    if (pacer == null) {
      pacer = new Pacer(interval(rate));
    } else {
      pacer.intervalNanos(interval(rate));
    }
    lastCut = now;
  }

  /** An attempt sent at {@code sentAt} was answered. */
  void answered(long sentAt) {
    if (pacer != null && sentAt > lastCut) {
      rate += GROWTH / rate;
      pacer.intervalNanos(interval(rate));
    }
  }

  /** The pace, or null before the first 429. */
  Pacer pacer() {
    return pacer;
  }

  /** Requests a second the pace allows, 0 before the first 429. */
  double rate() {
    return pacer == null ? 0 : rate;
  }

  private void forget(long now) {
    while (!sent.isEmpty() && now - sent.peekFirst() >= SECOND) {
      sent.pollFirst();
    }
  }

  private static long interval(double perSecond) {
    return Math.max(1, Math.round(SECOND / perSecond));
  }
}
