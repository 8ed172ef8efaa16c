package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void permitsFollowOneIntervalApartWhateverTheDemand() {
    // given: 3,000 rpm at 95% is one permit every 21.05 ms
    Pacer p = Pacer.perMinute(3000, 0.95);
    long interval = p.intervalNanos();
    // when: five permits asked for at the same instant
    long[] due = new long[5];
    for (int i = 0; i < 5; i++) {
      due[i] = p.reserve(1_000);
    }
    // then
    assertEquals(21_052_632, interval);
    for (int i = 0; i < 5; i++) {
      assertEquals(1_000 + i * interval, due[i]);
    }
  }

  @Test
  void anIdleSpellSavesNoPermitsForABurst() {
    // given
    Pacer p = new Pacer(100);
    p.reserve(0);
    // when: long after the last permit, two are asked for together
    long first = p.reserve(10_000);
    long second = p.reserve(10_000);
    // then
    assertEquals(10_000, first);
    assertEquals(10_100, second);
  }
}
