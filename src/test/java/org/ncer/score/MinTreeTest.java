package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MinTreeTest {

  @Test
  void answersLikeALinearScanAfterRandomUpdates() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      // given
      int n = 1 + random.nextInt(40);
      int[] values = random.ints(n, 0, 50).toArray();
      MinTree tree = new MinTree(values);
      for (int step = 0; step < 30; step++) {
        int pos = random.nextInt(n);
        values[pos] = random.nextBoolean() ? MinTree.NONE : random.nextInt(50);
        // when
        tree.set(pos, values[pos]);
        int from = random.nextInt(n + 1);
        int to = from + random.nextInt(n + 1 - from);
        int bound = random.nextInt(60);
        // then
        assertEquals(scanMin(values, from, to), tree.min(from, to));
        assertEquals(scanFirstBelow(values, from, bound), tree.firstBelow(from, bound));
      }
    }
  }

  @Test
  void emptyRangeHasNoMinimum() {
    // given
    MinTree tree = new MinTree(new int[] {3, 1, 2});
    // when
    int emptyRange = tree.min(2, 2);
    int pastTheEnd = tree.firstBelow(3, 100);
    // then
    assertEquals(MinTree.NONE, emptyRange);
    assertEquals(-1, pastTheEnd);
    assertEquals(MinTree.NONE, new MinTree(new int[0]).min(0, 0));
  }

  private static int scanMin(int[] values, int from, int to) {
    int min = MinTree.NONE;
    for (int i = from; i < to; i++) {
      min = Math.min(min, values[i]);
    }
    return min;
  }

  private static int scanFirstBelow(int[] values, int from, int bound) {
    for (int i = from; i < values.length; i++) {
      if (values[i] < bound) {
        return i;
      }
    }
    return -1;
  }
}
