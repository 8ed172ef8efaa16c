package org.ncer.align;

/**
 * One model answer about a document.
 *
 * @param response the answer text; {@code null} when the model gave none
 * @param label the dataset label a per-label query asked for, or {@code null} for an answer that
 *     names its own labels (all-labels mode)
 */
public record Answer(String response, String label) {

  public Answer {
    if (label != null && label.isBlank()) {
      throw new IllegalArgumentException("answer label is blank; use null for all-labels answers");
    }
  }

  /** An answer that names its own labels. */
  public static Answer allLabels(String response) {
    return new Answer(response, null);
  }

  /** An answer to a query for {@code label}. */
  public static Answer forLabel(String response, String label) {
    return new Answer(response, label);
  }
}
