package org.ncer.report;

import java.util.List;
import org.ncer.score.LabelScore;
import org.ncer.score.Matching;
import org.ncer.score.Schema;
import org.ncer.score.SchemaScore;
import org.ncer.score.ScoreReport;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;

/**
 * The counts of one document that the dataset's span and token F1 are sums of, per label: the
 * inputs of the paired bootstrap, which resamples documents and adds their counts instead of
 * scoring again.
 *
 * <p>Per label, nine integers: ent_type credit × 2 ({@code 2 correct + partial}), possible and
 * actual; strict credit × 2, possible and actual; token true positives, gold tokens and predicted
 * tokens. Span counts are those of {@link Scorer} for the run's matching, so they add up to the
 * run's metrics exactly; per-label span counts add up to the overall counts (nervaluate credits an
 * overlap to the gold label and a spurious prediction to its own).
 */
final class DocCounts {
  static final int ET_CREDIT2 = 0;
  static final int ET_POSSIBLE = 1;
  static final int ET_ACTUAL = 2;
  static final int ST_CREDIT2 = 3;
  static final int ST_POSSIBLE = 4;
  static final int ST_ACTUAL = 5;
  static final int TOK_TP = 6;
  static final int TOK_GOLD = 7;
  static final int TOK_PRED = 8;
  static final int FIELDS = 9;

  private DocCounts() {}

  /**
   * The counts of one document, {@code [label][field]} in the order of {@code labels}.
   *
   * <p>Token counts are read back from the scorer's per-label rates: support is the gold token
   * count and recall × support the true positives; the predicted token count is the support of the
   * document scored against its own predictions, where every predicted token is a gold one.
   */
  static int[][] of(ScoredDocument doc, List<String> labels, Matching matching) {
    ScoreReport r = Scorer.score(List.of(doc), labels, matching);
    ScoreReport self = null;
    int[][] c = new int[labels.size()][FIELDS];
    for (int l = 0; l < labels.size(); l++) {
      String label = labels.get(l);
      SchemaScore et = r.span().of(label, Schema.ENT_TYPE);
      SchemaScore st = r.span().of(label, Schema.STRICT);
      c[l][ET_CREDIT2] = 2 * et.correct() + et.partial();
      c[l][ET_POSSIBLE] = et.possible();
      c[l][ET_ACTUAL] = et.actual();
      c[l][ST_CREDIT2] = 2 * st.correct() + st.partial();
      c[l][ST_POSSIBLE] = st.possible();
      c[l][ST_ACTUAL] = st.actual();
      LabelScore t = r.token().byLabel().get(label);
      int tp = (int) Math.round(t.recall() * t.support());
      c[l][TOK_TP] = tp;
      c[l][TOK_GOLD] = t.support();
      if (tp > 0) {
        c[l][TOK_PRED] = (int) Math.round(tp / t.precision());
      } else {
        if (self == null) {
          self =
              Scorer.score(
                  List.of(new ScoredDocument(doc.text(), doc.predicted(), doc.predicted())),
                  labels,
                  matching);
        }
        c[l][TOK_PRED] = self.token().byLabel().get(label).support();
      }
    }
    return c;
  }

  /** Span F1 from credit × 2, possible and actual, as nervaluate computes it; 0 for 0/0. */
  static double spanF1(long credit2, long possible, long actual) {
    double credit = credit2 / 2.0;
    double p = actual > 0 ? credit / actual : 0;
    double r = possible > 0 ? credit / possible : 0;
    return p + r > 0 ? 2 * (p * r) / (p + r) : 0;
  }

  /** Token F1 of one label, {@code 2 TP / (gold + predicted)}; 0 when both are 0. */
  static double tokenF1(long tp, long gold, long predicted) {
    return gold + predicted > 0 ? 2.0 * tp / (gold + predicted) : 0;
  }

  /** Span precision, credit / actual; 0 when nothing was predicted. */
  static double precision(long credit2, long actual) {
    return actual > 0 ? credit2 / 2.0 / actual : 0;
  }

  /** Span recall, credit / possible; 0 when there is no gold span. */
  static double recall(long credit2, long possible) {
    return possible > 0 ? credit2 / 2.0 / possible : 0;
  }
}
