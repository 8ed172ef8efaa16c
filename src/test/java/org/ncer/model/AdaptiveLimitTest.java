package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

  @Test
  void doublesEachRoundUntilTheFirst429ThenGrowsByAboutOneCallPerRound() {
    // given
    AdaptiveLimit l = AdaptiveLimit.adaptive(64);
    assertEquals(4, l.current());
    // when: one round of four answers, then one of eight
    for (int i = 0; i < 4; i++) {
      l.answered(i);
    }
    assertEquals(8, l.current());
    for (int i = 0; i < 8; i++) {
      l.answered(10 + i);
    }
    // then
    assertEquals(16, l.current());
    // when: a 429, then a round of answers to attempts sent after it
    l.rateLimited(30, 40);
    assertEquals(12, l.current());
    for (int i = 0; i < 12; i++) {
      l.answered(50 + i);
    }
    // then: one call more, not twelve
    assertEquals(13, l.current());
    for (int i = 0; i < 10_000; i++) {
      l.answered(100 + i);
    }
    assertEquals(64, l.current());
  }

  @Test
  void cutsOnceForTheAttemptsSentBeforeTheLastCut() {
    // given
    AdaptiveLimit l = AdaptiveLimit.adaptive(16);
    for (int i = 0; i < 200; i++) {
      l.answered(i);
    }
    assertEquals(16, l.current());
    // when: three 429s to attempts all sent before the first of them came back
    l.rateLimited(300, 400);
    l.rateLimited(301, 401);
    l.rateLimited(302, 402);
    // then
    assertEquals(12, l.current());
    // when: a 429 to an attempt sent after the cut
    l.rateLimited(450, 500);
    // then
    assertEquals(9, l.current());
    for (int i = 0; i < 10; i++) {
      l.rateLimited(600 + 200 * i, 700 + 200 * i);
    }
    assertEquals(1, l.current());
  }

  @Test
  void serverErrorsPauseGrowthWithoutShrinking() {
    // given
    AdaptiveLimit l = AdaptiveLimit.adaptive(16);
    // when: a 500 at time 100, then answers to attempts sent before it
    l.troubled(100);
    for (int i = 0; i < 50; i++) {
      l.answered(50);
    }
    // then
    assertEquals(4, l.current());
    // when: answers to attempts sent after it
    for (int i = 0; i < 4; i++) {
      l.answered(101);
    }
    // then
    assertEquals(5, l.current());
  }

  @Test
  void aFixedLimitNeverMoves() {
    // given
    AdaptiveLimit l = AdaptiveLimit.fixed(12);
    // when
    l.rateLimited(1, 2);
    l.troubled(3);
    l.answered(4);
    // then
    assertEquals(12, l.current());
  }
}
