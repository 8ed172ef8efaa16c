package org.ncer.model;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;

/**
 * A non-2xx answer, carrying its headers and body. It has no cause, so that LangChain4j's exception
 * mapper, which classifies the root of the cause chain, sees the status.
 */
final class OkHttpStatusException extends HttpException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialised
  private final Map<String, List<String>> headers;

  private final String body;

  OkHttpStatusException(int status, Map<String, List<String>> headers, String body) {
    super(status, body);
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  String body() {
    return body;
  }
}
