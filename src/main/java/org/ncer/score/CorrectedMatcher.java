package org.ncer.score;

import java.util.Arrays;

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
  private final LabelledSpans gold;
  private final LabelledSpans predicted;
  private final boolean[] goldUsed;
  private final boolean[] predictedUsed;
  private final SpanTally tally;

  private CorrectedMatcher(LabelledSpans gold, LabelledSpans predicted, SpanTally tally) {
    this.gold = gold;
    this.predicted = predicted;
    this.tally = tally;
    goldUsed = new boolean[gold.size()];
    predictedUsed = new boolean[predicted.size()];
  }

  /** Counts the verdicts of one document into {@code tally}. */
  static void match(LabelledSpans gold, LabelledSpans predicted, SpanTally tally) {
    CorrectedMatcher m =
        new CorrectedMatcher(
            distinctInPositionOrder(gold), distinctInPositionOrder(predicted), tally);
    m.pairSameOffsets();
    int labels = 1 + Math.max(maxLabel(m.gold), maxLabel(m.predicted));
    for (int label = 0; label < labels; label++) {
      m.pairOverlaps(label);
    }
    m.pairOverlaps(-1);
    m.countLeftovers();
  }

  /**
   * Pairs spans with equal offsets: equal labels first, then the remaining spans of each run of
   * equal offsets in label order. Both sides are in position order, so one merge pass does it.
   */
  private void pairSameOffsets() {
    for (boolean sameLabel : new boolean[] {true, false}) {
      int g = 0;
      int p = 0;
      while (g < gold.size() && p < predicted.size()) {
        int c =
            sameLabel
                ? LabelledSpans.compare(gold, g, predicted, p)
                : LabelledSpans.compareOffsets(gold, g, predicted, p);
        if (c < 0 || (c == 0 && goldUsed[g])) {
          g++;
        } else if (c > 0 || predictedUsed[p]) {
          p++;
        } else {
          pair(g, p, sameLabel ? Verdict.EXACT : Verdict.SAME_SPAN_OTHER_LABEL);
          g++;
          p++;
        }
      }
    }
  }

  /**
   * Pairs the unused, non-empty spans of {@code label} (any label for -1) that share a character:
   * predictions by ascending end, each with the available gold span of smallest end. A
   * range-minimum tree over the candidate gold spans sorted by end, holding their starts, finds the
   * first gold span that ends after the prediction's start and starts before its end.
   */
  private void pairOverlaps(int label) {
    int[] golds = candidates(gold, goldUsed, label);
    int[] predictions = candidates(predicted, predictedUsed, label);
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
      int r = available.firstBelow(firstAbove(ends, predicted.start[p]), predicted.end[p]);
      if (r >= 0) {
        available.set(r, MinTree.NONE);
        int g = golds[r];
        pair(g, p, Verdict.overlap(gold.label[g], predicted.label[p]));
      }
    }
  }

  /** The unused non-empty spans with {@code label} (any for -1), ordered by end, then position. */
  private static int[] candidates(LabelledSpans spans, boolean[] used, int label) {
    int[] picked = new int[spans.size()];
    int n = 0;
    for (int i = 0; i < spans.size(); i++) {
      if (!used[i] && !spans.isEmpty(i) && (label < 0 || spans.label[i] == label)) {
        picked[n++] = i;
      }
    }
    IndexSort.sort(picked, n, (a, b) -> Integer.compare(spans.end[a], spans.end[b]));
    return Arrays.copyOf(picked, n);
  }

  /** The first index of ascending {@code a} whose value is greater than {@code value}. */
  private static int firstAbove(int[] a, int value) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void pair(int g, int p, Verdict verdict) {
    goldUsed[g] = true;
    predictedUsed[p] = true;
    tally.add(gold.label[g], verdict);
  }

  private void countLeftovers() {
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

  private static int maxLabel(LabelledSpans spans) {
    int max = -1;
    for (int l : spans.label) {
      max = Math.max(max, l);
    }
    return max;
  }

  /** The distinct spans (by start, end and label), ordered by start, end and label. */
  private static LabelledSpans distinctInPositionOrder(LabelledSpans spans) {
    int[] order = IndexSort.sorted(spans.size(), spans::comparePosition);
    int n = 0;
    for (int r = 0; r < order.length; r++) {
      if (n == 0 || spans.comparePosition(order[n - 1], order[r]) != 0) {
        order[n++] = order[r];
      }
    }
    return spans.select(order, n);
  }
}
