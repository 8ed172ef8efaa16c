package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompatMatcherTest {
  private static final List<String> LABELS = List.of("a", "b", "c");

  @Test
  void agreesWithTheLiteralScanOnCrowdedDocuments() {
    Random random = new Random(3);
    for (int round = 0; round < 300; round++) {
      // given: many short spans in a short text, so overlaps, duplicates and touches abound
      int width = 5 + random.nextInt(60);
      LabelledSpans gold = randomSpans(random, random.nextInt(40), width);
      LabelledSpans pred = randomSpans(random, random.nextInt(40), width);
      SpanTally fast = new SpanTally(LABELS.size());
      SpanTally literal = new SpanTally(LABELS.size());
      // when
      CompatMatcher.match(gold, pred, fast);
      literalScan(gold, pred, literal);
      // then
      assertEquals(literal.scores(LABELS), fast.scores(LABELS), "round " + round);
    }
  }

  private static LabelledSpans randomSpans(Random random, int count, int width) {
    int[] start = new int[count];
    int[] end = new int[count];
    int[] label = new int[count];
    for (int i = 0; i < count; i++) {
      if (i > 0 && random.nextInt(6) == 0) {
        int j = random.nextInt(i);
        start[i] = start[j];
        end[i] = end[j];
        label[i] = random.nextBoolean() ? label[j] : random.nextInt(3);
      } else {
        start[i] = random.nextInt(width);
        end[i] = Math.min(width, start[i] + random.nextInt(6));
        label[i] = random.nextInt(3);
      }
    }
    return LabelledSpans.of(start, end, label);
  }

  /**
   * nervaluate 0.1.8's loop restated without any index: for each prediction, an equal gold span
   * first, then the first gold span in order with the same offsets and another label, or that
   * overlaps (inclusive ends) and is not claimed by value.
   */
  private static void literalScan(LabelledSpans gold, LabelledSpans pred, SpanTally tally) {
    List<String> claimed = new ArrayList<>();
    List<String> goldKeys = new ArrayList<>();
    for (int g = 0; g < gold.size(); g++) {
      goldKeys.add(key(gold, g));
    }
    for (int p = 0; p < pred.size(); p++) {
      if (goldKeys.contains(key(pred, p))) {
        tally.add(pred.label[p], Verdict.EXACT);
        claimed.add(key(pred, p));
        continue;
      }
      boolean found = false;
      for (int g = 0; g < gold.size() && !found; g++) {
        if (gold.start[g] == pred.start[p]
            && gold.end[g] == pred.end[p]
            && gold.label[g] != pred.label[p]) {
          tally.add(gold.label[g], Verdict.SAME_SPAN_OTHER_LABEL);
          claimed.add(key(gold, g));
          found = true;
        } else if (gold.start[g] <= pred.end[p]
            && pred.start[p] <= gold.end[g]
            && !claimed.contains(key(gold, g))) {
          tally.add(gold.label[g], Verdict.overlap(gold.label[g], pred.label[p]));
          claimed.add(key(gold, g));
          found = true;
        }
      }
      if (!found) {
        tally.add(pred.label[p], Verdict.SPURIOUS);
      }
    }
    for (int g = 0; g < gold.size(); g++) {
      if (!claimed.contains(key(gold, g))) {
        tally.add(gold.label[g], Verdict.MISSED);
      }
    }
  }

  private static String key(LabelledSpans spans, int i) {
    return spans.start[i] + ".." + spans.end[i] + " " + spans.label[i];
  }
}
