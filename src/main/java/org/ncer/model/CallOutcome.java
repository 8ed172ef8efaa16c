package org.ncer.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What became of one call after every attempt the scheduler made.
 *
 * @param last the last attempt: the answer, or the failure that ended the call
 * @param attempts how many requests were sent (0 when cancelled before the first)
 * @param retried the failure kind of each attempt before the last, in order
 * @param elapsed from submission to the end, waits included
 */
public record CallOutcome(Attempt last, int attempts, List<FailureKind> retried, Duration elapsed) {

  public CallOutcome {
    Objects.requireNonNull(last, "last");
    retried = List.copyOf(retried);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  public boolean answered() {
    return last instanceof Attempt.Answered;
  }
}
