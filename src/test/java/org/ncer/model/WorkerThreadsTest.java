package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

  /** Burns CPU on the calling thread for at least {@code nanos} of its own CPU time. */
  private static long burn(long nanos) {
    var mx = ManagementFactory.getThreadMXBean();
    long start = mx.getCurrentThreadCpuTime();
    long x = 0;
    while (mx.getCurrentThreadCpuTime() - start < nanos) {
      for (int i = 0; i < 10_000; i++) {
        x += i * 31L ^ x;
      }
    }
    return x;
  }

  @Test
  void theCpuOfAThreadThatEndedIsStillCounted() throws InterruptedException {
    assumeTrue(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported());
    // given
    WorkerThreads threads = new WorkerThreads("test-worker-");
    Thread t = threads.newThread(() -> burn(50_000_000L));

    // when: the thread runs 50 ms of CPU and ends
    t.start();
    t.join();

    // then
    assertEquals(1, threads.made());
    assertTrue(threads.cpuNanos() >= 50_000_000L, threads.cpuNanos() + " ns");
    assertTrue(t.getName().startsWith("test-worker-"));
    assertTrue(t.isDaemon());
  }
}
