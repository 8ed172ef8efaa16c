package org.ncer.model;

/**
 * Why a model call gave no usable answer, classified once, where the failure is seen.
 *
 * <p>Retriable kinds are tried again with backoff; the others are final for the call. {@link
 * #stopsRun()} kinds mean no other call of the run can succeed either (bad key, no access, unknown
 * model), so the run stops at once.
 */
public enum FailureKind {
  /** 429: over a rate or quota limit. */
  RATE_LIMITED("rate_limited", true, false),
  /** 5xx. */
  SERVER("server", true, false),
  /** 408, a connect, read or call timeout. */
  TIMEOUT("timeout", true, false),
  /** Refused, reset or dropped connection, or a broken transfer. */
  CONNECTION("connection", true, false),
  /** A 2xx whose body is not the API's shape (HTML, truncated JSON, an error object). */
  GARBLED("garbled", true, false),
  /** A 2xx with no choice or no message content. */
  EMPTY("empty", true, false),
  /** 400: this request is refused (too long for the context, say); other calls may work. */
  BAD_REQUEST("bad_request", false, false),
  /** 401: the key is missing, wrong or expired. */
  AUTHENTICATION("authentication", false, true),
  /** 403: the key has no access to this model or endpoint. */
  FORBIDDEN("forbidden", false, true),
  /** 404: no such model (for Ollama: not pulled) or no such endpoint path. */
  MODEL_NOT_FOUND("model_not_found", false, true),
  /** Any other status or failure. */
  OTHER("other", false, false),
  /** The call was not made because the run stopped first. */
  CANCELLED("cancelled", false, false);

  private final String key;
  private final boolean retriable;
  private final boolean stopsRun;

  FailureKind(String key, boolean retriable, boolean stopsRun) {
    this.key = key;
    this.retriable = retriable;
    this.stopsRun = stopsRun;
  }

  /** The snake_case name used in files. */
  public String key() {
    return key;
  }

  public boolean retriable() {
    return retriable;
  }

  public boolean stopsRun() {
    return stopsRun;
  }

  /** The kind whose {@link #key()} is {@code key}. */
  public static FailureKind ofKey(String key) {
    for (FailureKind k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown failure kind '" + key + "'");
  }
}
