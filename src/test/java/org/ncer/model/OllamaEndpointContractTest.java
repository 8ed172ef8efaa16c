package org.ncer.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;

class OllamaEndpointContractTest extends EndpointContractTest {

  @Override
  Endpoints.Opened open(String baseUrl, Duration timeout, Path home, Clock clock) {
    return Endpoints.open(
        new EndpointSettings(
            "ollama:llama3.1:8b", null, baseUrl, null, null, 4, null, null, timeout, Map.of()),
        home,
        clock);
  }

  @Override
  String modelName() {
    return "llama3.1:8b";
  }

  @Override
  String chatPath() {
    return "/api/chat";
  }

  @Override
  String answer(String content, String finishReason, int inputTokens, int outputTokens) {
    return """
        {"model":"llama3.1:8b","created_at":"2026-03-02T10:00:00.000Z",
         "message":{"role":"assistant","content":%s},"done_reason":"%s","done":true,
         "total_duration":5191566416,"load_duration":2154458,"prompt_eval_count":%d,
         "prompt_eval_duration":383809000,"eval_count":%d,"eval_duration":4799921000}"""
        .formatted(
            OpenAiEndpointContractTest.quote(content), finishReason, inputTokens, outputTokens);
  }

  @Override
  String errorBody(String message) {
    return "{\"error\":" + OpenAiEndpointContractTest.quote(message) + "}";
  }

  @Override
  String noChoice() {
    return """
        {"model":"llama3.1:8b","created_at":"2026-03-02T10:00:00.000Z","done_reason":"stop",
         "done":true,"prompt_eval_count":3,"eval_count":0}""";
  }

  @Override
  String pointer(Field f) {
    return switch (f) {
      case MODEL -> "/model";
      case TEMPERATURE -> "/options/temperature";
      case SEED -> "/options/seed";
      case MAX_TOKENS -> "/options/num_predict";
    };
  }

  @Override
  void assertJsonObjectFormat(JsonNode body) {
    assertEquals("json", body.path("format").asText(), body.toString());
  }

  @Override
  void assertSchemaFormat(JsonNode body, JsonNode schema) {
    assertEquals(schema, body.path("format"), body.toString());
  }

  void stubTags(String... names) {
    StringBuilder models = new StringBuilder();
    for (String n : names) {
      if (models.length() > 0) {
        models.append(',');
      }
      models.append(
          "{\"name\":\"%s\",\"model\":\"%s\",\"size\":4661224676,\"digest\":\"abc\"}"
              .formatted(n, n));
    }
    server.stubFor(
        get(urlPathEqualTo("/api/tags"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"models\":[" + models + "]}")));
  }

  // ---- Ollama only

  @Test
  void chatIsNotStreamed() throws Exception {
    stubJson(200, answer("x", "stop", 1, 1));
    endpoint.send(request());
    assertFalse(sentBody().path("stream").asBoolean(true));
  }

  @Test
  void prepareRaisesTheContextWindowAndRequestsAskForIt() throws Exception {
    // given
    stubTags("llama3.1:8b", "mistral:latest");
    stubJson(200, answer("x", "stop", 1, 1));
    // when
    List<String> notices = endpoint.prepare(5000);
    endpoint.send(request());
    // then 5000 + 1024 answer tokens -> 8192
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("num_ctx raised to 8192"), notices.get(0));
    JsonNode chat =
        JSON.readTree(
            server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/api/chat"))
                .findFirst()
                .orElseThrow()
                .getRequest()
                .getBodyAsString());
    assertEquals(8192, chat.at("/options/num_ctx").asInt());
  }

  @Test
  void shortPromptsKeepTheDefaultWindowSilently() {
    stubTags("llama3.1:8b");
    assertEquals(List.of(), endpoint.prepare(10));
  }

  @Test
  void contextIsAPowerOfTwoThatHoldsPromptAndAnswer() {
    assertEquals(2048, OllamaEndpoint.contextFor(0));
    assertEquals(2048, OllamaEndpoint.contextFor(1024));
    assertEquals(4096, OllamaEndpoint.contextFor(1025));
    assertEquals(4096, OllamaEndpoint.contextFor(3072));
    assertEquals(8192, OllamaEndpoint.contextFor(3073));
    assertEquals(131072, OllamaEndpoint.contextFor(100_000));
  }

  @Test
  void prepareFailsWhenTheModelIsNotPulled() {
    stubTags("mistral:latest");
    NcerException e = assertThrows(NcerException.class, () -> endpoint.prepare(10));
    assertTrue(e.getMessage().contains("ollama pull llama3.1:8b"), e.getMessage());
  }

  @Test
  void aNameWithoutTagMeansLatest() {
    assertTrue(OllamaEndpoint.hasModel(List.of("llama3:latest"), "llama3"));
    assertTrue(OllamaEndpoint.hasModel(List.of("llama3"), "llama3:latest"));
    assertFalse(OllamaEndpoint.hasModel(List.of("llama3:8b"), "llama3"));
    assertFalse(OllamaEndpoint.hasModel(List.of("llama3.1:latest"), "llama3"));
  }

  @Test
  void prepareSaysHowToStartAServerThatIsNotRunning() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (ChatEndpoint down =
        Endpoints.open(
                new EndpointSettings(
                    "ollama:llama3",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of("OLLAMA_HOST", "127.0.0.1:" + port)),
                home,
                Clock.systemUTC())
            .endpoint()) {
      NcerException e = assertThrows(NcerException.class, () -> down.prepare(10));
      assertTrue(e.getMessage().contains("ollama serve"), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
  }

  @Test
  void modelNotPulledAnswerIsModelNotFound() {
    stubJson(404, errorBody("model \"llama3.1:8b\" not found, try pulling it first"));
    assertTrue(failure(FailureKind.MODEL_NOT_FOUND).message().contains("try pulling it first"));
  }

  @Test
  void ollamaHostMayLackSchemeAndPort() {
    assertEquals("http://127.0.0.1:11434", OllamaEndpoint.normalizeHost("0.0.0.0:11434"));
    assertEquals("http://localhost:11434", OllamaEndpoint.normalizeHost("localhost"));
    assertEquals("http://gpu-box:8080", OllamaEndpoint.normalizeHost("gpu-box:8080/"));
    assertEquals(
        "https://ollama.example.org:443",
        OllamaEndpoint.normalizeHost("https://ollama.example.org"));
    assertEquals("http://[::1]:11434", OllamaEndpoint.normalizeHost("[::1]"));
  }

  @Test
  void defaultServerIsLocalhostAndOllamaHostOverridesIt() {
    try (ChatEndpoint d =
        Endpoints.open(EndpointSettings.of("ollama:llama3", Map.of()), home, Clock.systemUTC())
            .endpoint()) {
      assertEquals("http://localhost:11434", d.baseUrl());
      assertTrue(d.local());
    }
    Endpoints.Opened o =
        Endpoints.open(
            EndpointSettings.of("ollama:llama3", Map.of("OLLAMA_HOST", "gpu-box")),
            home,
            Clock.systemUTC());
    try (ChatEndpoint h = o.endpoint()) {
      assertEquals("http://gpu-box:11434", h.baseUrl());
      assertFalse(h.local());
    }
    assertEquals("ollama-local", o.profile());
    assertEquals(1, o.limits().concurrency());
  }

  @Test
  void ollamaEstimatesTokensFromCharacters() {
    assertEquals(TokenEstimator.charsPerToken().method(), endpoint.tokens().method());
  }
}
