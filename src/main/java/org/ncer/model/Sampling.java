package org.ncer.model;

/**
 * How a model samples its answer.
 *
 * @param temperature 0 (the default) for the most likely answer
 * @param seed passed to APIs that take one; null for none
 * @param maxTokens the longest answer in tokens; null for the provider's default
 */
public record Sampling(double temperature, Integer seed, Integer maxTokens) {

  public Sampling {
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature " + temperature + " is not within 0..2");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("max tokens " + maxTokens + " is not positive");
    }
  }

  /** Temperature 0, no seed, the provider's answer limit. */
  public static Sampling greedy() {
    return new Sampling(0, null, null);
  }
}
