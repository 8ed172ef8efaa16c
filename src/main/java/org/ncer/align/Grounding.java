package org.ncer.align;

import java.util.List;

/**
 * The result of grounding the strings of one document.
 *
 * @param mentions the mentions found, nested spans of the same label merged away, in order of
 *     position
 * @param unaligned the strings that gave no mention, in input order
 * @param statuses the status of each input string, in input order: the best match among its
 *     occurrences, or {@link MatchStatus#NOT_FOUND}
 */
public record Grounding(
    List<Grounded> mentions, List<Unaligned> unaligned, List<MatchStatus> statuses) {

  public Grounding {
    mentions = List.copyOf(mentions);
    unaligned = List.copyOf(unaligned);
    statuses = List.copyOf(statuses);
  }
}
