package org.ncer.score;

import java.util.List;
import java.util.Objects;
import org.ncer.span.Mention;

/**
 * One document to score: its text and its gold and predicted mentions, each list in its original
 * order (the order matters to the benchmark's rules: see {@link Matching#COMPAT} and {@link
 * TokenScores}).
 */
public record ScoredDocument(String text, List<Mention> gold, List<Mention> predicted) {

  public ScoredDocument {
    Objects.requireNonNull(text, "text");
    gold = List.copyOf(gold);
    predicted = List.copyOf(predicted);
    requireInside(text, gold, "gold");
    requireInside(text, predicted, "predicted");
  }

  private static void requireInside(String text, List<Mention> mentions, String which) {
    for (Mention m : mentions) {
      if (m.end() > text.length()) {
        throw new IllegalArgumentException(
            which
                + " mention "
                + m
                + " ends past the text, which has "
                + text.length()
                + " characters");
      }
    }
  }
}
