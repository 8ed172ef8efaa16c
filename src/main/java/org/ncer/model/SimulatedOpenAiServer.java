package org.ncer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ncer.Json;

/**
 * A stand-in for an OpenAI-compatible chat endpoint on 127.0.0.1, for measuring the scheduler:
 * every accepted request is answered after a fixed latency, and requests over a limit per sliding
 * second are refused at once with 429 and the wait until the window has room ({@code
 * retry-after-ms}, and {@code Retry-After} in whole seconds).
 *
 * <p>The window counts accepted requests only, as providers do. Answers have OpenAI's shape: one
 * choice with an assistant message, {@code finish_reason} and {@code usage} (input tokens counted
 * as a quarter of the characters).
 */
public final class SimulatedOpenAiServer implements AutoCloseable {
  /** The most requests answered at once; more wait for a handler thread. */
  static final int HANDLERS = 128;

  /** A limit per second no client reaches: every request is accepted. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final long latencyNanos;
  private final int perSecond;
  private final int burst;
  private double tokens;
  private long filledAt;
  private final ArrayDeque<Long> accepted = new ArrayDeque<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  static {
    // The JDK server writes a response's headers and body separately; without TCP_NODELAY the body
    // waits for the client's delayed ACK of the headers, about 40 ms, which no real endpoint adds.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private SimulatedOpenAiServer(Duration latency, int perSecond, int burst) throws IOException {
    this.latencyNanos = latency.toNanos();
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.filledAt = System.nanoTime();
    AtomicInteger count = new AtomicInteger();
    this.handlers =
        Executors.newFixedThreadPool(
            HANDLERS,
            r -> {
              Thread t = new Thread(r, "ncer-sim-server-" + count.incrementAndGet());
              t.setDaemon(true);
              threads.add(t);
              return t;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), HANDLERS);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  /**
   * Starts a server on a free loopback port that accepts at most {@code requestsPerSecond} in any
   * one-second window.
   *
   * @param latency how long each accepted request takes to answer
   * @param requestsPerSecond the most requests accepted in any one-second window
   */
  public static SimulatedOpenAiServer start(Duration latency, int requestsPerSecond) {
    return start(latency, requestsPerSecond, 0);
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param latency how long each accepted request takes to answer
   * @param requestsPerSecond the most requests accepted in any one-second window, or with a burst
   *     the rate at which the bucket refills
   * @param burst 0 for the sliding window; more for a token bucket of that many requests, full at
   *     the start and refilled at {@code requestsPerSecond}, which lets a burst through after a
   *     quiet spell
   */
  public static SimulatedOpenAiServer start(Duration latency, int requestsPerSecond, int burst) {
    if (latency.isNegative() || requestsPerSecond < 1 || burst < 0) {
      throw new IllegalArgumentException(
          "latency "
              + latency
              + ", limit "
              + requestsPerSecond
              + " per second or burst "
              + burst
              + " is out of range");
    }
    try {
      return new SimulatedOpenAiServer(latency, requestsPerSecond, burst);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the simulated endpoint on 127.0.0.1", e);
    }
  }

  /** The base URL, ending in {@code /v1} as OpenAI's does. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Requests received, refused ones included. */
  public long requests() {
    return requests.get();
  }

  /** Requests refused with 429. */
  public long refused() {
    return refused.get();
  }

  /** The threads that handled requests, for CPU accounting. */
  Set<Thread> handlerThreads() {
    return Set.copyOf(threads);
  }

  /**
   * The wait in nanoseconds until the window has room for one more request, 0 when it has room now;
   * a 0 also counts the request as accepted.
   */
  private long admit(long now) {
    if (perSecond == UNLIMITED) {
      return 0;
    }
    if (burst > 0) {
      return take(now);
    }
    synchronized (accepted) {
      while (!accepted.isEmpty() && now - accepted.peekFirst() >= WINDOW_NANOS) {
        accepted.pollFirst();
      }
      if (accepted.size() < perSecond) {
        accepted.addLast(now);
        return 0;
      }
      return Math.max(1, accepted.peekFirst() + WINDOW_NANOS - now);
    }
  }

  /** The token bucket's {@link #admit}. */
  private synchronized long take(long now) {
    tokens = Math.min(burst, tokens + (now - filledAt) * (double) perSecond / WINDOW_NANOS);
    filledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) * WINDOW_NANOS / perSecond));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      long wait = admit(System.nanoTime());
      if (wait > 0) {
        refused.incrementAndGet();
        long ms = (wait + 999_999) / 1_000_000;
        exchange.getResponseHeaders().add("retry-after-ms", Long.toString(ms));
        exchange.getResponseHeaders().add("Retry-After", Long.toString((ms + 999) / 1000));
        respond(
            exchange,
            429,
            "{\"error\":{\"message\":\"Rate limit reached: "
                + perSecond
                + " requests per second\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
        return;
      }
      JsonNode request;
      try {
        request = Json.mapper().readTree(body);
      } catch (IOException e) {
        respond(exchange, 400, "{\"error\":{\"message\":\"the body is not JSON\"}}");
        return;
      }
      long chars = 0;
      for (JsonNode m : request.path("messages")) {
        chars += m.path("content").asText("").length();
      }
      try {
        Thread.sleep(latencyNanos / 1_000_000, (int) (latencyNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      answerHeaders(exchange, requests.get());
      respond(exchange, 200, answer(request.path("model").asText("simulated"), chars));
    }
  }

  /** The assistant's answer to every accepted request, as long as a typical answer. */
  static final String ANSWER =
      "{\"condition\": [\"hypertension\", \"type 2 diabetes mellitus\", \"chest pain\","
          + " \"shortness of breath\", \"acute kidney injury\", \"left ventricular dysfunction\","
          + " \"stroke\", \"peptic ulcer disease\", \"bleeding\", \"angina\"], \"drug\":"
          + " [\"metformin\", \"lisinopril\", \"aspirin\", \"heparin\", \"nitrates\","
          + " \"atorvastatin\", \"bisoprolol\"]}";

  /** A chat completion in the shape OpenAI documents, with every field it sends. */
  private String answer(String model, long chars) {
    long n = requests.get();
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("id", "chatcmpl-sim-" + n);
    root.put("object", "chat.completion");
    root.put("created", System.currentTimeMillis() / 1000);
    root.put("model", model);
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", ANSWER);
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    ObjectNode usage = root.putObject("usage");
    long input = (chars + 3) / 4;
    long output = (ANSWER.length() + 3L) / 4;
    usage.put("prompt_tokens", input);
    usage.put("completion_tokens", output);
    usage.put("total_tokens", input + output);
    ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
    promptDetails.put("cached_tokens", 0);
    promptDetails.put("audio_tokens", 0);
    ObjectNode completionDetails = usage.putObject("completion_tokens_details");
    completionDetails.put("reasoning_tokens", 0);
    completionDetails.put("audio_tokens", 0);
    completionDetails.put("accepted_prediction_tokens", 0);
    completionDetails.put("rejected_prediction_tokens", 0);
    root.put("service_tier", "default");
    root.put("system_fingerprint", "fp_sim");
    return root.toString();
  }

  /** The headers OpenAI sends with an answer besides its content type and length. */
  private void answerHeaders(HttpExchange exchange, long n) {
    var h = exchange.getResponseHeaders();
    h.add("x-request-id", "req_sim_" + n);
    h.add("openai-organization", "user-sim");
    h.add("openai-processing-ms", Long.toString(latencyNanos / 1_000_000));
    h.add("openai-version", "2020-10-01");
    h.add(
        "x-ratelimit-limit-requests", Long.toString(perSecond == UNLIMITED ? 0 : perSecond * 60L));
    h.add("x-ratelimit-remaining-requests", "1");
    h.add("x-ratelimit-reset-requests", "20ms");
    h.add("x-ratelimit-limit-tokens", "2000000");
    h.add("x-ratelimit-remaining-tokens", "1999000");
    h.add("x-ratelimit-reset-tokens", "30ms");
    h.add("strict-transport-security", "max-age=31536000; includeSubDomains; preload");
    h.add("cache-control", "no-cache, must-revalidate");
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "simulated endpoint %s (%d requests/s%s)",
        baseUrl(),
        perSecond,
        burst > 0 ? ", bursts of " + burst : "");
  }
}
