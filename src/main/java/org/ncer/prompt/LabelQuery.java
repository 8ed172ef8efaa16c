package org.ncer.prompt;

import java.util.Objects;

/**
 * A word a per-label prompt asks for, and the dataset label its answers are given.
 *
 * <p>The benchmark asks for {@code chemical} and {@code drug} separately and labels both answers
 * {@code drug} (BENCHMARK.md §4.1).
 *
 * @param label the dataset label answers are given
 * @param query the word put into the prompt as {@code entity}
 */
public record LabelQuery(String label, String query) {

  public LabelQuery {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(query, "query");
    if (query.isBlank()) {
      throw new IllegalArgumentException("query word for label '" + label + "' is blank");
    }
  }

  @Override
  public String toString() {
    return query.equals(label) ? query : query + " -> " + label;
  }
}
