package org.ncer.span;

/**
 * A half-open range {@code [start, end)} of character offsets into a document's text.
 *
 * <p>Offsets are Java {@code String} indices (UTF-16 units). They equal Unicode code point offsets
 * unless the text holds characters outside the Basic Multilingual Plane; the JSON Lines codec
 * converts at the boundary.
 */
public record Span(int start, int end) implements Comparable<Span> {

  public Span {
    if (start < 0) {
      throw new IllegalArgumentException("span start " + start + " is negative");
    }
    if (end < start) {
      throw new IllegalArgumentException("span end " + end + " is before start " + start);
    }
  }

  public static Span of(int start, int end) {
    return new Span(start, end);
  }

  public int length() {
    return end - start;
  }

  public boolean isEmpty() {
    return start == end;
  }

  /**
   * True when the two ranges share at least one character (half-open: touching spans do not
   * overlap).
   */
  public boolean overlaps(Span other) {
    return start < other.end && other.start < end;
  }

  /** True when {@code other} lies inside this span (equal spans contain each other). */
  public boolean contains(Span other) {
    return start <= other.start && other.end <= end;
  }

  /** The characters of {@code text} this span covers. */
  public String of(CharSequence text) {
    if (end > text.length()) {
      throw new IllegalArgumentException(
          "span " + this + " ends past the text, which has " + text.length() + " characters");
    }
    return text.subSequence(start, end).toString();
  }

  @Override
  public int compareTo(Span o) {
    int c = Integer.compare(start, o.start);
    return c != 0 ? c : Integer.compare(end, o.end);
  }

  @Override
  public String toString() {
    return "[" + start + ".." + end + ")";
  }
}
