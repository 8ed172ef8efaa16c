package org.ncer.model;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The time a {@link CallScheduler} runs on: a monotonic nanosecond reading and a way to run a task
 * later. Backoff, Retry-After, pacing and the "not before" pause are all waits on this clock, never
 * a sleeping thread, so tests can drive a scheduler with a manual clock and no real waits.
 */
public interface SchedulerClock {

  /** A monotonic reading in nanoseconds, like {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Runs {@code task} once, {@code delayNanos} from now (at once when 0 or less). The task must be
   * short: it may only hand work on, never send a request itself.
   */
  void schedule(long delayNanos, Runnable task);

  /**
   * The system clock, with one daemon thread for the delayed tasks. Closing the scheduler that owns
   * it stops that thread.
   */
  static SystemClock system() {
    return new SystemClock();
  }

  /** {@link System#nanoTime()} and a single-thread {@link ScheduledExecutorService}. */
  final class SystemClock implements SchedulerClock, AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;
    private volatile Thread thread;

    private SystemClock() {
      timer =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "ncer-call-timer-" + COUNT.incrementAndGet());
                t.setDaemon(true);
                thread = t;
                return t;
              });
      timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void schedule(long delayNanos, Runnable task) {
      if (timer.isShutdown()) {
        task.run();
        return;
      }
      timer.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** The timer thread, for CPU accounting; null before its first task. */
    Thread thread() {
      return thread;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
