package org.ncer.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ncer.prompt.Message;

/**
 * What every provider's endpoint does, against a WireMock stub of the provider's documented API:
 * one request per {@link ChatEndpoint#send}, each outcome classified once, no key in any message.
 */
abstract class EndpointContractTest {
  static final String KEY = "sk-test-0123456789abcdefSECRET";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The clock a {@code Retry-After} date is measured from. */
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  /** Where a request field sits in the provider's request body. */
  enum Field {
    MODEL,
    TEMPERATURE,
    SEED,
    MAX_TOKENS
  }

  WireMockServer server;
  ChatEndpoint endpoint;
  @TempDir Path home;

  /**
   * The endpoint for model {@code name} at {@code baseUrl} (WireMock's root), opened via Endpoints.
   */
  abstract Endpoints.Opened open(String baseUrl, Duration timeout, Path home, Clock clock);

  /** The model name the endpoint sends. */
  abstract String modelName();

  abstract String chatPath();

  abstract String answer(String content, String finishReason, int inputTokens, int outputTokens);

  abstract String errorBody(String message);

  /** A 2xx body with no choice, or a choice without content. */
  abstract String noChoice();

  /** The JSON pointer of {@code f} in a request body. */
  abstract String pointer(Field f);

  abstract void assertJsonObjectFormat(JsonNode body);

