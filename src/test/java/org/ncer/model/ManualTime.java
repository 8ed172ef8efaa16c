package org.ncer.model;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A clock that moves only when told, and an executor that runs its tasks only when told: a
 * scheduler driven by it is deterministic and never sleeps.
 */
final class ManualTime implements SchedulerClock, Executor {
  private record Timer(long at, long seq, Runnable task) {}

  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final ArrayDeque<Runnable> work = new ArrayDeque<>();
  private long now;
  private long seq;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void schedule(long delayNanos, Runnable task) {
    timers.add(new Timer(now + Math.max(0, delayNanos), seq++, task));
  }

  @Override
  public void execute(Runnable command) {
    work.add(command);
  }

  /** Tasks handed to the workers and not yet run: the attempts being sent. */
  int pendingWork() {
    return work.size();
  }

  /** Runs one worker task (sends one attempt); false when there was none. */
  boolean runOne() {
    Runnable r = work.poll();
    if (r == null) {
      return false;
    }
    r.run();
    return true;
  }

  /** Runs worker tasks until none is left, at the current time. */
  void runWork() {
    while (runOne()) {
      // keep going
    }
  }

  /** Moves the clock forward by {@code d}, running timers and worker tasks as they fall due. */
  void advance(Duration d) {
    long target = now + d.toNanos();
    runWork();
    while (!timers.isEmpty() && timers.peek().at <= target) {
      Timer t = timers.poll();
      now = Math.max(now, t.at);
      t.task.run();
      runWork();
    }
    now = target;
  }

  /** Runs everything, moving the clock through every timer, until nothing is left to do. */
  void runUntilIdle() {
    runWork();
    for (int guard = 0; !timers.isEmpty(); guard++) {
      if (guard > 1_000_000) {
        throw new AssertionError("timers never ran out");
      }
      Timer t = timers.poll();
      now = Math.max(now, t.at);
      t.task.run();
      runWork();
    }
  }

  Duration now() {
    return Duration.ofNanos(now);
  }
}
