package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ncer.score.Fixtures.counts;
import static org.ncer.score.Fixtures.documents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncer.span.Mention;

class ScorerTest {
  private static final List<String> CONDITION = List.of("condition");
  private static final List<String> CONDITION_DRUG = List.of("condition", "drug");

  private static ScoreReport compat(String block, List<String> labels) {
    return Scorer.score(documents(block), labels, Matching.COMPAT);
  }

  private static ScoreReport corrected(String block, List<String> labels) {
    return Scorer.score(documents(block), labels, Matching.CORRECTED);
  }

  @Test
  void exactMatchIsCorrectInEverySchema() {
    // given
    String doc =
        """
        text: chest pain
        gold: 0..10 condition
        pred: 0..10 condition
        """;
    // when
    ScoreReport report = compat(doc, CONDITION);
    // then
    for (Schema s : Schema.values()) {
      assertEquals(
          "correct 1, incorrect 0, partial 0, missed 0, spurious 0",
          counts(report.span().overall(s)));
      assertEquals(1.0, report.span().overall(s).f1());
    }
  }

  @Test
  void exactDuplicatePredictionCountsTwiceInCompatModeAndOnceInCorrectedMode() {
    // given: one gold span, predicted twice
    String doc =
        """
        text: chest pain
        gold: 0..10 condition
        pred: 0..10 condition; 0..10 condition
        """;
    // when
    SchemaScore compat = compat(doc, CONDITION).span().overall(Schema.STRICT);
    SchemaScore corrected = corrected(doc, CONDITION).span().overall(Schema.STRICT);
    // then: nervaluate counts the copy correct again, so "possible" exceeds the one gold span
    assertEquals("correct 2, incorrect 0, partial 0, missed 0, spurious 0", counts(compat));
    assertEquals(2, compat.possible());
    assertEquals(1.0, compat.recall());
    assertEquals("correct 1, incorrect 0, partial 0, missed 0, spurious 0", counts(corrected));
    assertEquals(1, corrected.possible());
    assertEquals(1, corrected.actual());
  }

  @Test
  void duplicateGoldSpansAreClaimedTogetherInCompatModeAndCountOnceInCorrectedMode() {
    // given: the gold standard lists the same mention twice
    String doc =
        """
        text: chest pain
        gold: 0..10 condition; 0..10 condition
        pred: 0..10 condition
        """;
    // when
    SchemaScore compat = compat(doc, CONDITION).span().overall(Schema.STRICT);
    SchemaScore corrected = corrected(doc, CONDITION).span().overall(Schema.STRICT);
    // then: nervaluate compares gold spans by value, so neither copy is missed
    assertEquals("correct 1, incorrect 0, partial 0, missed 0, spurious 0", counts(compat));
    assertEquals("correct 1, incorrect 0, partial 0, missed 0, spurious 0", counts(corrected));
  }

  @Test
  void touchingSpansOverlapInCompatModeButNotInCorrectedMode() {
    // given: the prediction starts where the gold span ends; they share no character
    String doc =
        """
        text: asthma/COPD
        gold: 0..6 condition
        pred: 6..11 condition
        """;
    // when
    SchemaScore compat = compat(doc, CONDITION).span().overall(Schema.ENT_TYPE);
    SchemaScore corrected = corrected(doc, CONDITION).span().overall(Schema.ENT_TYPE);
    // then: nervaluate 0.1.8 treats end offsets as inclusive
    assertEquals("correct 1, incorrect 0, partial 0, missed 0, spurious 0", counts(compat));
    assertEquals("correct 0, incorrect 0, partial 0, missed 1, spurious 1", counts(corrected));
  }

  @Test
  void emptySpansCoverTheirStartInCompatModeAndOverlapNothingInCorrectedMode() {
    // given: an empty gold span at 5, a prediction ending at 5, and an equal pair of empty spans
    String doc =
        """
        text: chest pain
        gold: 5..5 condition; 8..8 drug
        pred: 3..5 condition; 8..8 drug
        """;
    // when
    ScoreReport compat = compat(doc, CONDITION_DRUG);
    ScoreReport corrected = corrected(doc, CONDITION_DRUG);
    // then
    assertEquals(
        "correct 1, incorrect 0, partial 0, missed 0, spurious 0",
        counts(compat.span().of("condition", Schema.ENT_TYPE)));
    assertEquals(
        "correct 0, incorrect 0, partial 0, missed 1, spurious 1",
        counts(corrected.span().of("condition", Schema.ENT_TYPE)));
    assertEquals(
        "correct 1, incorrect 0, partial 0, missed 0, spurious 0",
        counts(corrected.span().of("drug", Schema.STRICT)));
  }

