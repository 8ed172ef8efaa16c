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
 */
public record ParsedAnswer(ParseStatus status, List<Candidate> candidates, String note) {

  public ParsedAnswer {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
    candidates = List.copyOf(candidates);
    if (status == ParseStatus.FAILED && !candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "a failed answer has no candidates, found " + candidates.size());
    }
  }

  static ParsedAnswer failed(String why) {
    return new ParsedAnswer(ParseStatus.FAILED, List.of(), why);
  }
}
