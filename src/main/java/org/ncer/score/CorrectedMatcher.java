package org.ncer.score;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Pairs the spans of one document one to one, the way a careful reader would count them.
 *
 * <ul>
 *   <li>Duplicate mentions (same start, end and label) count once, on either side.
 *   <li>Spans overlap when they share at least one character: touching spans do not overlap, and an
 *       empty span overlaps nothing (it can still match a span with the same offsets).
 *   <li>Each gold span pairs with at most one prediction and each prediction with at most one gold
 *       span, best kind of match first: same offsets and label, then same offsets, then overlap
 *       with the same label, then any overlap.
 *   <li>Within a kind, the pairing has as many pairs as possible and does not depend on the order
 *       of the input: spans are taken in position order, and each prediction in order of its end
 *       takes the overlapping gold span that ends first (the classic greedy, optimal for intervals:
 *       a gold span that ends later stays available to every later prediction that could use the
 *       earlier one).
 * </ul>
 *
 * Verdicts are credited as in nervaluate: matches to the gold label, spurious predictions to their
 * own label. Cost: O((n + m) log n) per document.
 */
final class CorrectedMatcher {
  private CorrectedMatcher() {}

  /** Counts the verdicts of one document into {@code tally}. */
  static void match(LabelledSpans goldIn, LabelledSpans predictedIn, SpanTally tally) {
    LabelledSpans gold = distinctInPositionOrder(goldIn);
    LabelledSpans predicted = distinctInPositionOrder(predictedIn);
    boolean[] goldUsed = new boolean[gold.size()];
    boolean[] predictedUsed = new boolean[predicted.size()];

    Map<LabelledSpans.Key, Integer> goldByKey = new HashMap<>();
    Map<LabelledSpans.Key, ArrayDeque<Integer>> goldByOffsets = new HashMap<>();
    for (int g = 0; g < gold.size(); g++) {
      goldByKey.put(gold.key(g), g);
      goldByOffsets.computeIfAbsent(gold.offsets(g), k -> new ArrayDeque<>()).add(g);
    }
    for (int p = 0; p < predicted.size(); p++) {
      Integer g = goldByKey.get(predicted.key(p));
      if (g != null) {
        pair(g, p, Verdict.EXACT, gold, goldUsed, predictedUsed, tally);
      }
    }
    for (int p = 0; p < predicted.size(); p++) {
      ArrayDeque<Integer> sameOffsets =
          predictedUsed[p] ? null : goldByOffsets.get(predicted.offsets(p));
      while (sameOffsets != null && !sameOffsets.isEmpty()) {
        int g = sameOffsets.poll();
        if (!goldUsed[g]) {
          pair(g, p, Verdict.SAME_SPAN_OTHER_LABEL, gold, goldUsed, predictedUsed, tally);
          break;
        }
      }
    }
    int labels =
        1
            + IntStream.concat(Arrays.stream(gold.label), Arrays.stream(predicted.label))
                .max()
                .orElse(-1);
    for (int label = 0; label < labels; label++) {
      int l = label;
      overlapGreedy(
          gold,
          predicted,
          goldUsed,
          predictedUsed,
          g -> gold.label[g] == l,
          p -> predicted.label[p] == l,
          tally);
    }
    overlapGreedy(gold, predicted, goldUsed, predictedUsed, g -> true, p -> true, tally);

    for (int p = 0; p < predicted.size(); p++) {
      if (!predictedUsed[p]) {
        tally.add(predicted.label[p], Verdict.SPURIOUS);
      }
    }
    for (int g = 0; g < gold.size(); g++) {
      if (!goldUsed[g]) {
        tally.add(gold.label[g], Verdict.MISSED);
      }
    }
  }

  private static void pair(
      int g,
      int p,
      Verdict verdict,
      LabelledSpans gold,
      boolean[] goldUsed,
      boolean[] predictedUsed,
      SpanTally tally) {
    goldUsed[g] = true;
    predictedUsed[p] = true;
    tally.add(gold.label[g], verdict);
  }

  /**
   * Pairs the unused, non-empty gold and predicted spans accepted by the filters that share a
   * character: predictions by ascending end, each with the available gold span of smallest end. A
   * range-minimum tree over the candidate gold spans sorted by end, holding their starts, finds the
   * first gold span that ends after the prediction's start and starts before its end.
   */
  private static void overlapGreedy(
      LabelledSpans gold,
      LabelledSpans predicted,
      boolean[] goldUsed,
      boolean[] predictedUsed,
      IntPredicate goldFilter,
      IntPredicate predictedFilter,
      SpanTally tally) {
    int[] golds =
        IntStream.range(0, gold.size())
            .filter(g -> !goldUsed[g] && gold.end[g] > gold.start[g] && goldFilter.test(g))
            .boxed()
            .sorted(byEndThenStart(gold))
            .mapToInt(Integer::intValue)
            .toArray();
    int[] predictions =
        IntStream.range(0, predicted.size())
            .filter(
                p ->
                    !predictedUsed[p]
                        && predicted.end[p] > predicted.start[p]
                        && predictedFilter.test(p))
            .boxed()
            .sorted(byEndThenStart(predicted))
            .mapToInt(Integer::intValue)
            .toArray();
    if (golds.length == 0 || predictions.length == 0) {
      return;
    }
    int[] ends = new int[golds.length];
    int[] starts = new int[golds.length];
    for (int r = 0; r < golds.length; r++) {
      ends[r] = gold.end[golds[r]];
      starts[r] = gold.start[golds[r]];
    }
    MinTree available = new MinTree(starts);
    for (int p : predictions) {
      // Half-open overlap: gold.end > p.start and gold.start < p.end.
      int from = CompatMatcher.lowerBound(ends, predicted.start[p] + 1);
      int r = available.firstBelow(from, predicted.end[p]);
      if (r >= 0) {
        int g = golds[r];
        available.set(r, MinTree.NONE);
        pair(
            g,
            p,
            Verdict.overlap(gold.label[g], predicted.label[p]),
            gold,
            goldUsed,
            predictedUsed,
            tally);
      }
    }
  }

  private static Comparator<Integer> byEndThenStart(LabelledSpans s) {
    return Comparator.<Integer>comparingInt(i -> s.end[i])
        .thenComparingInt(i -> s.start[i])
        .thenComparingInt(i -> s.label[i]);
  }

  /** The distinct spans (by start, end and label), ordered by start, end and label. */
  private static LabelledSpans distinctInPositionOrder(LabelledSpans spans) {
    HashSet<LabelledSpans.Key> keys = new HashSet<>();
    for (int i = 0; i < spans.size(); i++) {
      keys.add(spans.key(i));
    }
    LabelledSpans.Key[] sorted =
        keys.stream()
            .sorted(
                Comparator.comparingInt(LabelledSpans.Key::start)
                    .thenComparingInt(LabelledSpans.Key::end)
                    .thenComparingInt(LabelledSpans.Key::label))
            .toArray(LabelledSpans.Key[]::new);
    int[] start = new int[sorted.length];
    int[] end = new int[sorted.length];
    int[] label = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      start[i] = sorted[i].start();
      end[i] = sorted[i].end();
      label[i] = sorted[i].label();
    }
    return LabelledSpans.of(start, end, label);
  }
}