  @Test
  void predictionTakesTheFirstGoldSpanInListOrderInCompatMode() {
    // given: the prediction overlaps a drug first and a condition second, in gold order
    String doc =
        """
        text: aspirin asthma
        gold: 0..7 drug; 8..14 condition
        pred: 4..14 condition
        """;
    // when
    ScoreReport compat = compat(doc, CONDITION_DRUG);
    ScoreReport corrected = corrected(doc, CONDITION_DRUG);
    // then: compat credits an other-label overlap to the drug and misses the condition;
    // corrected prefers the same-label overlap
    assertEquals(
        "correct 0, incorrect 1, partial 0, missed 0, spurious 0",
        counts(compat.span().of("drug", Schema.ENT_TYPE)));
    assertEquals(
        "correct 0, incorrect 0, partial 0, missed 1, spurious 0",
        counts(compat.span().of("condition", Schema.ENT_TYPE)));
    assertEquals(
        "correct 1, incorrect 0, partial 0, missed 0, spurious 0",
        counts(corrected.span().of("condition", Schema.ENT_TYPE)));
    assertEquals(
        "correct 0, incorrect 0, partial 0, missed 1, spurious 0",
        counts(corrected.span().of("drug", Schema.ENT_TYPE)));
  }

  @Test
  void secondOverlapWithAClaimedGoldSpanIsSpurious() {
    // given: two predictions each cover half of one gold span
    String doc =
        """
        text: chest pain
        gold: 0..10 condition
        pred: 0..5 condition; 6..10 condition
        """;
    // when
    SchemaScore compat = compat(doc, CONDITION).span().overall(Schema.PARTIAL);
    SchemaScore corrected = corrected(doc, CONDITION).span().overall(Schema.PARTIAL);
    // then
    assertEquals("correct 0, incorrect 0, partial 1, missed 0, spurious 1", counts(compat));
    assertEquals("correct 0, incorrect 0, partial 1, missed 0, spurious 1", counts(corrected));
    assertEquals(0.25, compat.precision());
    assertEquals(0.5, compat.recall());
  }

  @Test
  void nestedGoldSpansCanEachBeMatched() {
    // given: "cancer" is annotated inside "non-small cell lung cancer"; the model finds "lung
    // cancer"
    // and "cancer"
    String doc =
        """
        text: non-small cell lung cancer
        gold: 0..26 condition; 20..26 condition
        pred: 15..26 condition; 20..26 condition
        """;
    // when
    SchemaScore compat = compat(doc, CONDITION).span().overall(Schema.PARTIAL);
    SchemaScore corrected = corrected(doc, CONDITION).span().overall(Schema.PARTIAL);
    // then: "lung cancer" overlaps the outer span, "cancer" equals the inner one
    assertEquals("correct 1, incorrect 0, partial 1, missed 0, spurious 0", counts(compat));
    assertEquals("correct 1, incorrect 0, partial 1, missed 0, spurious 0", counts(corrected));
  }

  @Test
  void sameOffsetsWithAnotherLabelMatchEvenAClaimedGoldSpanInCompatMode() {
    // given: the first prediction claims the gold span by overlap, the second repeats its offsets
    String doc =
        """
        text: chest pain
        gold: 0..10 condition
        pred: 0..5 condition; 0..10 drug
        """;
    // when
    ScoreReport compat = compat(doc, CONDITION_DRUG);
    ScoreReport corrected = corrected(doc, CONDITION_DRUG);
    // then: nervaluate checks "same offsets, other label" before "not yet claimed"
    assertEquals(
        "correct 0, incorrect 2, partial 0, missed 0, spurious 0",
        counts(compat.span().overall(Schema.STRICT)));
    assertEquals(
        "correct 1, incorrect 1, partial 0, missed 0, spurious 0",
        counts(compat.span().overall(Schema.EXACT)));
    assertEquals(
        "correct 0, incorrect 1, partial 0, missed 0, spurious 1",
        counts(corrected.span().overall(Schema.STRICT)));
  }

  @Test
  void correctedModePairsAsManyOverlapsAsPossible() {
    // given: the long prediction overlaps both gold spans, the short one only the first
    String doc =
        """
        text: pain in chest and arm
        gold: 5..13 condition; 18..21 condition
        pred: 0..21 condition; 8..13 condition
        """;
    // when
    SchemaScore compat = compat(doc, CONDITION).span().overall(Schema.ENT_TYPE);
    SchemaScore corrected = corrected(doc, CONDITION).span().overall(Schema.ENT_TYPE);
    // then: in list order the long prediction takes the first gold span and starves the short one
    assertEquals("correct 1, incorrect 0, partial 0, missed 1, spurious 1", counts(compat));
    assertEquals("correct 2, incorrect 0, partial 0, missed 0, spurious 0", counts(corrected));
  }

