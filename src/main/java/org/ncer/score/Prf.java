package org.ncer.score;

/** Precision, recall and F1 of an average over labels. */
public record Prf(double precision, double recall, double f1) {

  /** All zero. */
  public static final Prf ZERO = new Prf(0, 0, 0);

  public Prf {
    SchemaScore.requireRate("precision", precision);
    SchemaScore.requireRate("recall", recall);
    SchemaScore.requireRate("f1", f1);
  }
}
