package org.ncer.model;

import java.util.Objects;

/** The outcome of one model call: the answer text, or why there is none. Never an exception. */
public sealed interface ModelCall {

  /** The model answered; the text may still be unusable, which parsing decides. */
  record Success(String text) implements ModelCall {
    public Success {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The call gave no answer, for {@code reason}. */
  record Failure(String reason) implements ModelCall {
    public Failure {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
