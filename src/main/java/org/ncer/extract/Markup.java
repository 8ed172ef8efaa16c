package org.ncer.extract;

import java.util.Locale;
import java.util.Optional;

/**
 * Lightweight inline marks a prompt may ask for instead of HTML tags. They are read as entities
 * only when the prompt names them, since {@code **bold**} is also ordinary Markdown emphasis.
 */
public enum Markup {
  /** HTML-like tags only. */
  NONE("none"),
  /** {@code [[aspirin]]}. */
  BRACKETS("brackets"),
  /** {@code **aspirin**}. */
  BOLD("bold");

  private final String key;

  Markup(String key) {
    this.key = key;
  }

  /** The name on the command line: {@code none}, {@code brackets}, {@code bold}. */
  public String key() {
    return key;
  }

  /** The markup named {@code key}, ignoring case. */
  public static Optional<Markup> fromKey(String key) {
    String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
    for (Markup m : values()) {
      if (m.key.equals(k)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
