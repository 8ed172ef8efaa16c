package org.ncer.score;

/**
 * Counts and rates of one span schema, over all labels or for one label.
 *
 * <p>As in SemEval-2013 task 9.1 and nervaluate: {@code possible = correct + incorrect + partial +
 * missed} (gold spans that take part), {@code actual = correct + incorrect + partial + spurious}
 * (predicted spans that take part). Precision is {@code credit / actual} and recall {@code credit /
 * possible}, where credit is {@code correct}, plus {@code 0.5 * partial} in the partial and
 * ent_type schemas; a rate whose denominator is 0 is 0, and F1 is 0 when precision and recall are
 * both 0.
 */
public record SchemaScore(
    int correct,
    int incorrect,
    int partial,
    int missed,
    int spurious,
    int possible,
    int actual,
    double precision,
    double recall,
    double f1) {

  /** All zero: nothing to score. */
  public static final SchemaScore EMPTY = new SchemaScore(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public SchemaScore {
    requireCount("correct", correct);
    requireCount("incorrect", incorrect);
    requireCount("partial", partial);
    requireCount("missed", missed);
    requireCount("spurious", spurious);
    if (possible != correct + incorrect + partial + missed) {
      throw new IllegalArgumentException(
          "possible " + possible + " is not correct + incorrect + partial + missed");
    }
    if (actual != correct + incorrect + partial + spurious) {
      throw new IllegalArgumentException(
          "actual " + actual + " is not correct + incorrect + partial + spurious");
    }
    requireRate("precision", precision);
    requireRate("recall", recall);
    requireRate("f1", f1);
  }

  /** The score of {@code schema} with these counts; derives possible, actual and the rates. */
  public static SchemaScore of(
      Schema schema, int correct, int incorrect, int partial, int missed, int spurious) {
    int possible = correct + incorrect + partial + missed;
    int actual = correct + incorrect + partial + spurious;
    // nervaluate 0.1.8 compute_precision_recall: the same expressions, so the doubles match.
    double credit = schema.halfCreditForPartial() ? correct + 0.5 * partial : correct;
    double precision = actual > 0 ? credit / actual : 0;
    double recall = possible > 0 ? credit / possible : 0;
    double f1 = precision + recall > 0 ? 2 * (precision * recall) / (precision + recall) : 0;
    return new SchemaScore(
        correct, incorrect, partial, missed, spurious, possible, actual, precision, recall, f1);
  }

  private static void requireCount(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " count " + value + " is negative");
    }
  }

  static void requireRate(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " " + value + " is not between 0 and 1");
    }
  }
}
