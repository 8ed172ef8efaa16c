package org.ncer.score;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How predicted spans are paired with gold spans.
 *
 * <p>{@link #COMPAT} reproduces nervaluate 0.1.8, which the benchmark's leaderboard uses, quirks
 * included. {@link #CORRECTED} is the one-to-one matching a careful reader expects. Token metrics
 * are the same in both modes.
 */
public enum Matching {
  /**
   * nervaluate 0.1.8: end offsets treated as inclusive (spans that only touch overlap), each
   * prediction takes the first gold span in list order that it matches, an exact duplicate
   * prediction counts as correct again, and a gold span counts as matched once any prediction
   * claimed an equal span.
   */
  COMPAT,

  /**
   * Half-open overlap (spans must share a character), duplicate mentions counted once, and at most
   * one partner per span, chosen independently of the order of the input.
   */
  CORRECTED;

  /** The command-line spelling: {@code compat} or {@code corrected}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode spelled {@code key}; throws {@link IllegalArgumentException} for another word. */
  public static Matching fromKey(String key) {
    for (Matching m : values()) {
      if (m.key().equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown matching '"
            + key
            + "'; expected one of "
            + Arrays.stream(values()).map(Matching::key).collect(Collectors.joining(", ")));
  }
}
