package org.ncer.align;

import java.util.Objects;
import org.ncer.span.Mention;

/** A mention found for a string, with how the string matched there. */
public record Grounded(Mention mention, MatchStatus match) {

  public Grounded {
    Objects.requireNonNull(mention, "mention");
    Objects.requireNonNull(match, "match");
    if (match == MatchStatus.NOT_FOUND) {
      throw new IllegalArgumentException("a grounded mention cannot be not-found: " + mention);
    }
  }
}
