package org.ncer.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenchChatEndpointTest {
  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private ChatEndpoint client;

  @BeforeEach
  void start() {
    server.start();
    client = ClientBench.clientEndpoint("http://127.0.0.1:" + server.port() + "/v1", 2);
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
  }

  private Attempt answer(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(response));
    return client.send(FakeEndpoint.request("Chest pain."));
  }

  private Attempt.Failed failed(ResponseDefinitionBuilder response) {
    return assertInstanceOf(Attempt.Failed.class, answer(response));
  }

  @Test
  void sendsTheMessagesAndReadsTheAnswerAndUsage() {
    // when
    Attempt a =
        answer(
            aResponse()
                .withStatus(200)
                .withBody(
                    """
                    {"choices":[{"message":{"role":"assistant","content":"['chest pain']"},
                      "finish_reason":"length"}],
                     "usage":{"prompt_tokens":12,"completion_tokens":5}}"""));
    // then
    Attempt.Answered ok = assertInstanceOf(Attempt.Answered.class, a);
    assertEquals("['chest pain']", ok.text());
    assertEquals(new Usage(12, 5), ok.usage());
    assertTrue(ok.truncated());
    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"simulated","temperature":0.0,
                     "messages":[{"role":"user","content":"Chest pain."}]}""")));
  }

  @Test
  void readsRetryAfterMillisecondsFirst() {
    // when
    Attempt.Failed f =
        failed(
            aResponse()
                .withStatus(429)
                .withHeader("retry-after-ms", "150")
                .withHeader("Retry-After", "9"));
    // then
    assertEquals(FailureKind.RATE_LIMITED, f.kind());
    assertEquals(Duration.ofMillis(150), f.retryAfter());
  }

  @Test
  void readsRetryAfterInSecondsOrAsADate() {
    // when
    Attempt.Failed seconds = failed(aResponse().withStatus(429).withHeader("Retry-After", "2"));
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    Attempt.Failed date = failed(aResponse().withStatus(503).withHeader("Retry-After", inAMinute));
    // then
    assertEquals(Duration.ofSeconds(2), seconds.retryAfter());
    assertEquals(FailureKind.SERVER, date.kind());
    assertTrue(
        date.retryAfter().compareTo(Duration.ofSeconds(55)) > 0
            && date.retryAfter().compareTo(Duration.ofSeconds(61)) <= 0,
        date.retryAfter().toString());
  }

  @Test
  void classifiesBadAnswersAndBrokenConnections() {
    assertEquals(FailureKind.AUTHENTICATION, failed(aResponse().withStatus(401)).kind());
    assertNull(failed(aResponse().withStatus(500)).retryAfter());
    assertEquals(
        FailureKind.GARBLED, failed(aResponse().withStatus(200).withBody("<html>")).kind());
    assertEquals(FailureKind.EMPTY, failed(aResponse().withStatus(200).withBody("{}")).kind());
    assertEquals(
        FailureKind.CONNECTION,
        failed(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).kind());
  }
}
