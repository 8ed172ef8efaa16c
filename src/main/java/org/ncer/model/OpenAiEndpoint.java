package org.ncer.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * A model behind an OpenAI-compatible chat completions API ({@code POST <base>/chat/completions}):
 * OpenAI itself, Azure OpenAI, vLLM, llama.cpp, LM Studio, Together, Groq.
 */
final class OpenAiEndpoint extends EndpointBase {
  private final OpenAiChatModel chat;
  private final OkHttpChatClient http;
  private final boolean maxCompletionTokens;

  private OpenAiEndpoint(
      String model,
      String baseUrl,
      TokenEstimator tokens,
      OkHttpClient base,
      EndpointFailures failures,
      String authHint,
      OpenAiChatModel chat,
      OkHttpChatClient http,
      boolean maxCompletionTokens) {
    super(model, baseUrl, tokens, base, failures, authHint);
    this.chat = chat;
    this.http = http;
    this.maxCompletionTokens = maxCompletionTokens;
  }

  /**
   * Opens an endpoint.
   *
   * @param model the model as given, {@code openai:NAME}
   * @param name the model name sent to the API
   * @param baseUrl the API's base URL, ending before {@code /chat/completions}
   * @param key the API key, or null when the endpoint takes none
   * @param apiKeyHeader true to send the key as an {@code api-key} header (Azure), false for {@code
   *     Authorization: Bearer}
   * @param keyEnv the variable the key came from, named in authentication errors
   */
  static OpenAiEndpoint open(
      String model,
      String name,
      String baseUrl,
      String key,
      boolean apiKeyHeader,
      String keyEnv,
      Map<String, String> headers,
      Map<String, String> query,
      boolean maxCompletionTokens,
      OkHttpClient base,
      Clock clock) {
    OkHttpChatClientBuilder builder = new OkHttpChatClientBuilder(base);
    Map<String, String> allHeaders = new LinkedHashMap<>(headers);
    if (key != null && apiKeyHeader) {
      allHeaders.put("api-key", key);
    }
    OpenAiChatModel chat =
        OpenAiChatModel.builder()
            .httpClientBuilder(builder)
            .baseUrl(baseUrl)
            .apiKey(key != null && !apiKeyHeader ? key : null)
            .modelName(name)
            .maxRetries(0)
            .customHeaders(allHeaders)
            .customQueryParams(query)
            .logRequests(false)
            .logResponses(false)
            .build();
    String hint = keyEnv == null ? null : "check the key in $" + keyEnv;
    return new OpenAiEndpoint(
        model,
        baseUrl,
        Tokens.forModel(name),
        base,
        new EndpointFailures(key, clock),
        hint,
        chat,
        builder.built(),
        maxCompletionTokens);
  }

  @Override
  ChatModel chatModel() {
    return chat;
  }

  @Override
  OkHttpChatClient http() {
    return http;
  }

  @Override
  ChatRequestParameters parameters(ChatRequest request) {
    Sampling s = request.sampling();
    OpenAiChatRequestParameters.Builder b =
        OpenAiChatRequestParameters.builder().temperature(s.temperature()).seed(s.seed());
    if (maxCompletionTokens) {
      b.maxCompletionTokens(s.maxTokens());
    } else {
      b.maxOutputTokens(s.maxTokens());
    }
    b.responseFormat(format(request.format()));
    return b.build();
  }

  @Override
  public List<String> prepare(long longestPromptTokens) {
    return transportNotices();
  }
}
