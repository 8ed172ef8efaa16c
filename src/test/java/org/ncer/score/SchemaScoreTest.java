package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SchemaScoreTest {

  @Test
  void partialAndEntTypeGiveHalfCreditForPartialMatches() {
    // given: 2 correct, 1 incorrect, 2 partial, 1 missed, 2 spurious: possible 6, actual 7
    int correct = 2;
    int incorrect = 1;
    int partialMatches = 2;
    int missed = 1;
    int spurious = 2;
    // when
    SchemaScore partial =
        SchemaScore.of(Schema.PARTIAL, correct, incorrect, partialMatches, missed, spurious);
    SchemaScore strict =
        SchemaScore.of(Schema.STRICT, correct, incorrect, partialMatches, missed, spurious);
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
    // given: nothing at all, then three missed gold spans and no prediction
    // when
    SchemaScore nothing = SchemaScore.of(Schema.ENT_TYPE, 0, 0, 0, 0, 0);
    SchemaScore onlyMissed = SchemaScore.of(Schema.STRICT, 0, 0, 0, 3, 0);
    // then
    assertEquals(SchemaScore.EMPTY, nothing);
    assertEquals(0.0, onlyMissed.precision());
    assertEquals(0.0, onlyMissed.f1());
  }

  @Test
  void f1IsTheHarmonicMeanComputedAsNervaluateDoes() {
    // given: precision 1, recall 1/3
    // when
    SchemaScore s = SchemaScore.of(Schema.STRICT, 1, 0, 0, 2, 0);
    // then: 2 * (p * r) / (p + r), in that order of operations
    assertEquals(2 * (1.0 * (1.0 / 3)) / (1.0 + 1.0 / 3), s.f1());
  }

  @Test
  void rejectsInconsistentCounts() {
    // given: one correct span, but possible 2
    // when
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SchemaScore(1, 0, 0, 0, 0, 2, 1, 1, 0.5, 0.6));
    // then
    assertEquals("possible 2 is not correct + incorrect + partial + missed", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new SchemaScore(-1, 0, 0, 1, 0, 0, -1, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new SchemaScore(1, 0, 0, 0, 0, 1, 1, 1.5, 1, 1));
  }
}
