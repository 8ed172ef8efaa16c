package org.ncer.prompt;

import java.util.Objects;

/**
 * How a prompt draws its few-shot examples from a dataset's training documents; see {@link FewShot}
 * for the rule itself.
 *
 * @param split the split examples come from ({@code train} unless the prompt says otherwise)
 * @param count how many examples to draw
 * @param maxChars the longest example text; longer documents are cut at a sentence end
 * @param seed mixed into the hash that orders the documents, to draw another set
 */
record ExampleRule(String split, int count, int maxChars, String seed) {
  static final String DEFAULT_SPLIT = "train";
  static final int DEFAULT_COUNT = 3;
  static final int DEFAULT_MAX_CHARS = 600;
  static final String DEFAULT_SEED = "ncer";

  /** The largest {@code count} accepted: more examples crowd out the note. */
  static final int MAX_COUNT = 20;

  /** The shortest {@code maxChars} accepted: shorter cuts leave barely a sentence. */
  static final int MIN_CHARS = 50;

  ExampleRule {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(seed, "seed");
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "example count " + count + " is not between 1 and " + MAX_COUNT);
    }
    if (maxChars < MIN_CHARS) {
      throw new IllegalArgumentException(
          "example max_chars " + maxChars + " is below " + MIN_CHARS);
    }
  }
}
