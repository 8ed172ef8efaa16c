package org.ncer.score;

/**
 * The four span schemas of SemEval-2013 task 9.1 as nervaluate names them.
 *
 * <p>The benchmark reports {@link #ENT_TYPE} as its "partial match" span F1 and {@link #STRICT} as
 * its exact-match span F1.
 */
public enum Schema {
  /** Same offsets and same label. */
  STRICT("strict", false),
  /** Same offsets, any label. */
  EXACT("exact", false),
  /** Any overlap, any label; an overlap that is not exact earns half credit. */
  PARTIAL("partial", true),
  /** Any overlap with the same label. */
  ENT_TYPE("ent_type", true);

  private final String key;
  private final boolean halfCreditForPartial;

  Schema(String key, boolean halfCreditForPartial) {
    this.key = key;
    this.halfCreditForPartial = halfCreditForPartial;
  }

  /** The JSON key: {@code strict}, {@code exact}, {@code partial} or {@code ent_type}. */
  public String key() {
    return key;
  }

  /**
   * True when precision and recall count a partial match as half a correct one, {@code (correct +
   * 0.5 partial) / n}; nervaluate does so for the partial and ent_type schemas only.
   */
  public boolean halfCreditForPartial() {
    return halfCreditForPartial;
  }
}
