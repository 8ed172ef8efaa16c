package org.ncer.score;

import java.util.Arrays;

/**
 * Closed integer intervals {@code [start, last]} numbered 0..n-1, some of which get retired over
 * time; answers "the smallest number among the live intervals that contain point x".
 *
 * <p>A bottom-up segment tree over the distinct endpoints holds each interval in the O(log n) nodes
 * that cover it exactly; a query visits the O(log n) ancestors of one leaf. Each node keeps its
 * interval numbers in ascending order with a cursor past the retired ones, so a query costs O(log
 * n) plus, over all queries, each stored number skipped once: O((n + q) log n) in total.
 */
final class StabbingIndex {
  private final int[] points;
  private final int slots;
  private final int[] first;
  private final int[] members;
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
    Arrays.sort(all);
    int distinct = 0;
    for (int i = 0; i < all.length; i++) {
      if (distinct == 0 || all[distinct - 1] != all[i]) {
        all[distinct++] = all[i];
      }
    }
    points = Arrays.copyOf(all, distinct);
    // Slot 2j is the point points[j]; slot 2j+1 the gap between points[j] and points[j+1].
    slots = Math.max(1, 2 * distinct - 1);
    int[] from = new int[n];
    int[] to = new int[n];
    int[] sizes = new int[2 * slots + 1];
    for (int i = 0; i < n; i++) {
      from[i] = 2 * Arrays.binarySearch(points, start[i]);
      to[i] = 2 * Arrays.binarySearch(points, last[i]) + 1;
      for (int lo = from[i] + slots, hi = to[i] + slots; lo < hi; lo >>= 1, hi >>= 1) {
        if ((lo & 1) == 1) {
          sizes[lo++]++;
        }
        if ((hi & 1) == 1) {
          sizes[--hi]++;
        }
      }
    }
    first = new int[2 * slots + 1];
    for (int node = 0; node < 2 * slots; node++) {
      first[node + 1] = first[node] + sizes[node];
    }
    members = new int[first[2 * slots]];
    cursor = Arrays.copyOf(first, 2 * slots);
    // Filling in interval order leaves each node's numbers ascending.
    for (int i = 0; i < n; i++) {
      for (int lo = from[i] + slots, hi = to[i] + slots; lo < hi; lo >>= 1, hi >>= 1) {
        if ((lo & 1) == 1) {
          members[cursor[lo]++] = i;
          lo++;
        }
        if ((hi & 1) == 1) {
          --hi;
          members[cursor[hi]++] = i;
        }
      }
    }
    System.arraycopy(first, 0, cursor, 0, 2 * slots);
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
    for (int node = slot + slots; node >= 1; node >>= 1) {
      int c = cursor[node];
      int stop = first[node + 1];
      while (c < stop && retired[members[c]]) {
        c++;
      }
      cursor[node] = c;
      if (c < stop && members[c] < best) {
        best = members[c];
      }
    }
    return best;
  }
}
