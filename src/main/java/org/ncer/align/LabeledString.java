package org.ncer.align;

import java.util.Objects;

/**
 * A string to ground and the dataset label it was given.
 *
 * @param text the string as the model wrote it
 * @param label a dataset label, such as {@code condition}
 * @param placement for a region marked in an echo of the note, where the echo's alignment puts it;
 *     {@code null} for a string named in a list, which grounds at its occurrences
 */
public record LabeledString(String text, String label, Placement placement) {

  public LabeledString {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("label of \"" + text + "\" is blank");
    }
  }

  /** A string named in a list. */
  public LabeledString(String text, String label) {
    this(text, label, null);
  }
}
