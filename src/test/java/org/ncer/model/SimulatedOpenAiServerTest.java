package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedOpenAiServerTest {

  @Test
  void answersInOpenAisShapeAndRefusesRequestsOverTheLimitWithRetryAfter() {
    // given: three requests a second, no latency
    try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(Duration.ZERO, 3);
        ChatEndpoint client = ClientBench.clientEndpoint(server.baseUrl(), 2)) {
      // when: five requests within the same second
      List<Attempt> attempts = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        attempts.add(client.send(FakeEndpoint.request("note " + i + " with chest pain")));
      }
      // then
      for (int i = 0; i < 3; i++) {
        Attempt.Answered a = assertInstanceOf(Attempt.Answered.class, attempts.get(i));
        assertEquals(SimulatedOpenAiServer.ANSWER, a.text());
        assertEquals("stop", a.finishReason());
        assertTrue(a.usage().known());
        assertEquals((SimulatedOpenAiServer.ANSWER.length() + 3) / 4, a.usage().outputTokens());
      }
      for (int i = 3; i < 5; i++) {
        Attempt.Failed f = assertInstanceOf(Attempt.Failed.class, attempts.get(i));
        assertEquals(FailureKind.RATE_LIMITED, f.kind());
        assertEquals(429, f.status());
        assertNotNull(f.retryAfter());
        assertTrue(
            f.retryAfter().compareTo(Duration.ofSeconds(1)) <= 0 && !f.retryAfter().isNegative(),
            f.retryAfter().toString());
      }
      assertEquals(5, server.requests());
      assertEquals(2, server.refused());
      assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"));
      assertTrue(client.local());
    }
  }

  @Test
  void aTokenBucketLetsItsBurstThroughThenRefusesUntilItRefills() {
    // given: a bucket of four requests refilled at one a second
    try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(Duration.ZERO, 1, 4);
        ChatEndpoint client = ClientBench.clientEndpoint(server.baseUrl(), 2)) {
      // when: six requests at once
      List<Attempt> attempts = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        attempts.add(client.send(FakeEndpoint.request("note " + i)));
      }
      // then: the burst of four goes through; the fifth waits for about a second's refill
      for (int i = 0; i < 4; i++) {
        assertInstanceOf(Attempt.Answered.class, attempts.get(i), "attempt " + i);
      }
      Attempt.Failed f = assertInstanceOf(Attempt.Failed.class, attempts.get(4));
      assertEquals(FailureKind.RATE_LIMITED, f.kind());
      assertTrue(
          f.retryAfter().compareTo(Duration.ofMillis(500)) > 0
              && f.retryAfter().compareTo(Duration.ofSeconds(1)) <= 0,
          f.retryAfter().toString());
      assertEquals(2, server.refused());
      assertTrue(server.toString().contains("bursts of 4"), server.toString());
    }
  }

  @Test
  void aClosedServerIsAConnectionFailureNotAnException() {
    // given
    String url;
    try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(Duration.ZERO, 3)) {
      url = server.baseUrl();
    }
    try (ChatEndpoint client = ClientBench.clientEndpoint(url, 1)) {
      // when
      Attempt a = client.send(FakeEndpoint.request("x"));
      // then
      assertEquals(FailureKind.CONNECTION, assertInstanceOf(Attempt.Failed.class, a).kind());
    }
  }
}
