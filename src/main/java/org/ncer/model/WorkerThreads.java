package org.ncer.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a scheduler sends its attempts on, and the CPU time they have used, those that have
 * ended included: an idle worker of a cached pool ends after a minute, and its time would otherwise
 * drop out of a measurement that spans its end.
 */
final class WorkerThreads implements ThreadFactory {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();
  private final Set<Thread> alive = new HashSet<>();
  private long endedCpu;

  WorkerThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable work) {
    Thread t =
        new Thread(
            () -> {
              try {
                work.run();
              } finally {
                ended(Thread.currentThread(), MX.getCurrentThreadCpuTime());
              }
            },
            prefix + count.incrementAndGet());
    t.setDaemon(true);
    synchronized (this) {
      alive.add(t);
    }
    return t;
  }

  private synchronized void ended(Thread t, long cpu) {
    alive.remove(t);
    endedCpu += Math.max(0, cpu);
  }

  /**
   * The CPU time, in nanoseconds, of every thread this factory made, so far; 0 when the JVM does
   * not measure thread CPU time.
   */
  @SuppressWarnings("deprecation") // Thread.getId(), the id ThreadMXBean takes in Java 17
  synchronized long cpuNanos() {
    long sum = endedCpu;
    for (Thread t : alive) {
      long n = MX.getThreadCpuTime(t.getId());
      if (n > 0) {
        sum += n;
      }
    }
    return sum;
  }

  /** How many threads this factory has made. */
  int made() {
    return count.get();
  }
}
