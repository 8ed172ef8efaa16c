package org.ncer.prompt;

import java.util.Optional;

/** How a prompt asks for the labels of a document. */
public enum Mode {
  /** One call per document (or chunk) asks for every label at once. */
  ALL_LABELS("all-labels"),
  /**
   * One call per label query word, as the benchmark does for its list prompts (BENCHMARK.md §4.1).
   */
  PER_LABEL("per-label");

  private final String key;

  Mode(String key) {
    this.key = key;
  }

  /** The name used in prompt files and on the command line, such as {@code per-label}. */
  public String key() {
    return key;
  }

  /** The mode named {@code key}, if any. */
  public static Optional<Mode> fromKey(String key) {
    return EnumKeys.find(values(), Mode::key, key);
  }

  /** The accepted names, for error messages: {@code all-labels or per-label}. */
  public static String keys() {
    return EnumKeys.choices(values(), Mode::key);
  }

  @Override
  public String toString() {
    return key;
  }
}