  @Test
  void correctedModeDoesNotDependOnTheOrderOfMentions() {
    // given: random overlapping mentions, then the same mentions shuffled
    Random random = new Random(7);
    String text = "x".repeat(200);
    for (int round = 0; round < 50; round++) {
      List<Mention> gold = randomMentions(random, 25);
      List<Mention> pred = randomMentions(random, 25);
      List<Mention> goldShuffled = new ArrayList<>(gold);
      List<Mention> predShuffled = new ArrayList<>(pred);
      Collections.shuffle(goldShuffled, random);
      Collections.shuffle(predShuffled, random);
      // when
      ScoreReport a =
          Scorer.score(
              List.of(new ScoredDocument(text, gold, pred)), CONDITION_DRUG, Matching.CORRECTED);
      ScoreReport b =
          Scorer.score(
              List.of(new ScoredDocument(text, goldShuffled, predShuffled)),
              CONDITION_DRUG,
              Matching.CORRECTED);
      // then
      assertEquals(a.span(), b.span());
    }
  }

  private static List<Mention> randomMentions(Random random, int count) {
    List<Mention> mentions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int start = random.nextInt(190);
      mentions.add(
          Mention.of(
              start, start + random.nextInt(10), random.nextBoolean() ? "condition" : "drug"));
    }
    return mentions;
  }

  @Test
  void overlapAndWrongLabelAreCreditedToTheGoldLabelAndSpuriousToThePredictedLabel() {
    // given
    String doc =
        """
        text: aspirin for asthma
        gold: 0..7 drug; 12..18 condition
        pred: 0..7 condition; 12..15 condition; 8..11 drug
        """;
    // when
    SpanScores spans = compat(doc, CONDITION_DRUG).span();
    // then: the wrong label counts under drug; the spurious "for" under drug too
    assertEquals(
        "correct 0, incorrect 1, partial 0, missed 0, spurious 1",
        counts(spans.of("drug", Schema.STRICT)));
    assertEquals(
        "correct 0, incorrect 1, partial 0, missed 0, spurious 0",
        counts(spans.of("condition", Schema.STRICT)));
    assertEquals(
        "correct 0, incorrect 2, partial 0, missed 0, spurious 1",
        counts(spans.overall(Schema.STRICT)));
  }

  @Test
  void mentionsWithLabelsOutsideTheScoredSetAreIgnoredOnBothSides() {
    // given: a device is annotated and predicted, but only conditions are scored
    String doc =
        """
        text: stent for angina
        gold: 0..5 device; 10..16 condition
        pred: 0..5 device; 0..16 device; 10..16 condition
        """;
    // when
    ScoreReport report = compat(doc, CONDITION);
    // then
    assertEquals(
        "correct 1, incorrect 0, partial 0, missed 0, spurious 0",
        counts(report.span().overall(Schema.STRICT)));
    assertEquals(List.of("condition"), List.copyOf(report.span().byLabel().keySet()));
    assertEquals(1.0, report.token().micro().f1());
  }

  @Test
  void withoutGoldEveryPredictionIsSpuriousAndRatesAreZero() {
    // given
    String doc =
        """
        text: chest pain
        pred: 0..5 condition; 6..10 condition
        """;
    // when
    SchemaScore strict = compat(doc, CONDITION).span().overall(Schema.STRICT);
    // then
    assertEquals("correct 0, incorrect 0, partial 0, missed 0, spurious 2", counts(strict));
    assertEquals(0.0, strict.precision());
    assertEquals(0.0, strict.recall());
    assertEquals(0.0, strict.f1());
  }

  @Test
  void withoutPredictionsEveryGoldSpanIsMissed() {
    // given
    String doc =
        """
        text: chest pain
        gold: 0..5 condition; 6..10 condition
        """;
    // when
    ScoreReport compat = compat(doc, CONDITION);
    ScoreReport corrected = corrected(doc, CONDITION);
    // then
    assertEquals(
        "correct 0, incorrect 0, partial 0, missed 2, spurious 0",
        counts(compat.span().overall(Schema.PARTIAL)));
    assertEquals(compat.span(), corrected.span());
    assertEquals(Prf.ZERO, compat.token().macro());
  }

  @Test
  void nothingToScoreGivesZeros() {
    // when
    ScoreReport report = Scorer.score(List.of(), CONDITION_DRUG, Matching.COMPAT);
    // then
    for (Schema s : Schema.values()) {
      assertEquals(SchemaScore.EMPTY, report.span().overall(s));
    }
    assertEquals(Prf.ZERO, report.token().micro());
    assertEquals(new LabelScore(0, 0, 0, 0), report.token().byLabel().get("drug"));
  }

  @Test
  void countsAreSummedOverDocumentsBeforeRatesAreComputed() {
    // given: one perfect document and one with a miss
    String docs =
        """
        text: chest pain
        gold: 0..10 condition
        pred: 0..10 condition
        ---
        text: fever and cough
        gold: 0..5 condition; 10..15 condition
        pred: 0..5 condition
        """;
    // when
    SchemaScore strict = compat(docs, CONDITION).span().overall(Schema.STRICT);
    // then: 2 of 3 gold spans found, 2 of 2 predictions right
    assertEquals(1.0, strict.precision());
    assertEquals(2.0 / 3, strict.recall(), 1e-15);
    assertEquals(0.8, strict.f1(), 1e-15);
  }

  @Test
  void workedExampleOfTheDocumentation() {
    // given: the example of the "Scoring" section of the README
    String doc =
        """
        text: Aspirin-induced asthma and chest pain.
        gold: 0..7 drug; 16..22 condition; 27..37 condition
        pred: 0..22 condition; 0..7 drug; 0..7 drug; 27..32 condition; 33..37 condition
        """;
    // when
    SpanScores compat = compat(doc, CONDITION_DRUG).span();
    ScoreReport corrected = corrected(doc, CONDITION_DRUG);
    // then
    assertEquals(
        "correct 2, incorrect 2, partial 0, missed 1, spurious 1",
        counts(compat.overall(Schema.STRICT)));
    assertEquals(
        "correct 3, incorrect 1, partial 0, missed 1, spurious 1",
        counts(compat.overall(Schema.ENT_TYPE)));
    assertEquals(
        "correct 2, incorrect 0, partial 2, missed 1, spurious 1",
        counts(compat.overall(Schema.PARTIAL)));
    assertEquals(5, compat.overall(Schema.ENT_TYPE).possible());
    assertEquals(0.6, compat.overall(Schema.ENT_TYPE).f1(), 1e-12);
    assertEquals(0.4, compat.overall(Schema.STRICT).f1(), 1e-12);

    SpanScores fixed = corrected.span();
    assertEquals(
        "correct 1, incorrect 2, partial 0, missed 0, spurious 1",
        counts(fixed.overall(Schema.STRICT)));
    assertEquals(
        "correct 3, incorrect 0, partial 0, missed 0, spurious 1",
        counts(fixed.overall(Schema.ENT_TYPE)));
    assertEquals(
        "correct 1, incorrect 0, partial 2, missed 0, spurious 1",
        counts(fixed.overall(Schema.PARTIAL)));
    assertEquals(6.0 / 7, fixed.overall(Schema.ENT_TYPE).f1(), 1e-12);
    assertEquals(2.0 / 7, fixed.overall(Schema.STRICT).f1(), 1e-12);

    // "Aspirin-induced" is one token, mostly outside the gold drug: no drug token on either side
    TokenScores tokens = corrected.token();
    assertEquals(new LabelScore(0.75, 1.0, 6.0 / 7, 3), tokens.byLabel().get("condition"));
    assertEquals(new LabelScore(0, 0, 0, 0), tokens.byLabel().get("drug"));
    assertEquals(new Prf(0.375, 0.5, 3.0 / 7), tokens.macro());
    assertEquals(new Prf(0.75, 1.0, 6.0 / 7), tokens.micro());
  }

  @Test
  void labelsMustBeDistinctNonBlankAndNotO() {
    // given
    List<ScoredDocument> none = List.of();
    // when / then
    assertThrows(
        IllegalArgumentException.class, () -> Scorer.score(none, List.of(), Matching.COMPAT));
    assertThrows(
        IllegalArgumentException.class,
        () -> Scorer.score(none, List.of("drug", "drug"), Matching.COMPAT));
    assertThrows(
        IllegalArgumentException.class, () -> Scorer.score(none, List.of("O"), Matching.COMPAT));
    assertThrows(
        IllegalArgumentException.class, () -> Scorer.score(none, List.of(" "), Matching.COMPAT));
  }

  @Test
  void tokenMetricsAreTheSameInBothModes() {
    // given
    String doc =
        """
        text: chest pain and fever
        gold: 0..10 condition; 15..20 condition
        pred: 0..5 condition; 0..5 condition; 15..20 drug
        """;
    // when
    TokenScores compat = compat(doc, CONDITION_DRUG).token();
    TokenScores corrected = corrected(doc, CONDITION_DRUG).token();
    // then
    assertEquals(compat, corrected);
    assertFalse(compat.byLabel().isEmpty());
  }
}
