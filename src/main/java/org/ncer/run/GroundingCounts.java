package org.ncer.run;

import java.util.Map;

/**
 * The counts of {@code grounding/<ds>.json}: answers by parse status, answer strings by match
 * status or reason not grounded, and strings not found per label.
 */
public record GroundingCounts(
    int documents,
    int answers,
    Map<String, Integer> answersByStatus,
    int strings,
    Map<String, Integer> stringsByStatus,
    Map<String, Integer> notFoundByLabel,
    int mentions) {

  public GroundingCounts {
    answersByStatus =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answersByStatus));
    stringsByStatus =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stringsByStatus));
    notFoundByLabel =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notFoundByLabel));
  }
}
