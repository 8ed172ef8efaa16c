package org.ncer.run;

import java.util.Objects;

/**
 * One completed call as the journal holds it.
 *
 * @param key which call of the run it was
 * @param requestHash the {@link RequestHash} of what was sent
 * @param answer the answer text exactly as received; null when the call failed
 * @param failure why there is no answer; null when there is one
 * @param finishReason the provider's finish reason, or null
 * @param inputTokens input tokens reported, -1 when not reported
 * @param outputTokens output tokens reported, -1 when not reported
 * @param latencyMs the last attempt's latency in milliseconds
 * @param attempts the requests sent for the call (0 for a cache hit or a recorded answer)
 * @param retries the attempts that failed and were tried again
 * @param cached whether the answer came from the cache rather than a call
 */
public record JournalEntry(
    CallKey key,
    String requestHash,
    String answer,
    Failure failure,
    String finishReason,
    long inputTokens,
    long outputTokens,
    long latencyMs,
    int attempts,
    int retries,
    boolean cached) {

  /** A failure kind for a replayed call that has no recorded answer. */
  public static final String NOT_RECORDED = "not_recorded";

  /**
   * Why a call gave no answer.
   *
   * @param kind a {@link org.ncer.model.FailureKind} key, or {@link #NOT_RECORDED}
   * @param status the HTTP status, 0 when none
   * @param message one line for people
   */
  public record Failure(String kind, int status, String message) {
    public Failure {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }

  public JournalEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestHash, "requestHash");
    if ((answer == null) == (failure == null)) {
      throw new IllegalArgumentException(
          "a journal entry has either an answer or a failure: " + key.describe());
    }
  }

  public boolean answered() {
    return answer != null;
  }

  /** Whether the answer was cut off at the token limit (finish reason {@code length}). */
  public boolean truncated() {
    return answered() && "length".equals(finishReason);
  }

  /** An answer that cost nothing: a cache hit or a recorded answer replayed. */
  static JournalEntry free(
      CallKey key, String hash, String answer, String finishReason, boolean cached) {
    return new JournalEntry(key, hash, answer, null, finishReason, -1, -1, 0, 0, 0, cached);
  }

  static JournalEntry failed(CallKey key, String hash, Failure failure) {
    return new JournalEntry(key, hash, null, failure, null, -1, -1, 0, 0, 0, false);
  }
}
