package org.ncer.score;

/** Stable sorting of index arrays by a comparator on ints, without boxing. */
final class IndexSort {
  private IndexSort() {}

  /** Orders two indices; negative when {@code a} comes first. */
  @FunctionalInterface
  interface IntOrder {
    int compare(int a, int b);
  }

  /** The indices {@code 0..n-1} in {@code order}, ties kept in index order. */
  static int[] sorted(int n, IntOrder order) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    sort(a, a.length, order);
    return a;
  }

  /**
   * Sorts the first {@code n} entries of {@code a} stably (merge sort, insertion for short runs).
   */
  static void sort(int[] a, int n, IntOrder order) {
    if (n < 2) {
      return;
    }
    int[] buffer = new int[n];
    mergeSort(a, buffer, 0, n, order);
  }

  private static void mergeSort(int[] a, int[] buffer, int from, int to, IntOrder order) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && order.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, buffer, from, mid, order);
    mergeSort(a, buffer, mid, to, order);
    if (order.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, buffer, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && order.compare(buffer[i], buffer[j]) <= 0)) {
        a[k] = buffer[i++];
      } else {
        a[k] = buffer[j++];
      }
    }
  }
}
