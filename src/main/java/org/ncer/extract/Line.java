package org.ncer.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A slice {@code [start, end)} of an answer with white space trimmed at both ends, so that what is
 * cut from it keeps its position in the answer.
 */
record Line(String source, int start, int end) {

  // Pairs that wrap an item without being part of it: Markdown emphasis and quotes.
  private static final String[][] WRAPPERS = {
    {"**", "**"},
    {"__", "__"},
    {"*", "*"},
    {"_", "_"},
    {"`", "`"},
    {"\"", "\""},
    {"'", "'"},
    {"\u201C", "\u201D"},
    {"\u2018", "\u2019"}
  };

  // More layers than any answer wraps an item in; bounds the work on "********...".
  private static final int MAX_LAYERS = 8;

  /** The trimmed slice of {@code source} between {@code start} and {@code end}. */
  static Line of(String source, int start, int end) {
    int s = Math.max(0, start);
    int e = Math.min(source.length(), end);
    while (s < e && Character.isWhitespace(source.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(source.charAt(e - 1))) {
      e--;
    }
    return new Line(source, s, e);
  }

  /** {@code s} trimmed and without wrapping emphasis or quotes (see {@link #unwrap()}). */
  static String unwrap(String s) {
    return of(s, 0, s.length()).unwrap().text();
  }

  String text() {
    return source.substring(start, end);
  }

  boolean isEmpty() {
    return start >= end;
  }

  /** The slice after the first {@code n} characters. */
  Line skip(int n) {
    return of(source, Math.min(end, start + n), end);
  }

  /** The first {@code n} characters. */
  Line prefix(int n) {
    return of(source, start, Math.min(end, start + n));
  }

  /** Without wrapping emphasis or quotes, up to a few layers deep. */
  Line unwrap() {
    Line line = this;
    boolean changed = true;
    for (int layers = 0; changed && !line.isEmpty() && layers < MAX_LAYERS; layers++) {
      changed = false;
      String t = line.text();
      for (String[] w : WRAPPERS) {
        int inner = t.length() - w[0].length() - w[1].length();
        if (inner > 0
            && t.startsWith(w[0])
            && t.endsWith(w[1])
            && !t.substring(w[0].length(), t.length() - w[1].length()).contains(w[1])) {
          line = of(source, line.start + w[0].length(), line.end - w[1].length());
          changed = true;
          break;
        }
      }
    }
    return line;
  }

  /** Without trailing characters from {@code chars}. */
  Line trimEnd(String chars) {
    int e = end;
    while (e > start && chars.indexOf(source.charAt(e - 1)) >= 0) {
      e--;
    }
    return of(source, start, e);
  }

  /** The parts between any of the {@code separators}, empty parts dropped. */
  List<Line> split(String separators) {
    List<Line> parts = new ArrayList<>();
    int from = start;
    for (int i = start; i <= end; i++) {
      if (i == end || separators.indexOf(source.charAt(i)) >= 0) {
        Line part = of(source, from, i);
        if (!part.isEmpty()) {
          parts.add(part);
        }
        from = i + 1;
      }
    }
    return parts;
  }
}
