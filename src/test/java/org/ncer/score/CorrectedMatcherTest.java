package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrectedMatcherTest {
  private static final List<String> ONE_LABEL = List.of("condition");

  @Test
  void pairsAsManyOverlappingSpansAsAMaximumMatching() {
    Random random = new Random(17);
    for (int round = 0; round < 300; round++) {
      // given: distinct spans of one label, none sharing offsets with a span of the other side
      List<int[]> gold = distinctSpans(random, random.nextInt(25), Set.of());
      Set<Long> goldOffsets = new HashSet<>();
      gold.forEach(s -> goldOffsets.add(offsets(s)));
      List<int[]> pred = distinctSpans(random, random.nextInt(25), goldOffsets);
      SpanTally tally = new SpanTally(1);
      // when
      CorrectedMatcher.match(spans(gold), spans(pred), tally);
      // then: every pair is an overlap, and there are as many as a maximum matching has
      SchemaScore partial = tally.scores(ONE_LABEL).overall(Schema.PARTIAL);
      assertEquals(0, partial.correct());
      assertEquals(maximumMatching(gold, pred), partial.partial(), "round " + round);
      assertEquals(gold.size() - partial.partial(), partial.missed());
      assertEquals(pred.size() - partial.partial(), partial.spurious());
    }
  }

  private static List<int[]> distinctSpans(Random random, int count, Set<Long> avoid) {
    Set<Long> seen = new HashSet<>();
    List<int[]> spans = new ArrayList<>();
    while (spans.size() < count) {
      int start = random.nextInt(60);
      int[] span = {start, start + 1 + random.nextInt(8)};
      if (!avoid.contains(offsets(span)) && seen.add(offsets(span))) {
        spans.add(span);
      }
    }
    return spans;
  }

  private static long offsets(int[] span) {
    return ((long) span[0] << 32) | span[1];
  }

  private static LabelledSpans spans(List<int[]> list) {
    int[] start = list.stream().mapToInt(s -> s[0]).toArray();
    int[] end = list.stream().mapToInt(s -> s[1]).toArray();
    return LabelledSpans.of(start, end, new int[list.size()]);
  }

  /** Kuhn's augmenting paths over the "shares a character" graph. */
  private static int maximumMatching(List<int[]> gold, List<int[]> pred) {
    int[] goldOf = new int[pred.size()];
    java.util.Arrays.fill(goldOf, -1);
    int[] predOf = new int[gold.size()];
    java.util.Arrays.fill(predOf, -1);
    int size = 0;
    for (int g = 0; g < gold.size(); g++) {
      if (augment(g, gold, pred, predOf, goldOf, new boolean[pred.size()])) {
        size++;
      }
    }
    return size;
  }

  private static boolean augment(
      int g, List<int[]> gold, List<int[]> pred, int[] predOf, int[] goldOf, boolean[] visited) {
    for (int p = 0; p < pred.size(); p++) {
      boolean overlap = gold.get(g)[0] < pred.get(p)[1] && pred.get(p)[0] < gold.get(g)[1];
      if (overlap && !visited[p]) {
        visited[p] = true;
        if (goldOf[p] < 0 || augment(goldOf[p], gold, pred, predOf, goldOf, visited)) {
          goldOf[p] = g;
          predOf[g] = p;
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void sameOffsetsAreMatchedBeforeOverlaps() {
    // given: gold "chest pain" as condition; predictions "chest" (condition) and "chest pain"
    // (drug)
    LabelledSpans gold = LabelledSpans.of(new int[] {0}, new int[] {10}, new int[] {0});
    LabelledSpans pred = LabelledSpans.of(new int[] {0, 0}, new int[] {5, 10}, new int[] {0, 1});
    SpanTally tally = new SpanTally(2);
    // when
    CorrectedMatcher.match(gold, pred, tally);
    // then: the same-offset drug takes the gold span; "chest" is left spurious
    SpanScores scores = tally.scores(List.of("condition", "drug"));
    assertEquals(1, scores.overall(Schema.EXACT).correct());
    assertEquals(1, scores.overall(Schema.EXACT).spurious());
  }
}
