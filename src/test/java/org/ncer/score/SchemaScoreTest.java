package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SchemaScoreTest {

  @Test
  void partialAndEntTypeGiveHalfCreditForPartialMatches() {
    // given: 2 correct, 1 incorrect, 2 partial, 1 missed, 2 spurious: possible 6, actual 7
    SchemaScore partial = SchemaScore.of(Schema.PARTIAL, 2, 1, 2, 1, 2);
    SchemaScore strict = SchemaScore.of(Schema.STRICT, 2, 1, 2, 1, 2);
    // then
    assertEquals(6, partial.possible());
    assertEquals(7, partial.actual());
    assertEquals(3.0 / 7, partial.precision());
    assertEquals(3.0 / 6, partial.recall());
    assertEquals(2.0 / 7, strict.precision());
    assertEquals(2.0 / 6, strict.recall());
  }

  @Test
  void rateWithZeroDenominatorIsZeroAndF1IsZeroWhenBothRatesAre() {
    assertEquals(SchemaScore.EMPTY, SchemaScore.of(Schema.ENT_TYPE, 0, 0, 0, 0, 0));
    SchemaScore onlyMissed = SchemaScore.of(Schema.STRICT, 0, 0, 0, 3, 0);
    assertEquals(0.0, onlyMissed.precision());
    assertEquals(0.0, onlyMissed.f1());
  }

  @Test
  void f1IsTheHarmonicMeanComputedAsNervaluateDoes() {
    SchemaScore s = SchemaScore.of(Schema.STRICT, 1, 0, 0, 2, 0);
    assertEquals(2 * (1.0 * (1.0 / 3)) / (1.0 + 1.0 / 3), s.f1());
  }

  @Test
  void rejectsInconsistentCounts() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SchemaScore(1, 0, 0, 0, 0, 2, 1, 1, 0.5, 0.6));
    assertEquals("possible 2 is not correct + incorrect + partial + missed", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new SchemaScore(-1, 0, 0, 1, 0, 0, -1, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new SchemaScore(1, 0, 0, 0, 0, 1, 1, 1.5, 1, 1));
  }
}
