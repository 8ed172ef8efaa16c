package org.ncer.model;

import java.time.Duration;
import java.util.Objects;

/** The outcome of one request to a model endpoint, never an exception. */
public sealed interface Attempt {

  /** How long the attempt took, from sending to the last byte or the failure. */
  Duration latency();

  /**
   * The endpoint answered with a message.
   *
   * @param text the message content, exactly as received
   * @param usage the tokens the provider reported
   * @param finishReason the provider's finish reason in lower case ({@code stop}, {@code length},
   *     ...), or null when it gave none; {@code length} means the answer was cut off
   */
  record Answered(String text, Usage usage, String finishReason, Duration latency)
      implements Attempt {
    public Answered {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(latency, "latency");
    }

    /** Whether the answer was cut off at the token limit. */
    public boolean truncated() {
      return "length".equals(finishReason);
    }
  }

  /**
   * The attempt gave no answer.
   *
   * @param kind the classified reason
   * @param status the HTTP status, or 0 when no response was received
   * @param message one line for people, with no secret in it
   * @param retryAfter how long the server asked to wait ({@code retry-after-ms}, {@code
   *     Retry-After} seconds or date), or null when it did not say
   */
  record Failed(FailureKind kind, int status, String message, Duration retryAfter, Duration latency)
      implements Attempt {
    public Failed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(latency, "latency");
    }
  }
}
