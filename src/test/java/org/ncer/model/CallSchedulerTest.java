package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.model.FakeEndpoint.answer;
import static org.ncer.model.FakeEndpoint.fail;
import static org.ncer.model.FakeEndpoint.rateLimited;
import static org.ncer.model.FakeEndpoint.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CallSchedulerTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  private final ManualTime time = new ManualTime();

  private static Limits limits(int concurrency, double rpm, double tpm, int maxAttempts) {
    return new Limits(concurrency, rpm, tpm, maxAttempts, SECOND, Duration.ofSeconds(8));
  }

  private CallScheduler scheduler(FakeEndpoint endpoint, Limits limits) {
    return CallScheduler.create(endpoint, limits, time, time, 42);
  }

  private FakeEndpoint endpoint(Function<FakeEndpoint.Sent, Attempt> script) {
    return new FakeEndpoint(time, script);
  }

  private static CallOutcome now(CompletableFuture<CallOutcome> f) {
    assertTrue(f.isDone(), "the call is not done");
    assertFalse(f.isCompletedExceptionally());
    return f.join();
  }

  @Test
  void retriesFollowTheJitteredBackoffUpToTheCap() {
    // given: always 500, eight attempts, backoff 1 s doubling to at most 8 s
    FakeEndpoint e = endpoint(s -> fail(FailureKind.SERVER, 500));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 8));
    // when
    CompletableFuture<CallOutcome> f = s.submit(request("a"), 10);
    time.runUntilIdle();
    // then
    CallOutcome o = now(f);
    assertEquals(8, o.attempts());
    assertEquals(List.of(FailureKind.SERVER), List.copyOf(new java.util.HashSet<>(o.retried())));
    assertEquals(7, o.retried().size());
    List<Duration> at = e.sendTimes("a");
    long[] nominal = {1, 2, 4, 8, 8, 8, 8};
    for (int i = 1; i < at.size(); i++) {
      Duration gap = at.get(i).minus(at.get(i - 1));
      Duration max = Duration.ofSeconds(nominal[i - 1]);
      assertTrue(
          gap.compareTo(max) <= 0 && gap.compareTo(max.dividedBy(2)) >= 0,
          "wait " + i + " was " + gap + ", nominal " + max);
    }
  }

  @Test
  void sameSeedRetriesAtTheSameInstants() {
    // given
    List<List<Duration>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      ManualTime t = new ManualTime();
      FakeEndpoint e = new FakeEndpoint(t, x -> fail(FailureKind.TIMEOUT, 0));
      CallScheduler s = CallScheduler.create(e, limits(1, 0, 0, 5), t, t, 9);
      // when
      s.submit(request("a"), 1);
      t.runUntilIdle();
      runs.add(e.sendTimes("a"));
    }
    // then
    assertEquals(5, runs.get(0).size());
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test
  void retryAfterIsCountedFromTheFailedAttemptAndNeverShortened() {
    // given: "b" is sent at 3 s, after "a" held the only slot; its first answer asks for 7 s
    FakeEndpoint e =
        endpoint(
            x -> {
              if (x.call().equals("a")) {
                time.advance(Duration.ofSeconds(3));
                return answer("ok");
              }
              return x.atNanos() < Duration.ofSeconds(5).toNanos()
                  ? rateLimited(Duration.ofSeconds(7))
                  : answer("ok");
            });
    CallScheduler s = scheduler(e, limits(1, 0, 0, 3));
    // when
    s.submit(request("a"), 1);
    CompletableFuture<CallOutcome> b = s.submit(request("b"), 1);
    time.runUntilIdle();
    // then
    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(10)), e.sendTimes("b"));
    assertTrue(now(b).answered());
    assertEquals(List.of(FailureKind.RATE_LIMITED), now(b).retried());
  }

  @Test
  void aShortRetryAfterStillWaitsTheBackoff() {
    // given
    FakeEndpoint e =
        endpoint(x -> x.atNanos() == 0 ? rateLimited(Duration.ofMillis(10)) : answer("ok"));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 3));
    // when
    s.submit(request("a"), 1);
    time.runUntilIdle();
    // then: the backoff of 0.5 to 1 s, not the 10 ms
    Duration second = e.sendTimes("a").get(1);
    assertTrue(second.compareTo(Duration.ofMillis(500)) >= 0, second.toString());
  }

  @Test
  void aRetryAfterLongerThanTheLongestBackoffEndsTheCall() {
    // given
    FakeEndpoint e = endpoint(x -> rateLimited(Duration.ofMinutes(5)));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 6));
    // when
    CompletableFuture<CallOutcome> f = s.submit(request("a"), 1);
    time.runWork();
    // then
    CallOutcome o = now(f);
    assertEquals(1, o.attempts());
    assertEquals(FailureKind.RATE_LIMITED, ((Attempt.Failed) o.last()).kind());
  }

  @Test
  void permanentFailuresAreNotRetried() {
    for (FailureKind kind : List.of(FailureKind.BAD_REQUEST, FailureKind.OTHER)) {
      // given
      FakeEndpoint e = endpoint(x -> fail(kind, 400));
      CallScheduler s = scheduler(e, limits(2, 0, 0, 6));
      // when
      CompletableFuture<CallOutcome> f = s.submit(request("a"), 1);
      time.runUntilIdle();
      // then
      assertEquals(1, now(f).attempts(), kind.key());
      assertEquals(List.of(), now(f).retried());
      assertEquals(Duration.ZERO, time.now());
    }
  }

  @Test
  void everyRetriableKindIsRetriedUntilItIsAnswered() {
    List<FailureKind> retriable =
        List.of(
            FailureKind.RATE_LIMITED,
            FailureKind.SERVER,
            FailureKind.TIMEOUT,
            FailureKind.CONNECTION,
            FailureKind.GARBLED,
            FailureKind.EMPTY);
    // given: each kind once, then an answer
    int[] n = {0};
    FakeEndpoint e =
        endpoint(x -> n[0] < retriable.size() ? fail(retriable.get(n[0]++), 0) : answer("ok"));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 10));
    // when
    CompletableFuture<CallOutcome> f = s.submit(request("a"), 1);
    time.runUntilIdle();
    // then
    assertTrue(now(f).answered());
    assertEquals(7, now(f).attempts());
    assertEquals(retriable, now(f).retried());
  }

  @Test
  void stopsAfterMaxAttempts() {
    // given
    FakeEndpoint e = endpoint(x -> fail(FailureKind.SERVER, 503));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 3));
    // when
    CompletableFuture<CallOutcome> f = s.submit(request("a"), 1);
    time.runUntilIdle();
    // then
    CallOutcome o = now(f);
    assertEquals(3, o.attempts());
    assertEquals(3, e.attemptsOf("a"));
    assertEquals(List.of(FailureKind.SERVER, FailureKind.SERVER), o.retried());
    assertEquals(503, ((Attempt.Failed) o.last()).status());
  }

  @Test
  void aCallWaitingToRetryHoldsNoSlot() {
    // given: one slot; "a" fails first and waits at least half a second
    FakeEndpoint e =
        endpoint(
            x ->
                x.call().equals("a") && x.atNanos() == 0
                    ? fail(FailureKind.SERVER, 500)
                    : answer("ok"));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 3));
    CompletableFuture<CallOutcome> a = s.submit(request("a"), 1);
    CompletableFuture<CallOutcome> b = s.submit(request("b"), 1);
    // when
    time.runWork();
    // then: "b" was sent at once, while "a" waits
    assertEquals(List.of(Duration.ZERO), e.sendTimes("b"));
    assertTrue(now(b).answered());
    assertFalse(a.isDone());
    assertEquals(1, s.stats().waiting());
    assertEquals(0, s.stats().inFlight());
    time.runUntilIdle();
    assertTrue(now(a).answered());
    assertTrue(e.sendTimes("a").get(1).compareTo(Duration.ofMillis(500)) >= 0);
  }

  @Test
  void neverSendsMoreAtOnceThanTheConcurrency() {
    // given: a tokens-per-minute limit too high to wait on makes the concurrency fixed at 3
    FakeEndpoint e = endpoint(x -> answer("ok"));
    CallScheduler s = scheduler(e, limits(3, 0, 1e12, 1));
    for (int i = 0; i < 10; i++) {
      s.submit(request("c" + i), 1);
    }
    // then
    assertEquals(3, time.pendingWork());
    assertEquals(3, s.stats().inFlight());
    assertEquals(7, s.stats().queued());
    time.runOne();
    assertEquals(3, time.pendingWork());
    time.runUntilIdle();
    assertEquals(10, s.stats().answered());
  }

  @Test
  void pacingSpacesAttemptsEvenlyAtNinetyFivePercentOfTheRate() {
    // given: 600 rpm is one request every 60 / 570 s = 105.26 ms
    FakeEndpoint e = endpoint(x -> answer("ok"));
    CallScheduler s = scheduler(e, limits(10, 600, 0, 1));
    long interval = s.pacingIntervalNanos();
    // when
    for (int i = 0; i < 10; i++) {
      s.submit(request("c" + i), 1);
    }
    time.runUntilIdle();
    // then
    assertEquals(105_263_158, interval);
    List<FakeEndpoint.Sent> sent = e.sent();
    assertEquals(10, sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(i * interval, sent.get(i).atNanos(), "attempt " + i);
    }
  }

  @Test
  void everyAttemptRetriesIncludedTakesARequestPermit() {
    // given: no backoff, so only pacing spaces the retries
    int[] n = {0};
    FakeEndpoint e = endpoint(x -> n[0]++ < 2 ? fail(FailureKind.SERVER, 500) : answer("ok"));
    CallScheduler s =
        CallScheduler.create(
            e, new Limits(4, 600, 0, 5, Duration.ZERO, Duration.ZERO), time, time, 1);
    // when
    CompletableFuture<CallOutcome> f = s.submit(request("a"), 1);
    time.runUntilIdle();
    // then
    long interval = s.pacingIntervalNanos();
    assertTrue(now(f).answered());
    assertEquals(
        List.of(Duration.ZERO, Duration.ofNanos(interval), Duration.ofNanos(2 * interval)),
        e.sendTimes("a"));
    assertEquals(3, s.stats().attempts());
    assertEquals(2, s.stats().retries());
  }

  @Test
  void aCallLargerThanASecondsTokensBorrowsTheFollowingSeconds() {
    // given: 600 tpm at 95% is 9 tokens a second
    FakeEndpoint e = endpoint(x -> answer("ok"));
    CallScheduler s = scheduler(e, limits(4, 0, 600, 1));
    // when: 35 tokens at once, then 5 more
    CompletableFuture<CallOutcome> big = s.submit(request("big"), 35);
    CompletableFuture<CallOutcome> small = s.submit(request("small"), 5);
    time.runUntilIdle();
    // then: the large call waits until its tokens have come in (9 at the start and 9 more at each
    // of 1, 2 and 3 s), not forever; the small one takes the next second's refill
    assertTrue(now(big).answered());
    assertTrue(now(small).answered());
    assertEquals(List.of(Duration.ofSeconds(3)), e.sendTimes("big"));
    assertEquals(List.of(Duration.ofSeconds(4)), e.sendTimes("small"));
  }

  @Test
  void reportedTokensAboveTheEstimateDelayLaterCalls() {
    // given: 9 tokens a second; the estimate says 1 but the answer reports 10 input tokens
    List<Duration> at = new ArrayList<>();
    for (boolean correct : List.of(false, true)) {
      ManualTime t = new ManualTime();
      long reported = correct ? 100 : 1;
      FakeEndpoint e =
          new FakeEndpoint(
              t, x -> new Attempt.Answered("ok", new Usage(reported, 1), "stop", Duration.ZERO));
      CallScheduler s = CallScheduler.create(e, limits(1, 0, 600, 1), t, t, 1);
      // when
      s.submit(request("a"), 1);
      s.submit(request("b"), 1);
      t.runUntilIdle();
      at.add(e.sendTimes("b").get(0));
    }
    // then: with 100 reported, "b" waits until the 99 extra tokens are paid back
    assertEquals(Duration.ZERO, at.get(0));
    assertTrue(at.get(1).compareTo(Duration.ofSeconds(10)) >= 0, at.get(1).toString());
  }

  @Test
  void aRateLimitPausesEveryCallUntilTheRetryAfter() {
    // given: two slots; "a" draws a 429 asking for 5 s; "b" is in flight, "c" queued
    FakeEndpoint e =
        endpoint(
            x ->
                x.call().equals("a") && x.atNanos() == 0
                    ? rateLimited(Duration.ofSeconds(5))
                    : answer("ok"));
    CallScheduler s = scheduler(e, limits(2, 0, 1e12, 3));
    s.submit(request("a"), 1);
    s.submit(request("b"), 1);
    CompletableFuture<CallOutcome> c = s.submit(request("c"), 1);
    // when
    time.runUntilIdle();
    // then: "c" had a free slot after "a" returned but was held until 5 s
    assertTrue(now(c).answered());
    assertEquals(List.of(Duration.ZERO), e.sendTimes("b"));
    assertEquals(List.of(Duration.ofSeconds(5)), e.sendTimes("c"));
    assertEquals(Duration.ofSeconds(5), e.sendTimes("a").get(1));
    assertEquals(1, s.stats().rateLimited());
  }

  @Test
  void withoutLimitsA429RoundSetsAnEvenPaceForTheCallsAfterIt() {
    // given: no limits given; every request sent at time 0 is refused
    FakeEndpoint e = endpoint(x -> x.atNanos() == 0 ? rateLimited(null) : answer("ok"));
    CallScheduler s = scheduler(e, limits(16, 0, 0, 4));
    assertEquals(0, s.pacingIntervalNanos());
    // when
    List<CompletableFuture<CallOutcome>> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      calls.add(s.submit(request("c" + i), 1));
    }
    time.runUntilIdle();
    // then: the four refused at 0 set a pace of 0.9 x 4 a second, and every later send keeps it
    for (CompletableFuture<CallOutcome> f : calls) {
      assertTrue(now(f).answered());
    }
    assertEquals(4, s.stats().rateLimited());
    List<Long> later =
        e.sent().stream().map(FakeEndpoint.Sent::atNanos).filter(t -> t > 0).sorted().toList();
    assertEquals(12, later.size());
    for (int i = 1; i < later.size(); i++) {
      long gap = later.get(i) - later.get(i - 1);
      // 3.6 a second at first, growing by one a second each second: never above 7 a second here
      // (rate² grows by 2 an answer)
      assertTrue(gap >= 1e9 / 7, "gap " + i + " is " + gap + " ns");
    }
    assertTrue(s.pacingIntervalNanos() > 0 && s.pacingIntervalNanos() <= 1e9 / 3.6);
  }

  @Test
  void adaptiveConcurrencyShrinksOn429AndHoldsOn500() {
    // given: no rate limits, so concurrency adapts below 16, from 4
    String[] mode = {"ok"};
    FakeEndpoint e =
        endpoint(
            x ->
                switch (mode[0]) {
                  case "429" -> rateLimited(null);
                  case "500" -> fail(FailureKind.SERVER, 500);
                  default -> answer("ok");
                });
    CallScheduler s = scheduler(e, limits(16, 0, 0, 1));
    assertEquals(4, s.stats().concurrency());
    // when: 200 answers
    for (int i = 0; i < 200; i++) {
      s.submit(request("ok" + i), 1);
    }
    time.runUntilIdle();
    // then: grown to the maximum, never more in flight than allowed
    assertEquals(16, s.stats().concurrency());
    assertTrue(e.sent().stream().allMatch(x -> x.concurrent() <= 16));
    // when: one batch of 500s
    mode[0] = "500";
    for (int i = 0; i < 16; i++) {
      s.submit(request("e" + i), 1);
    }
    time.runUntilIdle();
    // then
    assertEquals(16, s.stats().concurrency());
    // when: one round of 429s, all sent before the first came back
    mode[0] = "429";
    for (int i = 0; i < 16; i++) {
      s.submit(request("r" + i), 1);
    }
    time.runUntilIdle();
    // then: cut once, not once per 429
    assertEquals(12, s.stats().concurrency());
    assertEquals(16, s.stats().rateLimited());
  }

  @Test
  void growthWaitsForAnswersToAttemptsSentAfterA500() {
    // given
    String[] mode = {"500"};
    FakeEndpoint e =
        endpoint(x -> mode[0].equals("500") ? fail(FailureKind.SERVER, 500) : answer("ok"));
    CallScheduler s = scheduler(e, limits(16, 0, 0, 1));
    s.submit(request("e"), 1);
    time.advance(Duration.ofMillis(1));
    mode[0] = "ok";
    // when: four calls sent after the 500 are answered
    for (int i = 0; i < 4; i++) {
      s.submit(request("ok" + i), 1);
    }
    time.runUntilIdle();
    // then
    assertEquals(5, s.stats().concurrency());
  }

  @Test
  void abortCancelsEveryCallNotBeingSentAndCountsItsAttempts() {
    // given: one slot; "a" answered, "b" failed once and waits, "c" is being sent, "d" queued
    FakeEndpoint e =
        endpoint(x -> x.call().equals("b") ? fail(FailureKind.SERVER, 500) : answer("ok"));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 5));
    CompletableFuture<CallOutcome> a = s.submit(request("a"), 1);
    CompletableFuture<CallOutcome> b = s.submit(request("b"), 1);
    CompletableFuture<CallOutcome> c = s.submit(request("c"), 1);
    CompletableFuture<CallOutcome> d = s.submit(request("d"), 1);
    time.runOne();
    time.runOne();
    assertEquals(1, time.pendingWork());
    // when
    s.abort();
    // then
    assertTrue(now(a).answered());
    CallOutcome ob = now(b);
    assertEquals(FailureKind.CANCELLED, ((Attempt.Failed) ob.last()).kind());
    assertEquals(1, ob.attempts());
    assertEquals(List.of(FailureKind.SERVER), ob.retried());
    CallOutcome od = now(d);
    assertEquals(FailureKind.CANCELLED, ((Attempt.Failed) od.last()).kind());
    assertEquals(0, od.attempts());
    assertFalse(c.isDone());
    time.runUntilIdle();
    assertTrue(now(c).answered());
    assertEquals(3, s.stats().attempts());
    assertEquals(0, e.attemptsOf("d"));
    assertEquals(2, s.stats().cancelled());
    // and a call submitted later never goes out
    CompletableFuture<CallOutcome> late = s.submit(request("late"), 1);
    assertEquals(0, now(late).attempts());
    assertTrue(s.aborted());
  }

  @Test
  void anAttemptThatFailsAfterTheAbortIsNotRetried() {
    // given: "a" is being sent when the run stops, and its attempt fails with a 500
    FakeEndpoint e = endpoint(x -> fail(FailureKind.SERVER, 500));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 5));
    CompletableFuture<CallOutcome> a = s.submit(request("a"), 1);
    // when
    s.abort();
    time.runUntilIdle();
    // then
    CallOutcome o = now(a);
    assertEquals(FailureKind.CANCELLED, ((Attempt.Failed) o.last()).kind());
    assertEquals(1, o.attempts());
    assertEquals(List.of(FailureKind.SERVER), o.retried());
    assertEquals(1, e.attemptsOf("a"));
  }

  @Test
  void aRunStoppingFailureCancelsTheCallsNotYetSent() {
    // given
    FakeEndpoint e = endpoint(x -> fail(FailureKind.AUTHENTICATION, 401));
    CallScheduler s = scheduler(e, limits(1, 0, 0, 5));
    CompletableFuture<CallOutcome> a = s.submit(request("a"), 1);
    CompletableFuture<CallOutcome> b = s.submit(request("b"), 1);
    // when
    time.runUntilIdle();
    // then
    assertEquals(FailureKind.AUTHENTICATION, ((Attempt.Failed) now(a).last()).kind());
    assertEquals(1, now(a).attempts());
    assertEquals(FailureKind.CANCELLED, ((Attempt.Failed) now(b).last()).kind());
    assertEquals(0, e.attemptsOf("b"));
    assertTrue(s.aborted());
  }

  @Test
  void anEndpointThatThrowsGivesAnOtherFailureNotALostCall() {
    // given
    FakeEndpoint e =
        endpoint(
            x -> {
              if (x.call().equals("boom")) {
                throw new IllegalStateException("no socket");
              }
              return x.call().equals("null") ? null : answer("ok");
            });
    CallScheduler s = scheduler(e, limits(2, 0, 0, 5));
    // when
    CompletableFuture<CallOutcome> boom = s.submit(request("boom"), 1);
    CompletableFuture<CallOutcome> nothing = s.submit(request("null"), 1);
    CompletableFuture<CallOutcome> fine = s.submit(request("fine"), 1);
    time.runUntilIdle();
    // then
    Attempt.Failed f = assertInstanceOf(Attempt.Failed.class, now(boom).last());
    assertEquals(FailureKind.OTHER, f.kind());
    assertEquals("the endpoint threw IllegalStateException: no socket", f.message());
    assertEquals(1, now(boom).attempts());
    assertEquals(FailureKind.OTHER, ((Attempt.Failed) now(nothing).last()).kind());
    assertTrue(now(fine).answered());
    assertEquals(0, s.stats().inFlight());
  }

  @Test
  void statsCountCallsAttemptsAndTokens() {
    // given
    FakeEndpoint e =
        endpoint(
            x ->
                x.call().equals("r") && x.atNanos() == 0
                    ? rateLimited(Duration.ofSeconds(1))
                    : x.call().equals("bad") ? fail(FailureKind.BAD_REQUEST, 400) : answer("ok"));
    CallScheduler s = scheduler(e, limits(4, 0, 0, 3));
    // when
    s.submit(request("r"), 1);
    s.submit(request("bad"), 1);
    s.submit(request("ok"), 1);
    time.runUntilIdle();
    // then
    SchedulerStats st = s.stats();
    assertEquals(3, st.submitted());
    assertEquals(3, st.done());
    assertEquals(2, st.answered());
    assertEquals(1, st.failed());
    assertEquals(0, st.cancelled());
    assertEquals(4, st.attempts());
    assertEquals(1, st.retries());
    assertEquals(1, st.rateLimited());
    assertEquals(20, st.inputTokens());
    assertEquals(4, st.outputTokens());
    assertEquals(0, st.inFlight());
    assertEquals(0, st.queued());
    assertEquals(0, st.waiting());
  }

  @Test
  void closeCompletesEveryFuture() throws Exception {
    // given: the system clock and threads, an endpoint that would fail slowly
    FakeEndpoint e = endpoint(x -> fail(FailureKind.SERVER, 500));
    List<CompletableFuture<CallOutcome>> futures = new ArrayList<>();
    try (CallScheduler s =
        CallScheduler.create(
            e, new Limits(1, 0, 0, 5, Duration.ofMinutes(1), Duration.ofMinutes(1)))) {
      for (int i = 0; i < 3; i++) {
        futures.add(s.submit(request("c" + i), 1));
      }
      futures.get(0).get(0, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException expected) {
      // the first call is waiting out its minute of backoff
    }
    // then
    for (CompletableFuture<CallOutcome> f : futures) {
      CallOutcome o = f.get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(FailureKind.CANCELLED, ((Attempt.Failed) o.last()).kind());
    }
  }
}
