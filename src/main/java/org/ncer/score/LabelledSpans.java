package org.ncer.score;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ncer.span.Mention;

/**
 * The mentions of one side of one document as parallel arrays in the original order, labels as
 * numbers. For the span metrics ({@link #keep}) only mentions with a scored label, numbered by
 * their place in the scored label list; for the token metrics ({@link #numbered}) every mention,
 * other labels numbered after the scored ones.
 */
final class LabelledSpans {
  final int[] start;
  final int[] end;
  final int[] label;

  private LabelledSpans(int[] start, int[] end, int[] label) {
    this.start = start;
    this.end = end;
    this.label = label;
  }

  /**
   * The mentions of {@code mentions} whose label is a key of {@code labelNumbers}, in order; the
   * others are dropped, as nervaluate drops spans outside its tags.
   */
  static LabelledSpans keep(List<Mention> mentions, Map<String, Integer> labelNumbers) {
    int[] start = new int[mentions.size()];
    int[] end = new int[mentions.size()];
    int[] label = new int[mentions.size()];
    int n = 0;
    for (Mention m : mentions) {
      Integer l = labelNumbers.get(m.label());
      if (l != null) {
        start[n] = m.start();
        end[n] = m.end();
        label[n] = l;
        n++;
      }
    }
    if (n == mentions.size()) {
      return new LabelledSpans(start, end, label);
    }
    return new LabelledSpans(
        Arrays.copyOf(start, n), Arrays.copyOf(end, n), Arrays.copyOf(label, n));
  }

  /**
   * Every mention of {@code mentions}, in order; a label not yet in {@code labelNumbers} is added
   * to it with the next free number.
   */
  static LabelledSpans numbered(List<Mention> mentions, Map<String, Integer> labelNumbers) {
    int n = mentions.size();
    int[] start = new int[n];
    int[] end = new int[n];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      Mention m = mentions.get(i);
      start[i] = m.start();
      end[i] = m.end();
      label[i] = labelNumbers.computeIfAbsent(m.label(), k -> labelNumbers.size());
    }
    return new LabelledSpans(start, end, label);
  }

  static LabelledSpans of(int[] start, int[] end, int[] label) {
    return new LabelledSpans(start, end, label);
  }

  int size() {
    return start.length;
  }

  boolean isEmpty(int i) {
    return start[i] == end[i];
  }

  /** Orders spans {@code i} and {@code j} of this side by start, then end, then label. */
  int comparePosition(int i, int j) {
    return compare(this, i, this, j);
  }

  /** Orders span {@code i} of {@code a} against span {@code j} of {@code b}: start, end, label. */
  static int compare(LabelledSpans a, int i, LabelledSpans b, int j) {
    int c = compareOffsets(a, i, b, j);
    return c != 0 ? c : Integer.compare(a.label[i], b.label[j]);
  }

  /** Orders span {@code i} of {@code a} against span {@code j} of {@code b}: start, then end. */
  static int compareOffsets(LabelledSpans a, int i, LabelledSpans b, int j) {
    int c = Integer.compare(a.start[i], b.start[j]);
    return c != 0 ? c : Integer.compare(a.end[i], b.end[j]);
  }

  /** The spans at {@code indices}, in that order. */
  LabelledSpans select(int[] indices, int n) {
    int[] s = new int[n];
    int[] e = new int[n];
    int[] l = new int[n];
    for (int k = 0; k < n; k++) {
      s[k] = start[indices[k]];
      e[k] = end[indices[k]];
      l[k] = label[indices[k]];
    }
    return new LabelledSpans(s, e, l);
  }
}
