package org.ncer.extract;

import java.util.List;
import java.util.Objects;

/**
 * What was read from one answer.
 *
 * @param status ok, repaired or failed
 * @param candidates the strings found, in answer order; empty when the status is failed
 * @param note a short account of what was read and what was fixed or ignored, such as {@code json
 *     array in a code fence; repaired: trailing comma}
 * @param echo for an answer that echoes the note with inline marks, the echo with every tag and
 *     mark removed (the coordinates of {@link Candidate#echoStart()}); otherwise {@code null}
 */
public record ParsedAnswer(
    ParseStatus status, List<Candidate> candidates, String note, String echo) {

  public ParsedAnswer {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
    candidates = List.copyOf(candidates);
    if (status == ParseStatus.FAILED && !candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "a failed answer has no candidates, found " + candidates.size());
    }
    for (Candidate c : candidates) {
      if (c.inEcho() && (echo == null || c.echoEnd() > echo.length())) {
        throw new IllegalArgumentException(
            "candidate \"" + c.text() + "\" points into an echo the answer does not have");
      }
    }
  }

  /** An answer without an echo. */
  public ParsedAnswer(ParseStatus status, List<Candidate> candidates, String note) {
    this(status, candidates, note, null);
  }

  static ParsedAnswer failed(String why) {
    return new ParsedAnswer(ParseStatus.FAILED, List.of(), why);
  }
}
