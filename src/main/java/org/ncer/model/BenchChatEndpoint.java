package org.ncer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.ncer.Json;
import org.ncer.prompt.Message;

/**
 * A minimal OpenAI chat-completions client over OkHttp, for {@code ncer bench client}: one POST per
 * attempt with no retry of its own (OkHttp's {@code retryOnConnectionFailure} is off), a connection
 * pool as large as the concurrency, and the failure classified by status.
 */
final class BenchChatEndpoint implements ChatEndpoint {
  private static final MediaType JSON = MediaType.get("application/json");

  private final String baseUrl;
  private final String model;
  private final OkHttpClient http;

  BenchChatEndpoint(String baseUrl, String model, int concurrency) {
    this.baseUrl = baseUrl;
    this.model = model;
    this.http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
            .retryOnConnectionFailure(false)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .callTimeout(Duration.ofSeconds(120))
            .build();
  }

  @Override
  public String model() {
    return "openai:" + model;
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public boolean local() {
    return baseUrl.startsWith("http://127.0.0.1:") || baseUrl.startsWith("http://localhost:");
  }

  @Override
  public TokenEstimator tokens() {
    return TokenEstimator.charsPerToken();
  }

  @Override
  public List<String> prepare(long longestPromptTokens) {
    return List.of();
  }

  @Override
  public Attempt send(ChatRequest request) {
    long start = System.nanoTime();
    Request http;
    try {
      http =
          new Request.Builder()
              .url(baseUrl + "/chat/completions")
              .post(RequestBody.create(body(request), JSON))
              .build();
    } catch (IllegalArgumentException e) {
      return failed(FailureKind.OTHER, 0, "bad URL " + baseUrl, null, start);
    }
    try (Response response = this.http.newCall(http).execute()) {
      String text = response.body().string();
      int status = response.code();
      if (response.isSuccessful()) {
        return answered(text, start);
      }
      Duration retryAfter = retryAfter(response);
      String message = "HTTP " + status;
      return failed(kindOf(status), status, message, retryAfter, start);
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        return failed(FailureKind.CANCELLED, 0, "interrupted", null, start);
      }
      return failed(FailureKind.TIMEOUT, 0, "timed out: " + e.getMessage(), null, start);
    } catch (IOException e) {
      return failed(FailureKind.CONNECTION, 0, "connection failed: " + e.getMessage(), null, start);
    }
  }

  private String body(ChatRequest request) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("model", model);
    ArrayNode messages = root.putArray("messages");
    for (Message m : request.messages()) {
      messages.addObject().put("role", m.role()).put("content", m.content());
    }
    root.put("temperature", request.sampling().temperature());
    if (request.sampling().seed() != null) {
      root.put("seed", request.sampling().seed());
    }
    if (request.sampling().maxTokens() != null) {
      root.put("max_tokens", request.sampling().maxTokens());
    }
    return root.toString();
  }

  private static Attempt answered(String text, long start) {
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    JsonNode root;
    try {
      root = Json.mapper().readTree(text);
    } catch (IOException e) {
      return new Attempt.Failed(FailureKind.GARBLED, 200, "the answer is not JSON", null, latency);
    }
    JsonNode choice = root.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual()) {
      return new Attempt.Failed(
          FailureKind.EMPTY, 200, "the answer has no message content", null, latency);
    }
    JsonNode usage = root.path("usage");
    Usage u =
        new Usage(
            usage.path("prompt_tokens").asLong(-1), usage.path("completion_tokens").asLong(-1));
    String finish =
        choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
    return new Attempt.Answered(content.asText(), u, finish, latency);
  }

  private static Attempt failed(
      FailureKind kind, int status, String message, Duration retryAfter, long start) {
    return new Attempt.Failed(
        kind, status, message, retryAfter, Duration.ofNanos(System.nanoTime() - start));
  }

  static FailureKind kindOf(int status) {
    return switch (status) {
      case 400 -> FailureKind.BAD_REQUEST;
      case 401 -> FailureKind.AUTHENTICATION;
      case 403 -> FailureKind.FORBIDDEN;
      case 404 -> FailureKind.MODEL_NOT_FOUND;
      case 408 -> FailureKind.TIMEOUT;
      case 429 -> FailureKind.RATE_LIMITED;
      default -> status >= 500 && status < 600 ? FailureKind.SERVER : FailureKind.OTHER;
    };
  }

  /** {@code retry-after-ms} first, then {@code Retry-After} in seconds or as an HTTP date. */
  static Duration retryAfter(Response response) {
    String ms = response.header("retry-after-ms");
    if (ms != null) {
      try {
        return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.strip())));
      } catch (NumberFormatException e) {
        // fall through to Retry-After
      }
    }
    String value = response.header("retry-after");
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException bad) {
        return null;
      }
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
