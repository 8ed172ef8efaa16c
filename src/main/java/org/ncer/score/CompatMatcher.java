package org.ncer.score;

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
 * <p>"The first gold span" is a minimum over gold list positions. The gold spans are sorted once by
 * start, end and label; equal spans and same-offset spans are then found by binary search, the
 * first live gold span that starts inside the prediction by a range-minimum {@link MinTree} over
 * that order, and the first live one that contains the prediction's start by a {@link
 * StabbingIndex}. Each prediction costs O(log n) and each claim retires its gold spans once: O((n +
 * m) log n) per document.
 */
final class CompatMatcher {
  private final LabelledSpans gold;
  private final SpanTally tally;

  /** Gold positions sorted by start, end, label, then position. */
  private final int[] order;

  /** Key number of each gold position: gold spans with equal start, end and label share one. */
  private final int[] keyOf;

  /** The ranks in {@link #order} of key k's gold spans: {@code keyRanks[k]..keyRanks[k + 1]}. */
  private final int[] keyRanks;

  private final boolean[] claimed;
  private final boolean[] retired;

  /**
   * At the first rank of each run of equal offsets: its smallest gold position, and the smallest
   * position whose label differs from that one's (-1 if none).
   */
  private final int[] firstOfOffsets;

  private final int[] otherLabelOfOffsets;

  private final MinTree liveByStart;
  private final StabbingIndex containing;

  private CompatMatcher(LabelledSpans gold, SpanTally tally) {
    this.gold = gold;
    this.tally = tally;
    int n = gold.size();
    order = IndexSort.sorted(n, gold::comparePosition);
    keyOf = new int[n];
    int[] ranks = new int[n + 1];
    int keys = 0;
    firstOfOffsets = new int[n];
    otherLabelOfOffsets = new int[n];
    int runStart = 0;
    for (int r = 0; r < n; r++) {
      int i = order[r];
      if (r == 0 || gold.comparePosition(order[r - 1], i) != 0) {
        ranks[keys++] = r;
      }
      keyOf[i] = keys - 1;
      if (r == 0 || LabelledSpans.compareOffsets(gold, order[r - 1], gold, i) != 0) {
        runStart = r;
        firstOfOffsets[r] = i;
        otherLabelOfOffsets[r] = -1;
      } else {
        updateRun(runStart, i);
      }
    }
    ranks[keys] = n;
    keyRanks = ranks;
    claimed = new boolean[keys];
    retired = new boolean[n];
    liveByStart = new MinTree(order);
    containing = new StabbingIndex(gold.start, gold.end, retired);
  }

  /** Takes gold position {@code i} into the run of equal offsets that starts at rank runStart. */
  private void updateRun(int runStart, int i) {
    int first = firstOfOffsets[runStart];
    if (i < first) {
      // The old first is then the smallest position of all the others.
      if (gold.label[first] != gold.label[i]) {
        otherLabelOfOffsets[runStart] = first;
      }
      firstOfOffsets[runStart] = i;
    } else if (gold.label[i] != gold.label[first]) {
      int other = otherLabelOfOffsets[runStart];
      if (other < 0 || i < other) {
        otherLabelOfOffsets[runStart] = i;
      }
    }
  }

  /** Counts the verdicts of one document into {@code tally}. */
  static void match(LabelledSpans gold, LabelledSpans predicted, SpanTally tally) {
    CompatMatcher matcher = new CompatMatcher(gold, tally);
    for (int p = 0; p < predicted.size(); p++) {
      matcher.matchOne(predicted, p);
    }
    matcher.countMissed();
  }

  private void matchOne(LabelledSpans predicted, int p) {
    int label = predicted.label[p];
    int rank = lowerBound(predicted, p, false);
    if (rank < order.length && LabelledSpans.compare(gold, order[rank], predicted, p) == 0) {
      tally.add(label, Verdict.EXACT);
      claim(keyOf[order[rank]]);
      return;
    }
    int start = predicted.start[p];
    int end = predicted.end[p];
    int sameSpan = sameOffsetsOtherLabel(predicted, p);
    // nervaluate 0.1.8 treats end as inclusive: range(start, end + 1). Touching spans overlap.
    int startsInside = liveByStart.min(firstStartAtLeast(start), firstStartAtLeast(end + 1));
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

  /** The first gold position with the prediction's offsets and another label, or NONE. */
  private int sameOffsetsOtherLabel(LabelledSpans predicted, int p) {
    int rank = lowerBound(predicted, p, true);
    if (rank == order.length
        || LabelledSpans.compareOffsets(gold, order[rank], predicted, p) != 0) {
      return MinTree.NONE;
    }
    int first = firstOfOffsets[rank];
    if (gold.label[first] != predicted.label[p]) {
      return first;
    }
    int other = otherLabelOfOffsets[rank];
    return other >= 0 ? other : MinTree.NONE;
  }

  /**
   * The first rank whose gold span is not before prediction {@code p} (by offsets only if asked).
   */
  private int lowerBound(LabelledSpans predicted, int p, boolean offsetsOnly) {
    int lo = 0;
    int hi = order.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c =
          offsetsOnly
              ? LabelledSpans.compareOffsets(gold, order[mid], predicted, p)
              : LabelledSpans.compare(gold, order[mid], predicted, p);
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int firstStartAtLeast(int value) {
    int lo = 0;
    int hi = order.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (gold.start[order[mid]] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void claim(int key) {
    if (claimed[key]) {
      return;
    }
    claimed[key] = true;
    for (int r = keyRanks[key]; r < keyRanks[key + 1]; r++) {
      retired[order[r]] = true;
      liveByStart.set(r, MinTree.NONE);
    }
  }

  private void countMissed() {
    for (int i = 0; i < gold.size(); i++) {
      if (!claimed[keyOf[i]]) {
        tally.add(gold.label[i], Verdict.MISSED);
      }
    }
  }
}
