package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void nominalWaitDoublesFromTheInitialWaitUpToTheCap() {
    // given
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 1);
    // when
    List<Long> nominal = new ArrayList<>();
    for (int retry = 1; retry <= 5; retry++) {
      nominal.add(b.nominalNanos(retry));
    }
    // then
    assertEquals(List.of(SECOND, 2 * SECOND, 4 * SECOND, 5 * SECOND, 5 * SECOND), nominal);
    assertEquals(5 * SECOND, b.nominalNanos(200));
  }

  @Test
  void jitterTakesAtMostHalfOfTheNominalWait() {
    // given
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 7);
    for (int i = 0; i < 1000; i++) {
      int retry = 1 + i % 6;
      // when
      long wait = b.nextNanos(retry, -1);
      // then
      long nominal = b.nominalNanos(retry);
      assertTrue(wait <= nominal && wait >= nominal / 2, wait + " for nominal " + nominal);
    }
  }

  @Test
  void sameSeedGivesTheSameWaitsAndAnotherSeedOthers() {
    // given
    Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 3);
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 3);
    Backoff c = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 4);
    // when
    List<Long> wa = new ArrayList<>();
    List<Long> wb = new ArrayList<>();
    List<Long> wc = new ArrayList<>();
    for (int retry = 1; retry <= 5; retry++) {
      wa.add(a.nextNanos(retry, -1));
      wb.add(b.nextNanos(retry, -1));
      wc.add(c.nextNanos(retry, -1));
    }
    // then
    assertEquals(wa, wb);
    assertNotEquals(wa, wc);
  }

  @Test
  void neverWaitsLessThanTheRetryAfter() {
    // given
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 1);
    // when / then
    assertEquals(30 * SECOND, b.nextNanos(1, 30 * SECOND));
    long shortRetryAfter = b.nextNanos(1, 1_000_000);
    assertTrue(shortRetryAfter >= SECOND / 2, "the backoff still applies: " + shortRetryAfter);
  }

  @Test
  void aRetryAfterBeyondTheLongestWaitEndsTheCall() {
    // given
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 1);
    // when / then
    assertEquals(-1, b.nextNanos(1, 61 * SECOND));
    assertEquals(60 * SECOND, b.nextNanos(1, 60 * SECOND));
  }

  @Test
  void zeroInitialWaitRetriesAtOnce() {
    // given
    Backoff b = new Backoff(Duration.ZERO, Duration.ofSeconds(1), 1);
    // when / then
    assertEquals(0, b.nextNanos(3, -1));
  }
}
