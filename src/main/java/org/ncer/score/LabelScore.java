package org.ncer.score;

/**
 * Token precision, recall and F1 of one label, and its support: the number of gold tokens that
 * carry the label.
 */
public record LabelScore(double precision, double recall, double f1, int support) {

  public LabelScore {
    SchemaScore.requireRate("precision", precision);
    SchemaScore.requireRate("recall", recall);
    SchemaScore.requireRate("f1", f1);
    if (support < 0) {
      throw new IllegalArgumentException("support " + support + " is negative");
    }
  }
}
