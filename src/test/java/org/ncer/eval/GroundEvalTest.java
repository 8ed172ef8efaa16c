package org.ncer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncer.TestData;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.eval.GroundEval.Counts;
import org.ncer.eval.GroundEval.Method;
import org.ncer.eval.GroundEval.Row;

/** The evaluation on a slice of the BC5CDR development split: properties that could fail. */
class GroundEvalTest {
  private static Dataset slice;
  private static List<Row> rows;

  @BeforeAll
  static void evaluate() {
    Dataset dev = Datasets.load(TestData.dataDir(), "bc5cdr", "dev");
    slice = new Dataset(dev.name(), dev.split(), dev.labels(), dev.documents().subList(0, 25));
    rows = GroundEval.evaluate(EvalSet.generate(slice, 3, AnswerStyle.all()), slice.labels());
  }

  @Test
  void everyStyleIsEvaluatedOnTheSlice() {
    assertEquals(AnswerStyle.all(), rows.stream().map(Row::style).toList());
    for (Row r : rows) {
      int expected = r.style().group() == AnswerStyle.Group.NONE ? 1 : 25;
      assertTrue(r.of(Method.SMART).counts().documents() >= expected, r.style().key());
    }
  }

  @Test
  void smartIsAtLeastAsGoodAsCompatOnEveryEchoStyle() {
    for (Row r : rows) {
      if (r.style().group().echoes() && r.of(Method.SMART).strict().possible() > 0) {
        assertTrue(
            r.of(Method.SMART).strict().f1() >= r.of(Method.COMPAT).strict().f1(),
            () ->
                r.style().key()
                    + ": smart "
                    + r.of(Method.SMART)
                    + " compat "
                    + r.of(Method.COMPAT));
      }
    }
  }

  @Test
  void aPlainEchoGroundsExactlyWhatWasTagged() {
    Row r = rows.get(AnswerStyle.all().indexOf(AnswerStyle.SPAN_CLASS));
    assertEquals(1.0, r.of(Method.SMART).strict().f1());
    // compat also grounds the other occurrences of each tagged string
    assertTrue(r.of(Method.COMPAT).strict().spurious() > 0);
  }

  @Test
  void noGroundedSpanLiesOutsideTheNoteOrDiffersFromItsStringSilently() {
    for (Row r : rows) {
      for (Method m : List.of(Method.SMART, Method.COMPAT)) {
        Counts c = r.of(m).counts();
        assertEquals(0, c.outside(), r.style().key() + " " + m);
        assertEquals(0, c.unfaithful(), r.style().key() + " " + m);
      }
    }
  }

  @Test
  void rewrittenAndMadeUpRegionsAreCountedUnderTheirOwnStatus() {
    Counts changed =
        rows.get(AnswerStyle.all().indexOf(AnswerStyle.CHANGED_REGION)).of(Method.SMART).counts();
    Counts made =
        rows.get(AnswerStyle.all().indexOf(AnswerStyle.HALLUCINATED)).of(Method.SMART).counts();
    Counts unlabelled =
        rows.get(AnswerStyle.all().indexOf(AnswerStyle.SPAN_STYLE_ALL)).of(Method.SMART).counts();
    assertTrue(changed.rewritten() > 0, changed.toString());
    assertTrue(made.notFound() > 0, made.toString());
    assertEquals(made.gold(), made.predicted());
    assertTrue(unlabelled.unlabelled() > 0 && unlabelled.predicted() == 0, unlabelled.toString());
  }

  @Test
  void answersWithoutEntitiesGroundNothingAndDoNotFail() {
    for (Row r : rows) {
      if (r.style().group() == AnswerStyle.Group.NONE) {
        for (Method m : List.of(Method.SMART, Method.COMPAT)) {
          Counts c = r.of(m).counts();
          assertEquals(0, c.predicted(), r.style().key() + " " + m);
          assertEquals(0, c.failed(), r.style().key() + " " + m);
        }
      }
    }
  }

  @Test
  void faithfulMeansTheSameUpToCaseSpacingDashesQuotesAndEdges() {
    assertTrue(GroundEval.faithful("HbA1c > 7 %", "HbA1c>7%"));
    assertTrue(GroundEval.faithful("Hodgkin’s lymphoma", "hodgkin's lymphoma."));
    assertTrue(GroundEval.faithful("Charcot\u2013Marie-Tooth", "Charcot - Marie - Tooth"));
    assertFalse(GroundEval.faithful("seizures", "seizure"));
    assertFalse(GroundEval.faithful("FVIII ) deficiency", "FVIII deficiency"));
  }
}
