package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointFailuresTest {
  private final EndpointFailures failures =
      new EndpointFailures(
          "sk-live-abcdefghijkl",
          Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));

  private static OkHttpExchange withHeaders(Map<String, List<String>> headers) {
    return new OkHttpExchange(429, headers, "{}", null);
  }

  @Test
  void retryAfterReadsMillisecondsSecondsAndDates() {
    assertEquals(
        Duration.ofMillis(250),
        failures.retryAfter(withHeaders(Map.of("retry-after-ms", List.of("250")))));
    assertEquals(
        Duration.ofMillis(1500),
        failures.retryAfter(withHeaders(Map.of("retry-after", List.of("1.5")))));
    assertEquals(
        Duration.ofSeconds(60),
        failures.retryAfter(
            withHeaders(Map.of("retry-after", List.of("Mon, 02 Mar 2026 10:01:00 GMT")))));
    assertEquals(
        Duration.ZERO,
        failures.retryAfter(
            withHeaders(Map.of("retry-after", List.of("Mon, 02 Mar 2026 09:00:00 GMT")))));
    assertNull(failures.retryAfter(withHeaders(Map.of("retry-after", List.of("soon")))));
    assertNull(failures.retryAfter(withHeaders(Map.of())));
  }

  @Test
  void withoutRetryAfterTheResetOfAUsedUpLimitIsTheWait() {
    // the headers OpenAI sends with a 429 for requests per minute
    Map<String, List<String>> requests =
        Map.of(
            "x-ratelimit-remaining-requests", List.of("0"),
            "x-ratelimit-reset-requests", List.of("1.2s"),
            "x-ratelimit-remaining-tokens", List.of("149000"),
            "x-ratelimit-reset-tokens", List.of("6m0s"));
    assertEquals(Duration.ofMillis(1200), failures.retryAfter(withHeaders(requests)));
    // both used up: the longer reset
    Map<String, List<String>> both =
        Map.of(
            "x-ratelimit-remaining-requests", List.of("0"),
            "x-ratelimit-reset-requests", List.of("20ms"),
            "x-ratelimit-remaining-tokens", List.of("0"),
            "x-ratelimit-reset-tokens", List.of("1m2.5s"));
    assertEquals(Duration.ofMillis(62_500), failures.retryAfter(withHeaders(both)));
    // Retry-After wins over them
    Map<String, List<String>> withRetryAfter = new java.util.HashMap<>(both);
    withRetryAfter.put("retry-after", List.of("2"));
    assertEquals(Duration.ofSeconds(2), failures.retryAfter(withHeaders(withRetryAfter)));
    // no limit used up, or a reset that is not a duration: no wait from them
    assertNull(
        failures.retryAfter(
            withHeaders(
                Map.of(
                    "x-ratelimit-remaining-requests", List.of("3"),
                    "x-ratelimit-reset-requests", List.of("1s")))));
    assertNull(
        failures.retryAfter(
            withHeaders(
                Map.of(
                    "x-ratelimit-remaining-requests", List.of("0"),
                    "x-ratelimit-reset-requests", List.of("soon")))));
  }

  @Test
  void goDurationsAreRead() {
    assertEquals(Duration.ofMillis(20), EndpointFailures.goDuration("20ms"));
    assertEquals(Duration.ofSeconds(3723), EndpointFailures.goDuration("1h2m3s"));
    assertEquals(Duration.ofMillis(6_000), EndpointFailures.goDuration(" 6s "));
    assertNull(EndpointFailures.goDuration("6 s"));
    assertNull(EndpointFailures.goDuration("1s and more"));
    assertNull(EndpointFailures.goDuration(""));
  }

  @Test
  void keysAndKeyLikeTextAreRemoved() {
    String m = failures.clean("bad key sk-live-abcdefghijkl and sk-proj-XYZ***1234\nsecond line");
    assertFalse(m.contains("abcdefghijkl"), m);
    assertFalse(m.contains("XYZ"), m);
    assertFalse(m.contains("\n"), m);
  }

  @Test
  void interruptedThreadIsCancelledNotATimeout() {
    Thread.currentThread().interrupt();
    try {
      assertEquals(
          FailureKind.CANCELLED, failures.io(new InterruptedIOException(), Duration.ZERO).kind());
    } finally {
      assertTrue(Thread.interrupted());
    }
    assertEquals(
        FailureKind.TIMEOUT,
        failures.io(new SocketTimeoutException("timeout"), Duration.ofSeconds(1)).kind());
  }

  @Test
  void errorTextPrefersTheProviderMessage() {
    assertEquals(
        "Rate limit reached [rate_limit_exceeded]",
        EndpointFailures.errorText(
            "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                + "\"code\":\"rate_limit_exceeded\"}}"));
    assertEquals("model not found", EndpointFailures.errorText("{\"error\":\"model not found\"}"));
    assertEquals("(no body)", EndpointFailures.errorText(""));
    assertEquals("plain text", EndpointFailures.errorText("plain\n text"));
  }
}
