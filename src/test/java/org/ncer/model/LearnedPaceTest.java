package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearnedPaceTest {
  private static final long MS = 1_000_000L;

  @Test
  void theFirst429SetsAPaceBelowWhatWasSentInTheSecondBeforeIt() {
    // given: 60 requests in the last second, the oldest 1.5 s ago not counted
    LearnedPace p = new LearnedPace();
    p.sent(0);
    for (int i = 0; i < 60; i++) {
      p.sent(600 * MS + i * 15 * MS);
    }
    assertNull(p.pacer());
    // when
    p.rateLimited(1490 * MS, 1500 * MS);
    // then: 0.9 x the 60 requests sent within (0.5 s, 1.5 s]
    assertEquals(54, p.rate(), 1e-9);
    assertEquals(Math.round(1e9 / 54), p.pacer().intervalNanos());
  }

  @Test
  void laterOverloadsCutOncePerRoundAndAnswersRaiseItSlowly() {
    // given: a pace of 45 a second
    LearnedPace p = new LearnedPace();
    for (int i = 0; i < 50; i++) {
      p.sent((i + 1) * 20 * MS);
    }
    p.rateLimited(990 * MS, 1000 * MS);
    assertEquals(45, p.rate(), 1e-9);
    // when: 429s to attempts sent before the cut
    p.rateLimited(999 * MS, 1001 * MS);
    p.rateLimited(1000 * MS, 1002 * MS);
    // then: the same overload
    assertEquals(45, p.rate(), 1e-9);
    // when: 45 answers to attempts sent after the cut (about one second of them)
    for (int i = 0; i < 45; i++) {
      p.answered(1100 * MS + i);
    }
    // then: about one request a second more
    assertTrue(p.rate() > 45.95 && p.rate() < 46.05, "rate " + p.rate());
    // when: answers to attempts sent before the cut
    double before = p.rate();
    p.answered(900 * MS);
    // then: no growth
    assertEquals(before, p.rate(), 1e-12);
    // when: an overload after the cut
    p.rateLimited(1200 * MS, 1300 * MS);
    // then
    assertEquals(0.9 * before, p.rate(), 1e-9);
  }

  @Test
  void answersBeforeAny429DoNotPace() {
    LearnedPace p = new LearnedPace();
    p.sent(0);
    p.answered(0);
    assertNull(p.pacer());
    assertEquals(0, p.rate(), 0);
  }
}
