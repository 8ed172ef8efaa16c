package org.ncer.align;

import java.util.Objects;

/**
 * A string that gave no mention, and why.
 *
 * @param text the string as the model wrote it
 * @param label the dataset label, or the label name as the answer wrote it when it names no dataset
 *     label; {@code null} when the answer gave none
 * @param reason one of {@link #NOT_FOUND}, {@link #EMPTY}, {@link #UNKNOWN_LABEL}, {@link
 *     #NO_LABEL}
 */
public record Unaligned(String text, String label, String reason) {
  /** The string is not in the text: a hallucination. */
  public static final String NOT_FOUND = "not-found";

  /** Nothing is left of the string once white space and punctuation are trimmed. */
  public static final String EMPTY = "empty";

  /** The answer gave the string a label that is not one of the dataset's labels or aliases. */
  public static final String UNKNOWN_LABEL = "unknown-label";

  /** The answer gave the string no label, and the query did not ask for one. */
  public static final String NO_LABEL = "no-label";

  public Unaligned {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reason, "reason");
  }
}
