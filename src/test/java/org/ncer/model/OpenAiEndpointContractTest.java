package org.ncer.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;

class OpenAiEndpointContractTest extends EndpointContractTest {

  @Override
  Endpoints.Opened open(String baseUrl, Duration timeout, Path home, Clock clock) {
    return Endpoints.open(
        new EndpointSettings(
            "openai:gpt-4o-mini",
            null,
            baseUrl + "/v1",
            null,
            null,
            4,
            null,
            null,
            timeout,
            Map.of("OPENAI_API_KEY", KEY)),
        home,
        clock);
  }

  @Override
  String modelName() {
    return "gpt-4o-mini";
  }

  @Override
  String chatPath() {
    return "/v1/chat/completions";
  }

  @Override
  String answer(String content, String finishReason, int inputTokens, int outputTokens) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"%s"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
        .formatted(
            quote(content), finishReason, inputTokens, outputTokens, inputTokens + outputTokens);
  }

  @Override
  String errorBody(String message) {
    return "{\"error\":{\"message\":"
        + quote(message)
        + ",\"type\":\"invalid_request_error\",\"code\":null}}";
  }

  @Override
  String noChoice() {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini","choices":[],
         "usage":{"prompt_tokens":3,"completion_tokens":0,"total_tokens":3}}""";
  }

  @Override
  String pointer(Field f) {
    return switch (f) {
      case MODEL -> "/model";
      case TEMPERATURE -> "/temperature";
      case SEED -> "/seed";
      case MAX_TOKENS -> "/max_tokens";
    };
  }

  @Override
  void assertJsonObjectFormat(JsonNode body) {
    assertEquals("json_object", body.at("/response_format/type").asText(), body.toString());
  }

  @Override
  void assertSchemaFormat(JsonNode body, JsonNode schema) {
    assertEquals("json_schema", body.at("/response_format/type").asText(), body.toString());
    assertEquals("ner", body.at("/response_format/json_schema/name").asText());
    assertEquals(schema, body.at("/response_format/json_schema/schema"));
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- OpenAI only

  @Test
  void keyGoesInTheBearerHeader() {
    stubJson(200, answer("x", "stop", 1, 1));
    endpoint.send(request());
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(chatPath()))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void authenticationFailureNamesTheVariableNotTheKey() {
    stubJson(401, errorBody("Incorrect API key provided: sk-test-********SECRET."));
    Attempt.Failed f = failure(FailureKind.AUTHENTICATION);
    assertTrue(f.message().contains("OPENAI_API_KEY"), f.message());
    assertTrue(!f.message().contains("SECRET"), f.message());
  }

  @Test
  void missingKeyStopsBeforeAnyCall() {
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                Endpoints.open(
                    EndpointSettings.of("openai:gpt-4o-mini", Map.of()), home, Clock.systemUTC()));
    assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    assertEquals(0, requests());
  }

  @Test
  void apiKeyEnvNamesAnotherVariable() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", KEY);
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                Endpoints.open(
                    new EndpointSettings(
                        "openai:gpt-4o-mini",
                        null,
                        null,
                        "MY_KEY",
                        null,
                        null,
                        null,
                        null,
                        null,
                        env),
                    home,
                    Clock.systemUTC()));
    assertTrue(e.getMessage().contains("MY_KEY"), e.getMessage());
  }

  @Test
  void localServerNeedsNoKey() {
    stubJson(200, answer("x", "stop", 1, 1));
    Endpoints.Opened o =
        Endpoints.open(
            new EndpointSettings(
                "openai:meta-llama/Llama-3.1-8B-Instruct",
                "vllm-local",
                server.baseUrl() + "/v1",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of()),
            home,
            Clock.systemUTC());
    try (ChatEndpoint vllm = o.endpoint()) {
      assertInstanceOf(Attempt.Answered.class, vllm.send(request()));
    }
    assertEquals("vllm-local", o.profile());
    assertEquals(8, o.limits().concurrency());
    server.verify(
        1, postRequestedFor(urlPathEqualTo(chatPath())).withHeader("Authorization", absent()));
  }

  @Test
  void azureProfileSendsApiKeyHeaderVersionAndDeploymentPath() {
    // given the azure profile with the server in place of https://{resource}.openai.azure.com
    String path = "/openai/deployments/my-gpt4o/chat/completions";
    server.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(answer("x", "stop", 1, 1))));
    Endpoints.Opened o =
        Endpoints.open(
            new EndpointSettings(
                "openai:my-gpt4o",
                "azure",
                server.baseUrl() + "/openai/deployments/{model}",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("AZURE_OPENAI_API_KEY", KEY)),
            home,
            Clock.systemUTC());
    // when
    try (ChatEndpoint azure = o.endpoint()) {
      assertInstanceOf(Attempt.Answered.class, azure.send(request()));
    }
    // then
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(path))
            .withQueryParam("api-version", equalTo("2024-10-21"))
            .withHeader("api-key", equalTo(KEY))
            .withHeader("Authorization", absent()));
  }

  @Test
  void azureResourceComesFromTheEnvironment() {
    Map<String, String> env =
        Map.of("AZURE_OPENAI_API_KEY", KEY, "AZURE_OPENAI_RESOURCE", "contoso");
    try (ChatEndpoint azure =
        Endpoints.open(
                new EndpointSettings(
                    "openai:dep1", "azure", null, null, null, null, null, null, null, env),
                home,
                Clock.systemUTC())
            .endpoint()) {
      assertEquals("https://contoso.openai.azure.com/openai/deployments/dep1", azure.baseUrl());
      assertTrue(!azure.local());
    }
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                Endpoints.open(
                    new EndpointSettings(
                        "openai:dep1",
                        "azure",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("AZURE_OPENAI_API_KEY", KEY)),
                    home,
                    Clock.systemUTC()));
    assertTrue(e.getMessage().contains("AZURE_OPENAI_RESOURCE"), e.getMessage());
  }

  @Test
  void profileFlagSendsMaxCompletionTokens() throws Exception {
    Path file = home.resolve("mine.yaml");
    Files.writeString(
        file,
        """
        reasoning:
          provider: openai
          base_url: %s/v1
          api_key_env: OPENAI_API_KEY
          max_completion_tokens: true
        """
            .formatted(server.baseUrl()));
    stubJson(200, answer("x", "stop", 1, 1));
    try (ChatEndpoint o1 =
        Endpoints.open(
                new EndpointSettings(
                    "openai:o3-mini",
                    "reasoning",
                    null,
                    null,
                    file,
                    null,
                    null,
                    null,
                    null,
                    Map.of("OPENAI_API_KEY", KEY)),
                home,
                Clock.systemUTC())
            .endpoint()) {
      o1.send(
          new ChatRequest(request().messages(), new Sampling(0, null, 500), ResponseFormat.text()));
    }
    JsonNode body = sentBody();
    assertEquals(500, body.path("max_completion_tokens").asInt());
    assertTrue(body.path("max_tokens").isMissingNode(), body.toString());
  }

  @Test
  void plainHttpToAnotherHostIsWarnedAbout() {
    try (ChatEndpoint remote =
        Endpoints.open(
                new EndpointSettings(
                    "openai:llama",
                    "vllm-local",
                    "http://10.20.30.40:8000/v1",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of()),
                home,
                Clock.systemUTC())
            .endpoint()) {
      List<String> notices = remote.prepare(100);
      assertEquals(1, notices.size(), notices.toString());
      assertTrue(notices.get(0).contains("unencrypted"), notices.get(0));
    }
    assertEquals(List.of(), endpoint.prepare(100));
  }

  @Test
  void openAiModelsCountWithTheirTokenizer() {
    assertEquals("tokenizer o200k_base", endpoint.tokens().method());
  }
}
