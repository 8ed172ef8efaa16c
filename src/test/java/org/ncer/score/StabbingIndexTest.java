package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StabbingIndexTest {

  @Test
  void findsTheSmallestLiveIntervalContainingAPointLikeALinearScan() {
    Random random = new Random(5);
    for (int round = 0; round < 200; round++) {
      // given
      int n = random.nextInt(30);
      int[] start = new int[n];
      int[] last = new int[n];
      for (int i = 0; i < n; i++) {
        start[i] = random.nextInt(40);
        last[i] = start[i] + random.nextInt(8);
      }
      boolean[] retired = new boolean[n];
      StabbingIndex index = new StabbingIndex(start, last, retired);
      for (int step = 0; step < 40; step++) {
        if (n > 0 && random.nextInt(4) == 0) {
          retired[random.nextInt(n)] = true;
        }
        int x = random.nextInt(52) - 2;
        // when
        int found = index.smallestContaining(x);
        // then
        assertEquals(scan(start, last, retired, x), found, "point " + x);
      }
    }
  }

  @Test
  void pointBetweenEndpointsIsContainedByTheIntervalsSpanningIt() {
    // given: [2, 9] and [4, 5]; the points 3, 6 and 7 are no endpoint
    StabbingIndex index = new StabbingIndex(new int[] {2, 4}, new int[] {9, 5}, new boolean[2]);
    // when / then
    assertEquals(0, index.smallestContaining(7));
    assertEquals(0, index.smallestContaining(3));
    assertEquals(MinTree.NONE, index.smallestContaining(10));
    assertEquals(MinTree.NONE, index.smallestContaining(1));
  }

  private static int scan(int[] start, int[] last, boolean[] retired, int x) {
    for (int i = 0; i < start.length; i++) {
      if (!retired[i] && start[i] <= x && x <= last[i]) {
        return i;
      }
    }
    return MinTree.NONE;
  }
}
