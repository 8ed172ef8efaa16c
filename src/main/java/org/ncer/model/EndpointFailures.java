package org.ncer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the HTTP layer saw of a failed call into an {@link Attempt.Failed}, by the status when
 * one was received and by the I/O failure otherwise. Messages are one line, shortened, and hold no
 * key.
 */
final class EndpointFailures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 200;
  // Providers echo part of a rejected key ("Incorrect API key provided: sk-abc***xyz").
  private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|gsk|tgp)[-_][A-Za-z0-9_*.-]{4,}");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private final String secret;
  private final Clock clock;

  /**
   * @param secret the key in use, removed from every message; null when there is none
   * @param clock the time a {@code Retry-After} date is measured from
   */
  EndpointFailures(String secret, Clock clock) {
    this.secret = secret == null || secret.isEmpty() ? null : secret;
    this.clock = clock;
  }

  /** A failure for a response with a status outside 2xx. */
  Attempt.Failed status(OkHttpExchange ex, Duration latency, String hint) {
    int status = ex.status();
    FailureKind kind =
        switch (status) {
          case 400 -> FailureKind.BAD_REQUEST;
          case 401 -> FailureKind.AUTHENTICATION;
          case 403 -> FailureKind.FORBIDDEN;
          case 404 -> FailureKind.MODEL_NOT_FOUND;
          case 408 -> FailureKind.TIMEOUT;
          case 429 -> FailureKind.RATE_LIMITED;
          default -> status >= 500 && status < 600 ? FailureKind.SERVER : FailureKind.OTHER;
        };
    boolean waits = kind == FailureKind.RATE_LIMITED || kind == FailureKind.SERVER;
    String message = "HTTP " + status + " " + kind.key() + ": " + errorText(ex.body());
    if (hint != null && kind.stopsRun()) {
      message += " (" + hint + ")";
    }
    return new Attempt.Failed(kind, status, clean(message), waits ? retryAfter(ex) : null, latency);
  }

  /** A failure for a request that got no response: a timeout, a broken connection. */
  Attempt.Failed io(IOException e, Duration latency) {
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      return new Attempt.Failed(
          FailureKind.CANCELLED, 0, "the call was interrupted", null, latency);
    }
    if (e instanceof InterruptedIOException) {
      return new Attempt.Failed(
          FailureKind.TIMEOUT,
          0,
          clean("no answer in time (" + describe(e) + ") after " + seconds(latency)),
          null,
          latency);
    }
    String what =
        e instanceof ConnectException
            ? "connection refused"
            : e instanceof UnknownHostException ? "unknown host" : "connection failed";
    return new Attempt.Failed(
        FailureKind.CONNECTION, 0, clean(what + ": " + describe(e)), null, latency);
  }

  /** A 2xx whose body the model library could not read. */
  Attempt.Failed garbled(OkHttpExchange ex, Duration latency) {
    if (hasNoChoice(ex.body())) {
      return empty("the answer has no choice", ex.status(), latency);
    }
    return new Attempt.Failed(
        FailureKind.GARBLED,
        ex.status(),
        clean(
            "HTTP "
                + ex.status()
                + " with a body that is not the API's answer: "
                + excerpt(ex.body())),
        null,
        latency);
  }

  Attempt.Failed empty(String what, int status, Duration latency) {
    return new Attempt.Failed(FailureKind.EMPTY, status, clean(what), null, latency);
  }

  /** A failure before anything was sent (the model library refused the request). */
  Attempt.Failed notSent(RuntimeException e, Duration latency) {
    return new Attempt.Failed(
        FailureKind.OTHER, 0, clean("the request was not sent: " + describe(e)), null, latency);
  }

  /**
   * How long the server asked to wait: {@code retry-after-ms} first (OpenAI's, finer), then {@code
   * Retry-After} as seconds or an HTTP date; null when neither is given or readable.
   */
  Duration retryAfter(OkHttpExchange ex) {
    String ms = ex.header("retry-after-ms");
    if (ms != null) {
      try {
        double v = Double.parseDouble(ms.strip());
        if (v >= 0 && v < 1e12) {
          return Duration.ofNanos(Math.round(v * 1_000_000));
        }
      } catch (NumberFormatException e) {
        // fall through to Retry-After
      }
    }
    String ra = ex.header("retry-after");
    if (ra == null) {
      return rateLimitReset(ex);
    }
    String v = ra.strip();
    try {
      double s = Double.parseDouble(v);
      return s >= 0 && s < 1e9 ? Duration.ofMillis(Math.round(s * 1000)) : null;
    } catch (NumberFormatException e) {
      // an HTTP date, below
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Without {@code Retry-After}: when the answer's rate-limit headers (OpenAI's {@code
   * x-ratelimit-remaining-requests} / {@code -tokens} and {@code x-ratelimit-reset-requests} /
   * {@code -tokens}, durations such as {@code 20ms}, {@code 1s} or {@code 6m0s}) say that a limit
   * is used up, the time until the longest such limit resets; null when none says so.
   */
  static Duration rateLimitReset(OkHttpExchange ex) {
    Duration wait = null;
    for (String limit : List.of("requests", "tokens")) {
      String remaining = ex.header("x-ratelimit-remaining-" + limit);
      Duration reset = goDuration(ex.header("x-ratelimit-reset-" + limit));
      if (remaining != null && remaining.strip().equals("0") && reset != null) {
        wait = wait == null || reset.compareTo(wait) > 0 ? reset : wait;
      }
    }
    return wait;
  }

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  /**
   * A duration written as Go writes one ({@code 1h2m3.5s}, {@code 20ms}); null if it is not one.
   */
  static Duration goDuration(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = DURATION_PART.matcher(text.strip());
    double millis = 0;
    int at = 0;
    while (m.lookingAt()) {
      double v = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "h" -> v * 3_600_000;
            case "m" -> v * 60_000;
            case "s" -> v * 1000;
            default -> v;
          };
      at = m.end();
      m.region(at, m.regionEnd());
    }
    if (at == 0 || at != text.strip().length() || millis > 1e12) {
      return null;
    }
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  /** The provider's error message from an error body, else the body shortened. */
  static String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null && root.isObject()) {
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
          return excerpt(error.asText());
        }
        if (error != null && error.isObject() && error.path("message").isTextual()) {
          String code = error.path("code").isValueNode() ? error.path("code").asText("") : "";
          String text = error.path("message").asText();
          return excerpt(code.isEmpty() || "null".equals(code) ? text : text + " [" + code + "]");
        }
        if (root.path("message").isTextual()) {
          return excerpt(root.path("message").asText());
        }
      }
    } catch (IOException e) {
      // not JSON: shown as it is
    }
    return excerpt(body);
  }

  private static boolean hasNoChoice(String body) {
    if (body == null) {
      return false;
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject() || root.has("error")) {
        return false;
      }
      // OpenAI: an empty choices list; Ollama: a finished answer without message content.
      return (root.path("choices").isArray() && root.path("choices").isEmpty())
          || (root.has("done") && root.path("message").path("content").asText("").isEmpty());
    } catch (IOException e) {
      return false;
    }
  }

  static String excerpt(String s) {
    if (s == null) {
      return "(no body)";
    }
    String one = SPACE.matcher(s).replaceAll(" ").strip();
    if (one.isEmpty()) {
      return "(empty body)";
    }
    return one.length() <= EXCERPT ? one : one.substring(0, EXCERPT) + "...";
  }

  /** One line without the key or anything that looks like one. */
  String clean(String message) {
    String m = SPACE.matcher(message).replaceAll(" ").strip();
    if (secret != null) {
      m = m.replace(secret, "***");
    }
    return KEY_LIKE.matcher(m).replaceAll("$1-***");
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
