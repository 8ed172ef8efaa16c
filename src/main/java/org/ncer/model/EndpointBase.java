package org.ncer.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import org.ncer.prompt.Message;

/**
 * What the LangChain4j-backed endpoints share: one attempt per {@link #send}, classified once by
 * what the HTTP layer received for that call (see {@link EndpointFailures}).
 */
abstract class EndpointBase implements ChatEndpoint {
  private final String model;
  private final String baseUrl;
  private final TokenEstimator tokens;
  private final OkHttpClient base;
  private final EndpointFailures failures;
  private final String authHint;
  private volatile BuiltParameters lastParameters;

  EndpointBase(
      String model,
      String baseUrl,
      TokenEstimator tokens,
      OkHttpClient base,
      EndpointFailures failures,
      String authHint) {
    this.model = model;
    this.baseUrl = baseUrl;
    this.tokens = tokens;
    this.base = base;
    this.failures = failures;
    this.authHint = authHint;
  }

  /** The LangChain4j model calls go through. */
  abstract ChatModel chatModel();

  /** The HTTP client the model built. */
  abstract OkHttpChatClient http();

  /** The provider's parameters for one request. */
  abstract ChatRequestParameters parameters(ChatRequest request);

  @Override
  public final String model() {
    return model;
  }

  @Override
  public final String baseUrl() {
    return baseUrl;
  }

  @Override
  public final boolean local() {
    return isLoopback(host(baseUrl));
  }

  @Override
  public final TokenEstimator tokens() {
    return tokens;
  }

  EndpointFailures failures() {
    return failures;
  }

  /** The notices every endpoint gives: data sent unencrypted to another machine. */
  List<String> transportNotices() {
    List<String> notices = new ArrayList<>();
    if (baseUrl.toLowerCase(Locale.ROOT).startsWith("http://") && !local()) {
      notices.add(
          "warning: "
              + baseUrl
              + " is plain http to another machine; prompts and answers travel unencrypted");
    }
    return notices;
  }

  /**
   * The provider's parameters for {@code request}: a run sends every call with the same sampling
   * and format, so the last ones built are kept and reused.
   */
  private ChatRequestParameters parametersOf(ChatRequest request) {
    BuiltParameters last = lastParameters;
    if (last == null || !last.matches(request)) {
      last = new BuiltParameters(request.sampling(), request.format(), parameters(request));
      lastParameters = last;
    }
    return last.parameters();
  }

  private record BuiltParameters(
      Sampling sampling, ResponseFormat format, ChatRequestParameters parameters) {
    boolean matches(ChatRequest r) {
      return sampling.equals(r.sampling()) && format.equals(r.format());
    }
  }

  @Override
  public final Attempt send(ChatRequest request) {
    OkHttpChatClient http = http();
    http.begin();
    long start = System.nanoTime();
    ChatResponse response = null;
    RuntimeException thrown = null;
    try {
      response =
          chatModel()
              .chat(
                  dev.langchain4j.model.chat.request.ChatRequest.builder()
                      .messages(messages(request.messages()))
                      .parameters(parametersOf(request))
                      .build());
    } catch (RuntimeException e) {
      thrown = e;
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    OkHttpExchange ex = http.lastExchange();
    if (ex == null) {
      return failures.notSent(
          thrown == null ? new IllegalStateException("no request") : thrown, latency);
    }
    if (ex.failure() != null) {
      return failures.io(ex.failure(), latency);
    }
    if (!ex.successful()) {
      return failures.status(ex, latency, authHint);
    }
    if (thrown != null || response == null) {
      return failures.garbled(ex, latency);
    }
    AiMessage ai = response.aiMessage();
    String finish =
        response.finishReason() == null
            ? null
            : response.finishReason().name().toLowerCase(Locale.ROOT);
    if (ai == null || ai.text() == null || ai.text().isBlank()) {
      return failures.empty(
          "the answer has no content" + (finish == null ? "" : " (finish reason " + finish + ")"),
          ex.status(),
          latency);
    }
    return new Attempt.Answered(ai.text(), usage(response.tokenUsage()), finish, latency);
  }

  @Override
  public void close() {
    OkHttpClients.shutdown(http().http());
    OkHttpClients.shutdown(base);
  }

  static List<ChatMessage> messages(List<Message> messages) {
    List<ChatMessage> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      out.add(
          switch (m.role()) {
            case "system" -> SystemMessage.from(m.content());
            case "assistant" -> AiMessage.from(m.content());
            default -> UserMessage.from(m.content());
          });
    }
    return out;
  }

  /** The LangChain4j form of {@code format}; a schema is passed through verbatim. */
  static dev.langchain4j.model.chat.request.ResponseFormat format(ResponseFormat format) {
    if (format instanceof ResponseFormat.JsonObject) {
      return dev.langchain4j.model.chat.request.ResponseFormat.JSON;
    }
    if (format instanceof ResponseFormat.JsonSchema s) {
      return dev.langchain4j.model.chat.request.ResponseFormat.builder()
          .type(ResponseFormatType.JSON)
          .jsonSchema(
              dev.langchain4j.model.chat.request.json.JsonSchema.builder()
                  .name(s.name())
                  .rootElement(JsonRawSchema.from(s.schema()))
                  .build())
          .build();
    }
    return null;
  }

  static Usage usage(TokenUsage u) {
    if (u == null) {
      return Usage.UNKNOWN;
    }
    return new Usage(count(u.inputTokenCount()), count(u.outputTokenCount()));
  }

  private static long count(Integer n) {
    return n == null || n < 0 ? -1 : n;
  }

  static String host(String url) {
    try {
      String h = URI.create(url).getHost();
      return h == null ? "" : h;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * Loopback by name or literal address; no name is looked up. {@code 0.0.0.0} counts: a connection
   * to it reaches this machine.
   */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("0.0.0.0")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127(\\.\\d{1,3}){3}");
  }
}
