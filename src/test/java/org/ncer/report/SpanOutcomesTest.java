package org.ncer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ncer.TestData;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.model.DictionaryBaseline;
import org.ncer.score.Matching;
import org.ncer.score.Schema;
import org.ncer.score.SchemaScore;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;
import org.ncer.span.Mention;

class SpanOutcomesTest {
  private static final Set<String> LABELS = Set.of("condition", "drug");

  private static List<ErrorKind> kinds(List<Mention> gold, List<Mention> predicted) {
    return SpanOutcomes.of(gold, predicted, LABELS).stream()
        .map(SpanOutcomes.Outcome::kind)
        .toList();
  }

  @Test
  void namesEachScenario() {
    // given: gold "chest pain" [0..10) condition, "aspirin" [20..27) drug, "fever" [40..45)
    List<Mention> gold =
        List.of(
            Mention.of(0, 10, "condition"),
            Mention.of(20, 27, "drug"),
            Mention.of(40, 45, "condition"));
    // when / then
    assertEquals(
        List.of(ErrorKind.CORRECT, ErrorKind.MISSED, ErrorKind.MISSED),
        kinds(gold, List.of(Mention.of(0, 10, "condition"))));
    assertEquals(ErrorKind.BOUNDARY, kinds(gold, List.of(Mention.of(6, 10, "condition"))).get(0));
    assertEquals(
        ErrorKind.WRONG_LABEL, kinds(gold, List.of(Mention.of(20, 27, "condition"))).get(0));
    assertEquals(
        ErrorKind.BOUNDARY_AND_LABEL, kinds(gold, List.of(Mention.of(18, 24, "condition"))).get(0));
    assertEquals(ErrorKind.SPURIOUS, kinds(gold, List.of(Mention.of(30, 35, "drug"))).get(0));
  }

  @Test
  void touchingSpansOverlapAsInNervaluate() {
    // given: a prediction that ends where the gold span starts
    List<Mention> gold = List.of(Mention.of(10, 15, "condition"));

    // when / then
    assertEquals(ErrorKind.BOUNDARY, kinds(gold, List.of(Mention.of(5, 10, "condition"))).get(0));
  }

  @Test
  void duplicatePredictionIsCorrectTwiceAndAClaimedGoldSpanMakesLaterOverlapsSpurious() {
    // given
    List<Mention> gold = List.of(Mention.of(0, 10, "condition"));

    // when / then
    assertEquals(
        List.of(ErrorKind.CORRECT, ErrorKind.CORRECT),
        kinds(gold, List.of(Mention.of(0, 10, "condition"), Mention.of(0, 10, "condition"))));
    assertEquals(
        List.of(ErrorKind.BOUNDARY, ErrorKind.SPURIOUS),
        kinds(gold, List.of(Mention.of(0, 4, "condition"), Mention.of(5, 10, "condition"))));
  }

  @Test
  void labelsOutsideTheDatasetTakeNoPart() {
    // when / then
    assertEquals(
        List.of(), kinds(List.of(Mention.of(0, 3, "gene")), List.of(Mention.of(0, 3, "gene"))));
  }

  @Test
  void kindsAgreeWithTheScorerOnTheBaselineOverThreeTestSets() {
    // CHIA's training split is slow to read; the three PubTator datasets cover the rules.
    for (String name : List.of("ncbi", "biored", "bc5cdr")) {
      // given
      Dataset ds = Datasets.load(TestData.dataDir(), name, "test");
      DictionaryBaseline baseline =
          DictionaryBaseline.train(
              Datasets.load(TestData.dataDir(), name, "train").documents(), ds.labels());
      Set<String> labels = Set.copyOf(ds.labels());
      Map<ErrorKind, Integer> counts = new EnumMap<>(ErrorKind.class);
      List<ScoredDocument> scored = new java.util.ArrayList<>();
      for (Document d : ds.documents()) {
        List<Mention> predicted = baseline.find(d.text());
        scored.add(new ScoredDocument(d.text(), d.mentions(), predicted));
        // when
        SpanOutcomes.of(d.mentions(), predicted, labels)
            .forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
      }
      // then
      SchemaScore et =
          Scorer.score(scored, ds.labels(), Matching.COMPAT).span().overall(Schema.ENT_TYPE);
      SchemaScore st =
          Scorer.score(scored, ds.labels(), Matching.COMPAT).span().overall(Schema.STRICT);
      int correct = counts.getOrDefault(ErrorKind.CORRECT, 0);
      int boundary = counts.getOrDefault(ErrorKind.BOUNDARY, 0);
      int wrong =
          counts.getOrDefault(ErrorKind.WRONG_LABEL, 0)
              + counts.getOrDefault(ErrorKind.BOUNDARY_AND_LABEL, 0);
      assertEquals(et.correct(), correct + boundary, name);
      assertEquals(et.incorrect(), wrong, name);
      assertEquals(et.missed(), counts.getOrDefault(ErrorKind.MISSED, 0), name);
      assertEquals(et.spurious(), counts.getOrDefault(ErrorKind.SPURIOUS, 0), name);
      assertEquals(st.correct(), correct, name);
    }
  }
}
