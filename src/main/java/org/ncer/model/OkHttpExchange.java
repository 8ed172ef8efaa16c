package org.ncer.model;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP layer saw of one request: the status, headers and raw body of the response, or the
 * I/O failure that left none.
 *
 * @param status the HTTP status, or 0 when no response arrived
 * @param headers the response headers, names in lower case
 * @param body the raw response body, or null when none was read
 * @param failure the I/O failure, or null when a response was read in full
 */
record OkHttpExchange(
    int status, Map<String, List<String>> headers, String body, IOException failure) {

  OkHttpExchange {
    headers = Map.copyOf(headers);
  }

  static OkHttpExchange failed(IOException failure) {
    return new OkHttpExchange(0, Map.of(), null, failure);
  }

  boolean successful() {
    return failure == null && status >= 200 && status < 300;
  }

  /** The first value of header {@code name} (lower case), or null. */
  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
