package org.ncer.prompt;

import java.util.Optional;

/** The form a prompt asks the answer in, which tells the extractor how to parse it. */
public enum OutputFormat {
  /** A JSON object from label to a list of mention strings. */
  JSON("json"),
  /** A Python-style list of strings, as the benchmark's list prompts ask (BENCHMARK.md §4.1). */
  LIST("list"),
  /** The note echoed with each mention wrapped in a tag (BENCHMARK.md §4.2). */
  HTML("html"),
  /** Whatever the answer looks like; the extractor decides. */
  AUTO("auto");

  private final String key;

  OutputFormat(String key) {
    this.key = key;
  }

  /** The name used in prompt files and on the command line, such as {@code json}. */
  public String key() {
    return key;
  }

  /** The format named {@code key}, if any. */
  public static Optional<OutputFormat> fromKey(String key) {
    return EnumKeys.find(values(), OutputFormat::key, key);
  }

  /** The accepted names, for error messages: {@code json, list, html or auto}. */
  public static String keys() {
    return EnumKeys.choices(values(), OutputFormat::key);
  }

  @Override
  public String toString() {
    return key;
  }
}
