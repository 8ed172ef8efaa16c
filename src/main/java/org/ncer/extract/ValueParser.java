package org.ncer.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A forgiving reader of JSON and Python literals: objects, lists, tuples and sets of strings,
 * numbers and constants.
 *
 * <p>It reads what models write rather than what the grammars allow: single or double quotes, an
 * apostrophe inside a single-quoted word ({@code 'Crohn's disease'}), trailing or missing commas,
 * unquoted items, Python constants, mismatched brackets and a truncated end. It never throws: every
 * departure from JSON is recorded in {@link #notJson}, every departure from both JSON and Python in
 * {@link #repairs}, and an incomplete string or container is marked as such so that only complete
 * items are kept.
 */
final class ValueParser {
  /** A parsed value; {@code pos} is the index in the answer where it starts. */
  sealed interface Node permits Text, Scalar, Seq, Obj {
    int pos();
  }

  /**
   * A string, quoted or bare. {@code complete} is false for a quoted string cut off by the end of
   * the answer.
   */
  record Text(String value, int pos, boolean quoted, boolean complete) implements Node {}

  /** A number, boolean or null; {@code raw} is its source text. */
  record Scalar(String raw, int pos, boolean number) implements Node {}

  /** A list, tuple or set; {@code closed} is false when the answer ends inside it. */
  record Seq(List<Node> items, int pos, boolean closed) implements Node {}

  /** An object or dict; {@code closed} is false when the answer ends inside it. */
  record Obj(List<Entry> entries, int pos, boolean closed) implements Node {}

  /** One key and value of an object; the value is null when the answer ends before it. */
  record Entry(Text key, Node value) {}

  // One way to match each number, so that a long run of digits cannot make the regex backtrack.
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  // Deeper nesting than any answer needs; beyond it brackets are read as text, so that a hostile
  // answer cannot exhaust the stack.
  private static final int MAX_DEPTH = 48;

  private final String s;
  private final int end;
  private int pos;
  private int depth;

  /** Departures from JSON that Python literals allow (single quotes, None, tuples, sets). */
  final Set<String> notJson = new LinkedHashSet<>();

  /** Departures from both JSON and Python that had to be repaired. */
  final Set<String> repairs = new LinkedHashSet<>();

  ValueParser(String s, int start, int end) {
    this.s = s;
    this.pos = start;
    this.end = end;
  }

  /** The index after the last value read. */
  int position() {
    return pos;
  }

  /** True when only white space remains. */
  boolean atEnd() {
    skipSpace();
    return pos >= end;
  }

  char peek() {
    return s.charAt(pos);
  }

  /**
   * Reads one container starting at the current position, which must hold {@code [}, {@code (} or
   * <code>{</code>.
   */
  Node container() {
    char c = s.charAt(pos);
    depth++;
    try {
      return c == '{' ? objectOrSet() : sequence(c == '(' ? ')' : ']');
    } finally {
      depth--;
    }
  }

  private Node value(boolean key) {
    skipSpace();
    if (pos >= end) {
      return null;
    }
    char c = s.charAt(pos);
    if (c == ',' || isCloser(c)) {
      // {"a": } or {"a": , ...}: the value is missing; leave the delimiter to the caller.
      repairs.add("missing value");
      return new Text("", pos, false, true);
    }
    if ((c == '[' || c == '{' || c == '(') && depth < MAX_DEPTH) {
      if (c == '(') {
        notJson.add("tuple");
      }
      return container();
    }
    if (c == '"' || c == '\'' || c == '\u201C' || c == '\u2018') {
      return string();
    }
    if ("uUrRbB".indexOf(c) >= 0
        && pos + 1 < end
        && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
      // u'aspirin': a Python 2 style string prefix.
      notJson.add("string prefix");
      pos++;
      return string();
    }
    return bareValue(key);
  }

  private Seq sequence(char closer) {
    int start = pos++;
    return sequenceBody(start, closer, new ArrayList<>());
  }

  /** Reads list items up to {@code closer}; the opening bracket and {@code items} are read. */
  private Seq sequenceBody(int start, char closer, List<Node> items) {
    boolean afterComma = false;
    while (true) {
      skipSpace();
      if (pos >= end) {
        repairs.add("truncated");
        return new Seq(items, start, false);
      }
      char c = s.charAt(pos);
      if (isCloser(c)) {
        if (c != closer) {
          repairs.add("mismatched bracket");
        }
        if (afterComma) {
          repairs.add("trailing comma");
        }
        pos++;
        return new Seq(items, start, true);
      }
      if (c == ',') {
        if (items.isEmpty() || afterComma) {
          repairs.add("extra comma");
        }
        pos++;
        afterComma = true;
        continue;
      }
      if (!items.isEmpty() && !afterComma) {
        repairs.add("missing comma");
      }
      Node v = value(false);
      if (v == null) {
        repairs.add("truncated");
        return new Seq(items, start, false);
      }
      items.add(v);
      afterComma = false;
    }
  }

  private Node objectOrSet() {
    int start = pos++;
    skipSpace();
    if (pos < end && s.charAt(pos) == '}') {
      pos++;
      return new Obj(List.of(), start, true);
    }
    Node first = value(true);
    skipSpace();
    if (first != null && !(pos < end && s.charAt(pos) == ':')) {
      // {'a', 'b'} is a Python set: read it as a list.
      notJson.add("set literal");
      List<Node> items = new ArrayList<>();
      items.add(first);
      return sequenceBody(start, '}', items);
    }
    List<Entry> entries = new ArrayList<>();
    Node key = first;
    while (true) {
      if (key == null) {
        repairs.add("truncated");
        return new Obj(entries, start, false);
      }
      skipSpace();
      Node v = null;
      if (pos < end && s.charAt(pos) == ':') {
        pos++;
        v = value(false);
      } else if (pos < end) {
        repairs.add("missing colon");
      }
      entries.add(new Entry(asKey(key), v));
      if (v == null && pos >= end) {
        repairs.add("truncated");
        return new Obj(entries, start, false);
      }
      boolean afterComma = false;
      while (true) {
        skipSpace();
        if (pos >= end) {
          repairs.add("truncated");
          return new Obj(entries, start, false);
        }
        char c = s.charAt(pos);
        if (c == ',') {
          if (afterComma) {
            repairs.add("extra comma");
          }
          afterComma = true;
          pos++;
          continue;
        }
        if (isCloser(c)) {
          if (c != '}') {
            repairs.add("mismatched bracket");
          }
          if (afterComma) {
            repairs.add("trailing comma");
          }
          pos++;
          return new Obj(entries, start, true);
        }
        if (!afterComma) {
          repairs.add("missing comma");
        }
        break;
      }
      key = value(true);
    }
  }

  private Text asKey(Node key) {
    if (key instanceof Text t) {
      return t;
    }
    if (key instanceof Scalar sc) {
      return new Text(sc.raw(), sc.pos(), false, true);
    }
    repairs.add("container used as a key");
    return new Text("", key.pos(), false, false);
  }

  /** Any closing bracket: a mismatched one still closes the innermost open container. */
  private static boolean isCloser(char c) {
    return c == ']' || c == '}' || c == ')';
  }

  private Text string() {
    char open = s.charAt(pos);
    char close = open == '\u201C' ? '\u201D' : open == '\u2018' ? '\u2019' : open;
    if (open == '\'') {
      notJson.add("single quotes");
    } else if (open != '"') {
      repairs.add("typographic quotes");
    }
    int start = ++pos;
    StringBuilder b = new StringBuilder();
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == '\\') {
        if (!escape(b)) {
          return new Text(b.toString(), start, true, false);
        }
        continue;
      }
      if (c == close && closesString()) {
        pos++;
        return new Text(b.toString(), start, true, true);
      }
      if (c == close) {
        repairs.add("unescaped quote in a string");
      }
      b.append(c);
      pos++;
    }
    return new Text(b.toString(), start, true, false);
  }

  /**
   * Whether the quote at {@code pos} ends the string: it does when a delimiter, another quote or
   * the end follows; an apostrophe between two letters ({@code Crohn's}) does not.
   */
  private boolean closesString() {
    int next = pos + 1;
    while (next < end && (s.charAt(next) == ' ' || s.charAt(next) == '\t')) {
      next++;
    }
    if (next >= end) {
      return true;
    }
    char n = s.charAt(next);
    if (",:]})\r\n\"'".indexOf(n) >= 0 || n == '\u201D' || n == '\u2019') {
      return true;
    }
    boolean letterBefore = pos > 0 && Character.isLetterOrDigit(s.charAt(pos - 1));
    boolean letterAfter = next == pos + 1 && Character.isLetterOrDigit(n);
    return !(letterBefore && letterAfter);
  }

  /** Decodes the escape at {@code pos}; false when the answer ends inside it. */
  private boolean escape(StringBuilder b) {
    if (pos + 1 >= end) {
      pos = end;
      return false;
    }
    char e = s.charAt(pos + 1);
    switch (e) {
      case 'n' -> b.append('\n');
      case 't' -> b.append('\t');
      case 'r' -> b.append('\r');
      case 'b' -> b.append('\b');
      case 'f' -> b.append('\f');
      case '"', '\'', '\\', '/' -> b.append(e);
      case 'u', 'x', 'U' -> {
        int digits = e == 'u' ? 4 : e == 'x' ? 2 : 8;
        if (pos + 2 + digits > end) {
          pos = end;
          return false;
        }
        String hex = s.substring(pos + 2, pos + 2 + digits);
        int cp = parseHex(hex);
        if (cp < 0 || !Character.isValidCodePoint(cp)) {
          b.append('\\').append(e);
          pos += 2;
          return true;
        }
        b.appendCodePoint(cp);
        pos += 2 + digits;
        return true;
      }
      default -> b.append('\\').append(e);
    }
    pos += 2;
    return true;
  }

  private static int parseHex(String hex) {
    int v = 0;
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /**
   * Reads an unquoted value up to the next delimiter: a constant, a number, or text that a model
   * left unquoted, such as {@code [aspirin, heart failure]}.
   */
  private Node bareValue(boolean key) {
    int start = pos;
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == ',' || c == '\n' || c == '\r' || isCloser(c) || (key && c == ':')) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      // A delimiter the caller did not expect: step over it so that reading always advances.
      pos++;
      repairs.add("stray '" + s.charAt(start) + "'");
      return new Text("", start, false, true);
    }
    String raw = s.substring(start, pos).strip();
    int lead = start;
    while (lead < pos && Character.isWhitespace(s.charAt(lead))) {
      lead++;
    }
    switch (raw) {
      case "true", "false", "null" -> {
        return new Scalar(raw, lead, false);
      }
      case "True", "False", "None" -> {
        notJson.add("Python constant");
        return new Scalar(raw, lead, false);
      }
      default -> {
        if (isNumber(raw)) {
          return new Scalar(raw, lead, true);
        }
        repairs.add("unquoted text");
        return new Text(raw, lead, false, true);
      }
    }
  }

  private static boolean isNumber(String raw) {
    return NUMBER.matcher(raw).matches();
  }

  private void skipSpace() {
    while (pos < end && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }
}