  abstract void assertSchemaFormat(JsonNode body, JsonNode schema);

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    endpoint =
        open(
                "http://127.0.0.1:" + server.port(),
                Duration.ofSeconds(20),
                home,
                Clock.fixed(NOW, ZoneOffset.UTC))
            .endpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
    server.stop();
  }

  static ChatRequest request() {
    return new ChatRequest(
        List.of(Message.system("Find the entities."), Message.user("Patient has chest pain.")),
        Sampling.greedy(),
        ResponseFormat.text());
  }

  void stub(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlPathEqualTo(chatPath())).willReturn(response));
  }

  void stubJson(int status, String body) {
    stub(
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(body));
  }

  int requests() {
    return server.getAllServeEvents().size();
  }

  JsonNode sentBody() throws Exception {
    assertEquals(1, requests(), "requests sent");
    return JSON.readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
  }

  /** Sends once and checks the shared rules of a failure: one request, one line, no key. */
  Attempt.Failed failure(FailureKind expected) {
    Attempt a = endpoint.send(request());
    Attempt.Failed f = assertInstanceOf(Attempt.Failed.class, a, () -> "got " + a);
    assertEquals(expected, f.kind(), f.message());
    assertEquals(1, requests(), "exactly one request per send");
    assertFalse(f.message().contains(KEY), f.message());
    assertFalse(f.message().contains("\n"), f.message());
    return f;
  }

  @Test
  void answerCarriesTextUsageAndFinishReason() {
    // given
    stubJson(200, answer("chest pain|condition", "stop", 31, 7));
    // when
    Attempt a = endpoint.send(request());
    // then
    Attempt.Answered ok = assertInstanceOf(Attempt.Answered.class, a, () -> "got " + a);
    assertEquals("chest pain|condition", ok.text());
    assertEquals(new Usage(31, 7), ok.usage());
    assertEquals("stop", ok.finishReason());
    assertFalse(ok.truncated());
    assertEquals(1, requests());
  }

  @Test
  void requestCarriesModelMessagesAndSampling() throws Exception {
    stubJson(200, answer("x", "stop", 1, 1));
    Attempt a =
        endpoint.send(
            new ChatRequest(
                List.of(Message.system("sys"), Message.user("note text")),
                new Sampling(0.5, 42, 321),
                ResponseFormat.text()));
    assertInstanceOf(Attempt.Answered.class, a, () -> "got " + a);
    JsonNode body = sentBody();
    assertEquals(modelName(), body.at(pointer(Field.MODEL)).asText());
    assertEquals(0.5, body.at(pointer(Field.TEMPERATURE)).asDouble(), 1e-9);
    assertEquals(42, body.at(pointer(Field.SEED)).asInt());
    assertEquals(321, body.at(pointer(Field.MAX_TOKENS)).asInt());
    JsonNode messages = body.path("messages");
    assertEquals(2, messages.size());
    assertEquals("system", messages.get(0).path("role").asText());
    assertEquals("sys", messages.get(0).path("content").asText());
    assertEquals("user", messages.get(1).path("role").asText());
    assertEquals("note text", messages.get(1).path("content").asText());
  }

  @Test
  void greedySamplingSendsTemperatureZeroAndNoSeed() throws Exception {
    stubJson(200, answer("x", "stop", 1, 1));
    endpoint.send(request());
    JsonNode body = sentBody();
    assertEquals(0.0, body.at(pointer(Field.TEMPERATURE)).asDouble(-1), 1e-9);
    assertTrue(body.at(pointer(Field.SEED)).isMissingNode(), body.toString());
  }

  @Test
  void jsonObjectFormatIsSent() throws Exception {
    stubJson(200, answer("{\"a\":1}", "stop", 1, 1));
    endpoint.send(
        new ChatRequest(request().messages(), Sampling.greedy(), new ResponseFormat.JsonObject()));
    assertJsonObjectFormat(sentBody());
  }

  @Test
  void jsonSchemaIsSentVerbatim() throws Exception {
    String schema =
        """
        {"type":"object","properties":{"condition":{"type":"array","items":{"type":"string"}}},\
        "required":["condition"],"additionalProperties":false}""";
    stubJson(200, answer("{\"condition\":[]}", "stop", 1, 1));
    endpoint.send(
        new ChatRequest(
            request().messages(), Sampling.greedy(), new ResponseFormat.JsonSchema("ner", schema)));
    assertSchemaFormat(sentBody(), JSON.readTree(schema));
  }

  @ParameterizedTest
  @CsvSource({
    "400, BAD_REQUEST",
    "401, AUTHENTICATION",
    "403, FORBIDDEN",
    "404, MODEL_NOT_FOUND",
    "408, TIMEOUT",
    "500, SERVER",
    "502, SERVER",
    "503, SERVER",
    "418, OTHER"
  })
  void statusIsClassifiedOnce(int status, FailureKind kind) {
    stubJson(status, errorBody("the provider says no; key " + KEY + " was used"));
    Attempt.Failed f = failure(kind);
    assertEquals(status, f.status());
    assertTrue(f.message().contains("the provider says no"), f.message());
  }

  @Test
  void rateLimitWithRetryAfterSeconds() {
    stub(
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "7")
            .withHeader("Content-Type", "application/json")
            .withBody(errorBody("Rate limit reached")));
    Attempt.Failed f = failure(FailureKind.RATE_LIMITED);
    assertEquals(429, f.status());
    assertEquals(Duration.ofSeconds(7), f.retryAfter());
  }

  @Test
  void rateLimitWithRetryAfterHttpDate() {
    stub(
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "Mon, 02 Mar 2026 10:00:30 GMT")
            .withBody(errorBody("slow down")));
    assertEquals(Duration.ofSeconds(30), failure(FailureKind.RATE_LIMITED).retryAfter());
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    stub(
        aResponse()
            .withStatus(429)
            .withHeader("retry-after-ms", "1500")
            .withHeader("Retry-After", "2")
            .withBody(errorBody("slow down")));
    assertEquals(Duration.ofMillis(1500), failure(FailureKind.RATE_LIMITED).retryAfter());
  }

  @Test
  void rateLimitWithOnlyOpenAiRateLimitHeadersWaitsForTheUsedUpLimit() {
    stub(
        aResponse()
            .withStatus(429)
            .withHeader("x-ratelimit-limit-requests", "500")
            .withHeader("x-ratelimit-remaining-requests", "0")
            .withHeader("x-ratelimit-reset-requests", "120ms")
            .withHeader("x-ratelimit-limit-tokens", "30000")
            .withHeader("x-ratelimit-remaining-tokens", "29100")
            .withHeader("x-ratelimit-reset-tokens", "1.8s")
            .withBody(errorBody("Rate limit reached for requests")));
    assertEquals(Duration.ofMillis(120), failure(FailureKind.RATE_LIMITED).retryAfter());
  }

  @Test
  void rateLimitWithoutRetryAfterHasNoWait() {
    stubJson(429, errorBody("slow down"));
    assertNull(failure(FailureKind.RATE_LIMITED).retryAfter());
  }

  @Test
  void slowAnswerIsATimeout() {
    // given a warm server, and an endpoint that waits 400 ms for an answer that takes 2 s
    stubJson(200, answer("warm", "stop", 1, 1));
    assertInstanceOf(Attempt.Answered.class, endpoint.send(request()));
    server.resetRequests();
    stub(aResponse().withStatus(200).withFixedDelay(2000).withBody(answer("late", "stop", 1, 1)));
    try (ChatEndpoint impatient =
        open("http://127.0.0.1:" + server.port(), Duration.ofMillis(400), home, Clock.systemUTC())
            .endpoint()) {
      // when
      Attempt a = impatient.send(request());
      // then
      Attempt.Failed f = assertInstanceOf(Attempt.Failed.class, a, () -> "got " + a);
      assertEquals(FailureKind.TIMEOUT, f.kind(), f.message());
      assertEquals(0, f.status());
      assertEquals(1, requests(), "exactly one request per send");
    }
  }

  @Test
  void resetConnectionIsSentOnce() {
    stub(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertEquals(0, failure(FailureKind.CONNECTION).status());
  }

  @Test
  void emptyResponseIsAConnectionFailure() {
    stub(aResponse().withFault(Fault.EMPTY_RESPONSE));
    failure(FailureKind.CONNECTION);
  }

  @Test
  void refusedConnectionIsAConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (ChatEndpoint closed =
        open("http://127.0.0.1:" + port, Duration.ofSeconds(5), home, Clock.systemUTC())
            .endpoint()) {
      Attempt a = closed.send(request());
      Attempt.Failed f = assertInstanceOf(Attempt.Failed.class, a);
      assertEquals(FailureKind.CONNECTION, f.kind(), f.message());
      assertTrue(f.message().startsWith("connection refused"), f.message());
    }
  }

  @Test
  void malformedBodyIsGarbledWithTheBodyInTheMessage() {
    stubJson(200, "this is not json {");
    Attempt.Failed f = failure(FailureKind.GARBLED);
    assertEquals(200, f.status());
    assertTrue(f.message().contains("this is not json {"), f.message());
  }

  @Test
  void truncatedJsonIsGarbled() {
    String whole = answer("chest pain", "stop", 1, 1);
    stubJson(200, whole.substring(0, whole.length() / 2));
    failure(FailureKind.GARBLED);
  }

  @Test
  void htmlPageIsGarbledAndShortened() {
    String html =
        "<html><head><title>502 Bad Gateway</title></head><body>"
            + "x".repeat(5000)
            + "</body></html>";
    stub(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(html));
    Attempt.Failed f = failure(FailureKind.GARBLED);
    assertTrue(f.message().contains("502 Bad Gateway"), f.message());
    assertTrue(f.message().length() < 400, "shortened: " + f.message().length());
  }

  @Test
  void errorObjectWithStatus200IsGarbled() {
    stubJson(200, errorBody("overloaded"));
    assertTrue(failure(FailureKind.GARBLED).message().contains("overloaded"));
  }

  @Test
  void emptyObjectIsGarbled() {
    stubJson(200, "{}");
    failure(FailureKind.GARBLED);
  }

  @Test
  void noChoiceIsEmpty() {
    stubJson(200, noChoice());
    failure(FailureKind.EMPTY);
  }

  @Test
  void emptyContentIsEmpty() {
    stubJson(200, answer("", "stop", 5, 0));
    failure(FailureKind.EMPTY);
  }

  @Test
  void lengthFinishMeansTruncated() {
    stubJson(200, answer("chest pa", "length", 10, 2));
    Attempt.Answered ok = assertInstanceOf(Attempt.Answered.class, endpoint.send(request()));
    assertEquals("length", ok.finishReason());
    assertTrue(ok.truncated());
  }

  @Test
  void loopbackIsLocal() {
    assertTrue(endpoint.local());
    assertTrue(endpoint.baseUrl().startsWith("http://127.0.0.1:"));
  }

  @Test
  void parallelCallsEachGetTheirOwnAnswer() throws Exception {
    stubJson(200, answer("same", "stop", 3, 1));
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<Attempt> out =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> out.add(endpoint.send(request())));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(8, out.size());
    assertTrue(out.stream().allMatch(a -> a instanceof Attempt.Answered), out.toString());
    assertEquals(8, requests());
  }
}
