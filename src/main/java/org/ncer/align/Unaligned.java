package org.ncer.align;

import java.util.Objects;

/**
 * A string that gave no mention, and why.
 *
 * @param text the string as the model wrote it
 * @param label the dataset label, or the label name as the answer wrote it when it names no dataset
 *     label; {@code null} when the answer gave none
 * @param reason one of {@link #REASONS}
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

  /**
   * A highlighted region of an echo whose tag names no label, in an answer that does not decide one
   * either (an all-labels answer about a dataset of several labels).
   */
  public static final String UNLABELLED = "unlabelled";

  /**
   * The string is in the text only with punctuation it lacks in between ({@code FVIII deficiency}
   * in {@code FVIII ) deficiency}), and near misses are not grounded.
   */
  public static final String NEAR_MISS = "near-miss";

  /** Every reason, in the order reports list them. */
  public static final java.util.List<String> REASONS =
      java.util.List.of(NOT_FOUND, EMPTY, UNKNOWN_LABEL, NO_LABEL, UNLABELLED, NEAR_MISS);

  public Unaligned {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reason, "reason");
  }
}
