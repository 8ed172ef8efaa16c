package org.ncer.score;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ncer.span.Mention;

/**
 * The mentions of one side of one document whose labels are scored, as parallel arrays in the
 * original order; labels are numbers into the scored label list.
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

  static LabelledSpans of(int[] start, int[] end, int[] label) {
    return new LabelledSpans(start, end, label);
  }

  int size() {
    return start.length;
  }

  /** A key equal for spans with the same start, end and label. */
  Key key(int i) {
    return new Key(start[i], end[i], label[i]);
  }

  /** A key equal for spans with the same start and end, whatever their labels. */
  Key offsets(int i) {
    return new Key(start[i], end[i], -1);
  }

  /** Start, end and label number (-1 for "any") of a span, for hashing. */
  record Key(int start, int end, int label) {}
}
