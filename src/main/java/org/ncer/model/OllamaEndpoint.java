package org.ncer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.ncer.NcerException;

/**
 * A model served by Ollama through its native API ({@code POST <base>/api/chat}, {@code "stream":
 * false}).
 *
 * <p>{@link #prepare(long)} checks that the server runs and has the model, and sizes the context
 * window: Ollama silently cuts a prompt longer than {@code num_ctx} from the front, which would
 * drop the instructions and score the model on a prompt it never saw.
 */
final class OllamaEndpoint extends EndpointBase {
  /** The context window Ollama uses when none is asked for (older releases; newer use more). */
  static final int DEFAULT_NUM_CTX = 2048;

  /** Tokens kept free in the window for the answer, beyond the longest prompt. */
  static final int ANSWER_RESERVE = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final OllamaChatModel chat;
  private final OkHttpChatClient http;
  private volatile Integer numCtx;

  private OllamaEndpoint(
      String model,
      String name,
      String baseUrl,
      OkHttpClient base,
      EndpointFailures failures,
      OllamaChatModel chat,
      OkHttpChatClient http) {
    super(model, baseUrl, TokenEstimator.charsPerToken(), base, failures, null);
    this.name = name;
    this.chat = chat;
    this.http = http;
  }

  /**
   * Opens an endpoint.
   *
   * @param model the model as given, {@code ollama:NAME}
   * @param name the model's name on the server, e.g. {@code llama3.1:8b}
   * @param baseUrl the server, e.g. {@code http://localhost:11434}, without {@code /api}
   */
  static OllamaEndpoint open(
      String model,
      String name,
      String baseUrl,
      Map<String, String> headers,
      OkHttpClient base,
      Clock clock) {
    OkHttpChatClientBuilder builder = new OkHttpChatClientBuilder(base);
    OllamaChatModel chat =
        OllamaChatModel.builder()
            .httpClientBuilder(builder)
            .baseUrl(baseUrl)
            .modelName(name)
            .maxRetries(0)
            .customHeaders(headers)
            .logRequests(false)
            .logResponses(false)
            .build();
    return new OllamaEndpoint(
        model, name, baseUrl, base, new EndpointFailures(null, clock), chat, builder.built());
  }

  /**
   * The server's URL from {@code OLLAMA_HOST}-style text: a scheme and port are added when missing
   * ({@code localhost} is {@code http://localhost:11434}); {@code 0.0.0.0}, a bind-all address for
   * the server, is reached as {@code 127.0.0.1}.
   */
  static String normalizeHost(String host) {
    String h = host.strip();
    while (h.endsWith("/")) {
      h = h.substring(0, h.length() - 1);
    }
    String lower = h.toLowerCase(Locale.ROOT);
    String scheme = "http://";
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int at = h.indexOf("://") + 3;
      scheme = h.substring(0, at);
      h = h.substring(at);
    }
    int slash = h.indexOf('/');
    String authority = slash < 0 ? h : h.substring(0, slash);
    String path = slash < 0 ? "" : h.substring(slash);
    boolean hasPort =
        authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
    if (!hasPort) {
      authority += scheme.equals("https://") ? ":443" : ":11434";
    }
    if (authority.startsWith("0.0.0.0:")) {
      authority = "127.0.0.1" + authority.substring("0.0.0.0".length());
    }
    return scheme + authority + path;
  }

  @Override
  ChatModel chatModel() {
    return chat;
  }

  @Override
  OkHttpChatClient http() {
    return http;
  }

  /** The context window requests ask for, or null for the server's default. */
  Integer numCtx() {
    return numCtx;
  }

  @Override
  ChatRequestParameters parameters(ChatRequest request) {
    Sampling s = request.sampling();
    return OllamaChatRequestParameters.builder()
        .temperature(s.temperature())
        .seed(s.seed())
        .maxOutputTokens(s.maxTokens())
        .numCtx(numCtx)
        .responseFormat(format(request.format()))
        .build();
  }

  @Override
  public List<String> prepare(long longestPromptTokens) {
    List<String> notices = new ArrayList<>(transportNotices());
    checkModelPulled();
    int needed = contextFor(longestPromptTokens);
    numCtx = needed;
    if (needed > DEFAULT_NUM_CTX) {
      notices.add(
          "num_ctx raised to "
              + needed
              + " for "
              + model()
              + " to hold the longest prompt (about "
              + longestPromptTokens
              + " tokens) and "
              + ANSWER_RESERVE
              + " answer tokens; a model with a smaller window cuts prompts");
    }
    return notices;
  }

  /** The smallest power of two, at least {@link #DEFAULT_NUM_CTX}, that holds prompt and answer. */
  static int contextFor(long promptTokens) {
    long need = Math.max(0, promptTokens) + ANSWER_RESERVE;
    long ctx = DEFAULT_NUM_CTX;
    while (ctx < need && ctx < (1 << 30)) {
      ctx <<= 1;
    }
    return (int) ctx;
  }

  private void checkModelPulled() {
    String url = baseUrl() + "/api/tags";
    OkHttpExchange ex = http.exchange(new Request.Builder().url(url).get().build());
    if (ex.failure() != null) {
      IOException e = ex.failure();
      if (e instanceof ConnectException) {
        throw new NcerException(
            "no Ollama server is running at "
                + baseUrl()
                + " (connection refused); start it with `ollama serve`, or set OLLAMA_HOST or"
                + " --base-url");
      }
      throw new NcerException(
          "the Ollama server at "
              + baseUrl()
              + " did not answer "
              + url
              + ": "
              + EndpointFailures.excerpt(String.valueOf(e.getMessage())));
    }
    if (!ex.successful()) {
      throw new NcerException(
          "the Ollama server at "
              + baseUrl()
              + " answered GET /api/tags with HTTP "
              + ex.status()
              + ": "
              + EndpointFailures.errorText(ex.body()));
    }
    List<String> names = new ArrayList<>();
    try {
      JsonNode models = JSON.readTree(ex.body()).path("models");
      for (JsonNode m : models) {
        names.add(m.path("name").asText(m.path("model").asText("")));
      }
    } catch (IOException e) {
      throw new NcerException(
          "the Ollama server at "
              + baseUrl()
              + " answered GET /api/tags with a body that is not JSON: "
              + EndpointFailures.excerpt(ex.body()));
    }
    if (!hasModel(names, name)) {
      throw new NcerException(
          "model '"
              + name
              + "' is not pulled on the Ollama server at "
              + baseUrl()
              + "; run `ollama pull "
              + name
              + "`"
              + (names.isEmpty() ? "" : " (it has " + String.join(", ", names) + ")"));
    }
  }

  /** Whether {@code wanted} is among {@code names}; a name without a tag means {@code :latest}. */
  static boolean hasModel(List<String> names, String wanted) {
    String full = wanted.contains(":") ? wanted : wanted + ":latest";
    for (String n : names) {
      String have = n.contains(":") ? n : n + ":latest";
      if (have.equals(full)) {
        return true;
      }
    }
    return false;
  }
}
