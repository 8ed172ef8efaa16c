package org.ncer.score;

import java.util.Arrays;

/**
 * A fixed-size array of ints kept in a segment tree: point updates, range minimum, and the leftmost
 * position at or after a given one whose value is below a bound, each in O(log n).
 */
final class MinTree {
  /** The value of an empty range, and of positions that no longer take part. */
  static final int NONE = Integer.MAX_VALUE;

  private final int leaves;
  private final int[] tree;

  MinTree(int[] values) {
    int size = 1;
    while (size < values.length) {
      size <<= 1;
    }
    leaves = size;
    tree = new int[2 * size];
    Arrays.fill(tree, NONE);
    System.arraycopy(values, 0, tree, size, values.length);
    for (int node = size - 1; node >= 1; node--) {
      tree[node] = Math.min(tree[2 * node], tree[2 * node + 1]);
    }
  }

  void set(int position, int value) {
    int node = position + leaves;
    tree[node] = value;
    for (node >>= 1; node >= 1; node >>= 1) {
      tree[node] = Math.min(tree[2 * node], tree[2 * node + 1]);
    }
  }

  /** The minimum over positions {@code [from, to)}, or {@link #NONE} for an empty range. */
  int min(int from, int to) {
    int result = NONE;
    for (int lo = from + leaves, hi = to + leaves; lo < hi; lo >>= 1, hi >>= 1) {
      if ((lo & 1) == 1) {
        result = Math.min(result, tree[lo++]);
      }
      if ((hi & 1) == 1) {
        result = Math.min(result, tree[--hi]);
      }
    }
    return result;
  }

  /** The leftmost position {@code >= from} whose value is {@code < bound}, or -1. */
  int firstBelow(int from, int bound) {
    return firstBelow(1, 0, leaves, from, bound);
  }

  private int firstBelow(int node, int lo, int hi, int from, int bound) {
    if (hi <= from || tree[node] >= bound) {
      return -1;
    }
    if (hi - lo == 1) {
      return lo;
    }
    int mid = (lo + hi) >>> 1;
    int left = firstBelow(2 * node, lo, mid, from, bound);
    return left >= 0 ? left : firstBelow(2 * node + 1, mid, hi, from, bound);
  }
}
