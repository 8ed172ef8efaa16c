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
 * @param echoStart where the string starts in the answer's echo ({@link ParsedAnswer#echo()}), or
 *     -1 when the string was not marked inside an echo of the note
 * @param echoEnd where the string ends in the echo, or -1
 */
public record Candidate(String text, String label, int position, int echoStart, int echoEnd) {

  public Candidate {
    Objects.requireNonNull(text, "text");
    if (position < 0) {
      throw new IllegalArgumentException("candidate position " + position + " is negative");
    }
    if ((echoStart < 0) != (echoEnd < 0) || echoEnd < echoStart) {
      throw new IllegalArgumentException(
          "candidate echo range " + echoStart + ".." + echoEnd + " is not a range");
    }
  }

  /** A string named outside any echo, as in a list or JSON answer. */
  public Candidate(String text, String label, int position) {
    this(text, label, position, -1, -1);
  }

  /** True when the string was marked inside an echo of the note. */
  public boolean inEcho() {
    return echoStart >= 0;
  }
}
