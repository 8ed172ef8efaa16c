package org.ncer.extract;

import java.util.Objects;

/**
 * One string a model named as an entity, before grounding.
 *
 * @param text the string as the answer gives it (quotes removed, escapes decoded, otherwise
 *     verbatim)
 * @param label the label the answer gives it, as written, or {@code null} when the answer names
 *     none
 * @param position the index in the answer where the string starts
 */
public record Candidate(String text, String label, int position) {

  public Candidate {
    Objects.requireNonNull(text, "text");
    if (position < 0) {
      throw new IllegalArgumentException("candidate position " + position + " is negative");
    }
  }
}
