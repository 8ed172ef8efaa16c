package org.ncer.score;

/**
 * What became of one predicted or gold span, and how each schema counts it (SemEval-2013 task 9.1
 * scenarios, as nervaluate implements them).
 */
enum Verdict {
  /** Same offsets, same label (scenario I). */
  EXACT(Outcome.CORRECT, Outcome.CORRECT, Outcome.CORRECT, Outcome.CORRECT),
  /** Same offsets, other label (scenario IV). */
  SAME_SPAN_OTHER_LABEL(Outcome.INCORRECT, Outcome.CORRECT, Outcome.CORRECT, Outcome.INCORRECT),
  /** Overlapping offsets, same label (scenario V). */
  OVERLAP_SAME_LABEL(Outcome.INCORRECT, Outcome.INCORRECT, Outcome.PARTIAL, Outcome.CORRECT),
  /** Overlapping offsets, other label (scenario VI). */
  OVERLAP_OTHER_LABEL(Outcome.INCORRECT, Outcome.INCORRECT, Outcome.PARTIAL, Outcome.INCORRECT),
  /** A prediction that matches no gold span (scenario II). */
  SPURIOUS(Outcome.SPURIOUS, Outcome.SPURIOUS, Outcome.SPURIOUS, Outcome.SPURIOUS),
  /** A gold span that no prediction matches (scenario III). */
  MISSED(Outcome.MISSED, Outcome.MISSED, Outcome.MISSED, Outcome.MISSED);

  /** The count a verdict adds to in one schema. */
  enum Outcome {
    CORRECT,
    INCORRECT,
    PARTIAL,
    MISSED,
    SPURIOUS
  }

  private final Outcome strict;
  private final Outcome exact;
  private final Outcome partial;
  private final Outcome entType;

  Verdict(Outcome strict, Outcome exact, Outcome partial, Outcome entType) {
    this.strict = strict;
    this.exact = exact;
    this.partial = partial;
    this.entType = entType;
  }

  Outcome in(Schema schema) {
    return switch (schema) {
      case STRICT -> strict;
      case EXACT -> exact;
      case PARTIAL -> partial;
      case ENT_TYPE -> entType;
    };
  }

  /** The verdict of an overlap that is not an exact span match. */
  static Verdict overlap(int goldLabel, int predictedLabel) {
    return goldLabel == predictedLabel ? OVERLAP_SAME_LABEL : OVERLAP_OTHER_LABEL;
  }
}
