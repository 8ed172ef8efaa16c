package org.ncer.extract;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a model's answer is read: the {@code output:} field of a prompt file and the {@code --parser}
 * option.
 */
public enum OutputFormat {
  /** A JSON object or array (labels as keys, or entity objects with a text and a label). */
  JSON,
  /** A list of strings, as the benchmark's per-entity prompt asks for: {@code ['a', 'b']}. */
  LIST,
  /** The input rewritten with entities wrapped in tags: {@code <span class='drug' >x</span >}. */
  HTML,
  /** Recognise the style of each answer. */
  AUTO;

  /** The name as written in prompt files and on the command line: {@code json}, {@code auto}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code name}, ignoring case; fails listing the known names. */
  public static OutputFormat of(String name) {
    for (OutputFormat f : values()) {
      if (f.key().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown output format '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(OutputFormat::key).collect(Collectors.joining(", ")));
  }
}
