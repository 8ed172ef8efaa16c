package org.ncer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ncer.score.Matching;
import org.ncer.score.Schema;
import org.ncer.score.ScoreReport;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;
import org.ncer.span.Mention;

class PairedBootstrapTest {
  private static final List<String> LABELS = List.of("condition", "drug");

  /** Documents of ten two-letter words; gold on every other word, labels alternating. */
  private static List<ScoredDocument> docs(int n, double keep, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ScoredDocument> out = new ArrayList<>();
    String text = "aa bb cc dd ee ff gg hh ii jj";
    for (int d = 0; d < n; d++) {
      List<Mention> gold = new ArrayList<>();
      List<Mention> predicted = new ArrayList<>();
      for (int w = 0; w < 10; w += 2) {
        Mention g = Mention.of(3 * w, 3 * w + 2, LABELS.get((w / 2) % 2));
        gold.add(g);
        if (r.nextDouble() < keep) {
          predicted.add(g);
        } else if (r.nextBoolean()) {
          predicted.add(Mention.of(3 * w + 3, 3 * w + 5, g.label()));
        }
      }
      out.add(new ScoredDocument(text, gold, predicted));
    }
    return out;
  }

  private static int[][][] counts(List<ScoredDocument> docs) {
    return docs.stream().map(d -> DocCounts.of(d, LABELS, Matching.COMPAT)).toArray(int[][][]::new);
  }

  private static PairedBootstrap.Result find(
      List<PairedBootstrap.Result> rs, String label, String metric) {
    return rs.stream()
        .filter(r -> java.util.Objects.equals(r.label(), label) && r.metric().equals(metric))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void summedDocumentCountsGiveTheScorersF1() {
    // given
    List<ScoredDocument> docs = docs(40, 0.6, 3);

    // when
    PairedBootstrap.Result r =
        find(
            PairedBootstrap.compare(LABELS, counts(docs), counts(docs(40, 0, 4)), 10, 1),
            null,
            "span_ent_type");
    PairedBootstrap.Result t =
        find(
            PairedBootstrap.compare(LABELS, counts(docs), counts(docs(40, 0, 4)), 10, 1),
            null,
            "token");
    PairedBootstrap.Result s =
        find(
            PairedBootstrap.compare(LABELS, counts(docs), counts(docs(40, 0, 4)), 10, 1),
            "drug",
            "span_strict");

    // then
    ScoreReport report = Scorer.score(docs, LABELS, Matching.COMPAT);
    assertEquals(report.span().overall(Schema.ENT_TYPE).f1(), r.a(), 1e-12);
    assertEquals(report.token().macro().f1(), t.a(), 1e-12);
    assertEquals(report.span().of("drug", Schema.STRICT).f1(), s.a(), 1e-12);
  }

  @Test
  void identicalRunsDifferByZeroWithPValueOne() {
    // given
    int[][][] a = counts(docs(30, 0.5, 1));

    // when
    List<PairedBootstrap.Result> rs = PairedBootstrap.compare(LABELS, a, a, 200, 9);

    // then
    for (PairedBootstrap.Result r : rs) {
      assertEquals(0, r.difference());
      assertEquals(0, r.ciLow());
      assertEquals(0, r.ciHigh());
      assertEquals(1, r.pValue());
    }
  }

  @Test
  void aClearlyBetterRunHasAnIntervalAboveZeroAndASmallPValue() {
    // given
    int[][][] good = counts(docs(60, 0.9, 1));
    int[][][] bad = counts(docs(60, 0.2, 2));

    // when
    PairedBootstrap.Result r =
        find(PairedBootstrap.compare(LABELS, good, bad, 1000, 5), null, "span_ent_type");

    // then
    assertTrue(r.difference() > 0.3, "difference " + r.difference());
    assertTrue(
        r.ciLow() > 0 && r.ciLow() <= r.difference() && r.difference() <= r.ciHigh(), r.toString());
    assertEquals(1.0 / 1001, r.pValue(), 1e-12); // no resample reaches the null
  }

  @Test
  void aSmallNoisyDifferenceIsNotSignificantAndTheSameSeedRepeats() {
    // given
    int[][][] a = counts(docs(20, 0.5, 11));
    int[][][] b = counts(docs(20, 0.5, 12));

    // when
    List<PairedBootstrap.Result> first = PairedBootstrap.compare(LABELS, a, b, 500, 3);
    List<PairedBootstrap.Result> again = PairedBootstrap.compare(LABELS, a, b, 500, 3);

    // then
    assertEquals(first, again);
    PairedBootstrap.Result r = find(first, null, "token");
    assertTrue(r.ciLow() < 0 && r.ciHigh() > 0, r.toString());
    assertTrue(r.pValue() > 0.05, r.toString());
  }

  @Test
  void percentileInterpolatesBetweenOrderStatistics() {
    // when / then
    assertEquals(2.5, PairedBootstrap.percentile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
    assertEquals(1.075, PairedBootstrap.percentile(new double[] {1, 2, 3, 4}, 0.025), 1e-12);
  }
}
