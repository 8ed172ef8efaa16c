package org.ncer.score;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Pairs the spans of one document the way nervaluate 0.1.8's {@code compute_metrics} does, without
 * its scan of every gold span for every prediction.
 *
 * <p>The rules, in nervaluate's order, for each prediction in list order:
 *
 * <ol>
 *   <li>If some gold span has the same start, end and label, the prediction is correct, even when
 *       an earlier prediction already claimed that gold span (so an exact duplicate counts twice).
 *   <li>Otherwise take the first gold span in list order that either has the same offsets and
 *       another label (scenario IV), or overlaps the prediction and is not yet claimed (scenarios V
 *       and VI). Overlap treats end offsets as inclusive, {@code range(start, end + 1)}: spans that
 *       only touch overlap, and an empty span covers its start.
 *   <li>If there is none, the prediction is spurious.
 * </ol>
 *
 * A gold span counts as claimed once any prediction matched a gold span with the same start, end
 * and label ({@code true in true_which_overlapped_with_pred} compares by value), and every gold
 * span that is not claimed at the end is missed.
 *
 * <p>Finding "the first gold span" is a minimum over gold list positions: the first live gold span
 * with its start inside the prediction comes from a range-minimum tree over the gold spans sorted
 * by start, the first live one that contains the prediction's start from a {@link StabbingIndex},
 * and the first same-offset one with another label from a hash of offsets. Each prediction costs
 * O(log n), each claim retires its gold spans once: O((n + m) log n) per document.
 */
final class CompatMatcher {
  private final LabelledSpans gold;
  private final SpanTally tally;

  /** Key number of each gold span; gold spans with equal start, end and label share one. */
  private final int[] keyOf;

  private final Map<LabelledSpans.Key, Integer> keyNumbers = new HashMap<>();
  private int[][] spansOfKey;
  private boolean[] claimed;
  private final boolean[] retired;

  /** First and second gold position per offsets: the second is the first with another label. */
  private final Map<LabelledSpans.Key, int[]> sameOffsets = new HashMap<>();

  private final int[] byStart;
  private final int[] sortedStarts;
  private final int[] rankInStartOrder;
  private final MinTree firstByStart;
  private final StabbingIndex containing;

  private CompatMatcher(LabelledSpans gold, SpanTally tally) {
    this.gold = gold;
    this.tally = tally;
    int n = gold.size();
    keyOf = new int[n];
    retired = new boolean[n];
    indexKeys(n);
    for (int i = 0; i < n; i++) {
      int[] firstTwo = sameOffsets.computeIfAbsent(gold.offsets(i), k -> new int[] {-1, -1});
      if (firstTwo[0] < 0) {
        firstTwo[0] = i;
      } else if (firstTwo[1] < 0 && gold.label[i] != gold.label[firstTwo[0]]) {
        firstTwo[1] = i;
      }
    }
    byStart = sortedByStart(gold);
    sortedStarts = new int[n];
    rankInStartOrder = new int[n];
    for (int r = 0; r < n; r++) {
      sortedStarts[r] = gold.start[byStart[r]];
      rankInStartOrder[byStart[r]] = r;
    }
    firstByStart = new MinTree(byStart);
    containing = new StabbingIndex(gold.start, gold.end, retired);
  }

  /** Counts the verdicts of one document into {@code tally}. */
  static void match(LabelledSpans gold, LabelledSpans predicted, SpanTally tally) {
    CompatMatcher matcher = new CompatMatcher(gold, tally);
    for (int p = 0; p < predicted.size(); p++) {
      matcher.matchOne(predicted, p);
    }
    matcher.countMissed();
  }

  private void indexKeys(int n) {
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) {
      int k = keyNumbers.computeIfAbsent(gold.key(i), x -> keyNumbers.size());
      keyOf[i] = k;
      sizes[k]++;
    }
    int keys = keyNumbers.size();
    spansOfKey = new int[keys][];
    for (int k = 0; k < keys; k++) {
      spansOfKey[k] = new int[sizes[k]];
    }
    int[] filled = new int[keys];
    for (int i = 0; i < n; i++) {
      spansOfKey[keyOf[i]][filled[keyOf[i]]++] = i;
    }
    claimed = new boolean[keys];
  }

  private static int[] sortedByStart(LabelledSpans spans) {
    return IntStream.range(0, spans.size())
        .boxed()
        .sorted((a, b) -> Integer.compare(spans.start[a], spans.start[b]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private void matchOne(LabelledSpans predicted, int p) {
    int label = predicted.label[p];
    Integer exact = keyNumbers.get(predicted.key(p));
    if (exact != null) {
      tally.add(label, Verdict.EXACT);
      claim(exact);
      return;
    }
    int start = predicted.start[p];
    int end = predicted.end[p];
    int sameSpan = sameOffsetsOtherLabel(predicted.offsets(p), label);
    // nervaluate 0.1.8 treats end as inclusive: range(start, end + 1). Touching spans overlap.
    int from = lowerBound(sortedStarts, start);
    int to = lowerBound(sortedStarts, end + 1);
    int startsInside = firstByStart.min(from, to);
    int coversStart = containing.smallestContaining(start);
    int first = Math.min(sameSpan, Math.min(startsInside, coversStart));
    if (first == MinTree.NONE) {
      tally.add(label, Verdict.SPURIOUS);
    } else if (first == sameSpan) {
      tally.add(gold.label[first], Verdict.SAME_SPAN_OTHER_LABEL);
      claim(keyOf[first]);
    } else {
      tally.add(gold.label[first], Verdict.overlap(gold.label[first], label));
      claim(keyOf[first]);
    }
  }

  /** The first gold position with these offsets and a label other than {@code label}. */
  private int sameOffsetsOtherLabel(LabelledSpans.Key offsets, int label) {
    int[] firstTwo = sameOffsets.get(offsets);
    if (firstTwo == null) {
      return MinTree.NONE;
    }
    if (gold.label[firstTwo[0]] != label) {
      return firstTwo[0];
    }
    return firstTwo[1] >= 0 ? firstTwo[1] : MinTree.NONE;
  }

  private void claim(int key) {
    if (claimed[key]) {
      return;
    }
    claimed[key] = true;
    for (int i : spansOfKey[key]) {
      retired[i] = true;
      firstByStart.set(rankInStartOrder[i], MinTree.NONE);
    }
  }

  private void countMissed() {
    for (int i = 0; i < gold.size(); i++) {
      if (!claimed[keyOf[i]]) {
        tally.add(gold.label[i], Verdict.MISSED);
      }
    }
  }

  /** The first index whose value is {@code >= value} in the ascending array {@code a}. */
  static int lowerBound(int[] a, int value) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
