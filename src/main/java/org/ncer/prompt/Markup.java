package org.ncer.prompt;

import java.util.Locale;
import java.util.Optional;

/**
 * Lightweight inline marks a prompt may ask for instead of HTML tags. They are read as entities
 * only when the prompt names them (its {@code markup:} field, or {@code --markup}), since {@code
 * **bold**} is also ordinary Markdown emphasis.
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

  /**
   * The name in prompt files and on the command line: {@code none}, {@code brackets}, {@code bold}.
   */
  public String key() {
    return key;
  }

  /** The markup named {@code key}, ignoring case and surrounding spaces. */
  public static Optional<Markup> fromKey(String key) {
    String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
    return EnumKeys.find(values(), Markup::key, k);
  }

  /** The accepted names, for error messages: {@code none, brackets or bold}. */
  public static String keys() {
    return EnumKeys.choices(values(), Markup::key);
  }

  @Override
  public String toString() {
    return key;
  }
}
