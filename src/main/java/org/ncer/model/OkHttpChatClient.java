package org.ncer.model;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * LangChain4j's HTTP client SPI on OkHttp, for one model. Every exchange is also recorded for the
 * calling thread (the models call {@link #execute(HttpRequest)} on it), so that the endpoint can
 * classify a call by what was received, raw body included, whatever the model library then made of
 * it.
 */
final class OkHttpChatClient implements HttpClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private volatile ParsedUrl lastUrl;
  // One per thread, not per client: a thread runs one call at a time, and begin() clears it.
  private static final ThreadLocal<OkHttpExchange> LAST = new ThreadLocal<>();

  OkHttpChatClient(OkHttpClient http) {
    this.http = http;
  }

  /** Forgets the calling thread's last exchange; call before each request. */
  void begin() {
    LAST.remove();
  }

  /** The calling thread's exchange since {@link #begin()}, or null when no request was sent. */
  OkHttpExchange lastExchange() {
    OkHttpExchange e = LAST.get();
    LAST.remove();
    return e;
  }

  OkHttpClient http() {
    return http;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    OkHttpExchange exchange = exchange(toOkHttp(request));
    LAST.set(exchange);
    if (exchange.failure() != null) {
      IOException e = exchange.failure();
      if (e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted()) {
        throw new TimeoutException(e);
      }
      throw new UncheckedIOException(e);
    }
    if (!exchange.successful()) {
      throw new OkHttpStatusException(exchange.status(), exchange.headers(), exchange.body());
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(exchange.status())
        .headers(exchange.headers())
        .body(exchange.body())
        .build();
  }

  /** Sends {@code request} once and reads the whole answer; never throws. */
  OkHttpExchange exchange(Request request) {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : text(body.bytes(), response.header("Content-Type"));
      return new OkHttpExchange(response.code(), headers(response.headers()), text, null);
    } catch (IOException e) {
      return OkHttpExchange.failed(e);
    }
  }

  /**
   * The body decoded in the charset its {@code Content-Type} names, UTF-8 when it names none or one
   * this JVM lacks; a leading UTF-8 byte order mark is dropped. (OkHttp's {@code string()} does the
   * same but parses the media type with a regular expression on every call.)
   */
  static String text(byte[] bytes, String contentType) {
    Charset charset = StandardCharsets.UTF_8;
    int at = contentType == null ? -1 : indexOfIgnoreCase(contentType, "charset=");
    if (at >= 0) {
      int start = at + "charset=".length();
      int end = start;
      while (end < contentType.length() && contentType.charAt(end) != ';') {
        end++;
      }
      String name = contentType.substring(start, end).trim().replace("\"", "");
      if (!name.equalsIgnoreCase("utf-8")) {
        try {
          charset = Charset.forName(name);
        } catch (IllegalArgumentException e) {
          charset = StandardCharsets.UTF_8;
        }
      }
    }
    int offset = 0;
    if (charset.equals(StandardCharsets.UTF_8)
        && bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      offset = 3;
    }
    return new String(bytes, offset, bytes.length - offset, charset);
  }

  private static int indexOfIgnoreCase(String s, String part) {
    for (int i = 0; i + part.length() <= s.length(); i++) {
      if (s.regionMatches(true, i, part, 0, part.length())) {
        return i;
      }
    }
    return -1;
  }

  /** {@code url} parsed; a model sends every request to the same address, parsed once. */
  private HttpUrl url(String url) {
    ParsedUrl last = lastUrl;
    if (last == null || !last.text().equals(url)) {
      last = new ParsedUrl(url, HttpUrl.get(url));
      lastUrl = last;
    }
    return last.url();
  }

  private record ParsedUrl(String text, HttpUrl url) {}

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    listener.onError(new UnsupportedOperationException("ncer does not stream model answers"));
  }

  private Request toOkHttp(HttpRequest request) {
    Request.Builder b = new Request.Builder().url(url(request.url()));
    request.headers().forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
    switch (request.method()) {
      case GET -> b.get();
      case DELETE -> b.delete();
      case POST -> b.post(RequestBody.create(request.body() == null ? "" : request.body(), JSON));
    }
    return b.build();
  }

  private static Map<String, List<String>> headers(Headers headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      out.computeIfAbsent(headers.name(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(headers.value(i));
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }
}
