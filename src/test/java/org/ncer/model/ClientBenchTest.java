package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientBenchTest {

  @Test
  void aSmallBenchAnswersEveryCallAndMeasuresTheWarmUpApart() {
    // given: 40 calls at 20 a second with 20 ms latency, after 30 warm-up calls
    ClientBench.Options o = new ClientBench.Options(40, Duration.ofMillis(20), 20, 0, 1200, 4, 30);

    // when
    ClientBench.Result r = ClientBench.run(o);

    // then
    assertEquals(40, r.answered());
    assertEquals(40 + r.rateLimited(), r.requests(), "the warm-up's requests are not counted");
    assertTrue(r.clientThreadsCpuPerCall() > 0);
    assertTrue(r.elapsed().compareTo(Duration.ofMillis(1900)) > 0, "40 calls at 20/s: " + r);
    assertTrue(r.efficiency() > 0 && r.efficiency() <= 1.05, "efficiency " + r.efficiency());
    assertTrue(r.p50().compareTo(Duration.ofMillis(20)) >= 0, r.p50().toString());
    ClientBench.Warmup w = r.warmup();
    assertNotNull(w);
    assertEquals(30, w.calls());
    assertEquals(30, w.answered());
    assertTrue(w.clientThreadsCpuPerCall() > 0);
  }

  @Test
  void noWarmUpMeansNone() {
    ClientBench.Result r =
        ClientBench.run(new ClientBench.Options(5, Duration.ZERO, 100, 0, 0, 2, 0));
    assertEquals(5, r.answered());
    assertNull(r.warmup());
  }

  @Test
  void aBurstTheServerLetsThroughShortensTheIdealTimeOnlyWhenTheServerIsTheLimit() {
    Duration l = Duration.ofMillis(300);
    assertEquals(
        Duration.ofSeconds(8).plus(l), new ClientBench.Options(500, l, 50, 100, 0, 32, 0).ideal());
    assertEquals(
        Duration.ofSeconds(10).plus(l), new ClientBench.Options(500, l, 50, 0, 0, 32, 0).ideal());
    // the client's 1,500 a minute (25 a second) is the limit: the burst does not help
    assertEquals(
        Duration.ofSeconds(20).plus(l),
        new ClientBench.Options(500, l, 50, 100, 1500, 32, 0).ideal());
  }

  @Test
  void everyBenchCallCarriesANoteOfItsOwn() {
    String a = ClientBench.userMessage(1);
    String b = ClientBench.userMessage(2);
    assertTrue(a.length() > 2000 && a.length() < 2600, a.length() + " characters");
    assertTrue(!a.equals(b));
    assertTrue(a.contains("Case 1.") && !a.contains("\\\n"));
  }
}
