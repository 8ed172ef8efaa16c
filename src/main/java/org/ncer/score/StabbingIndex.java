package org.ncer.score;

import java.util.Arrays;

/**
 * Closed integer intervals {@code [start, last]} numbered 0..n-1, some of which get retired over
 * time; answers "the smallest number among the live intervals that contain point x".
 *
 * <p>A segment tree over the distinct endpoints holds each interval in the O(log n) nodes that
 * cover it exactly; a query visits the O(log n) nodes on one root-to-leaf path. Each node keeps its
 * interval numbers in ascending order with a cursor past the retired ones, so a query costs O(log
 * n) plus, over all queries, each stored number skipped once: O((n + q) log n) in total.
 */
final class StabbingIndex {
  private final int[] points;
  private final int slots;
  private final int[][] members;
  private final int[] cursor;
  private final boolean[] retired;

  /**
   * Indexes the intervals {@code [start[i], last[i]]}; {@code retired} is read on every query, and
   * an interval once marked there must stay retired.
   */
  StabbingIndex(int[] start, int[] last, boolean[] retired) {
    this.retired = retired;
    int n = start.length;
    int[] all = new int[2 * n];
    System.arraycopy(start, 0, all, 0, n);
    System.arraycopy(last, 0, all, n, n);
    points = Arrays.stream(all).sorted().distinct().toArray();
    // Slot 2j is the point points[j]; slot 2j+1 the gap between points[j] and points[j+1].
    slots = Math.max(1, 2 * points.length - 1);
    int nodes = 4 * slots;
    int[] sizes = new int[nodes];
    int[] from = new int[n];
    int[] to = new int[n];
    for (int i = 0; i < n; i++) {
      from[i] = 2 * Arrays.binarySearch(points, start[i]);
      to[i] = 2 * Arrays.binarySearch(points, last[i]);
      cover(1, 0, slots, from[i], to[i] + 1, sizes, -1, null);
    }
    members = new int[nodes][];
    for (int node = 0; node < nodes; node++) {
      members[node] = sizes[node] == 0 ? EMPTY : new int[sizes[node]];
    }
    int[] filled = new int[nodes];
    for (int i = 0; i < n; i++) {
      cover(1, 0, slots, from[i], to[i] + 1, filled, i, members);
    }
    cursor = new int[nodes];
  }

  private static final int[] EMPTY = new int[0];

  /** Counts (when {@code store} is null) or stores interval {@code id} in the covering nodes. */
  private static void cover(
      int node, int lo, int hi, int from, int to, int[] fill, int id, int[][] store) {
    if (to <= lo || hi <= from) {
      return;
    }
    if (from <= lo && hi <= to) {
      if (store != null) {
        store[node][fill[node]] = id;
      }
      fill[node]++;
      return;
    }
    int mid = (lo + hi) >>> 1;
    cover(2 * node, lo, mid, from, to, fill, id, store);
    cover(2 * node + 1, mid, hi, from, to, fill, id, store);
  }

  /** The smallest live interval number containing {@code x}, or {@link MinTree#NONE}. */
  int smallestContaining(int x) {
    int j = Arrays.binarySearch(points, x);
    int slot;
    if (j >= 0) {
      slot = 2 * j;
    } else {
      int below = -j - 2;
      if (below < 0 || below == points.length - 1) {
        return MinTree.NONE;
      }
      slot = 2 * below + 1;
    }
    int best = MinTree.NONE;
    int node = 1;
    int lo = 0;
    int hi = slots;
    while (true) {
      int[] ids = members[node];
      int c = cursor[node];
      while (c < ids.length && retired[ids[c]]) {
        c++;
      }
      cursor[node] = c;
      if (c < ids.length) {
        best = Math.min(best, ids[c]);
      }
      if (hi - lo == 1) {
        return best;
      }
      int mid = (lo + hi) >>> 1;
      if (slot < mid) {
        node = 2 * node;
        hi = mid;
      } else {
        node = 2 * node + 1;
        lo = mid;
      }
    }
  }
}
