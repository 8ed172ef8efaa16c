package org.ncer.align;

import java.util.Objects;

/**
 * A string to ground and the dataset label it was given.
 *
 * @param text the string as the model wrote it
 * @param label a dataset label, such as {@code condition}
 */
public record LabeledString(String text, String label) {

  public LabeledString {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("label of \"" + text + "\" is blank");
    }
  }
}
