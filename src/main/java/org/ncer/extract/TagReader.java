package org.ncer.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.extract.Payload.Region;
import org.ncer.prompt.Markup;

/**
 * Reads entities marked inline in an echo of the note, as the benchmark's HTML prompt asks: {@code
 * <span class='drug' >aspirin</span >}.
 *
 * <p>Any highlighting element marks an entity: {@code <span>} with whatever attributes (a {@code
 * style} that colours it, an unknown class, none at all), {@code <mark>}, {@code <b>}, {@code
 * <strong>}, {@code <em>}, {@code <i>}, {@code <u>}, {@code <font>}, any element with a {@code
 * class} or {@code data-label} attribute, and an element named after a label ({@code
 * <drug>aspirin</drug>}); with {@link Markup#BRACKETS} or {@link Markup#BOLD} also {@code [[...]]}
 * or {@code **...**}. Tags are read in either quote style or none, with any spacing and case;
 * unclosed and stray closing tags are tolerated. The label is the class (or {@code data-label},
 * {@code data-type}, {@code data-entity}) when it or one of its words names a label, else the
 * element's name when that names a label, else none: the grounder decides.
 *
 * <p>Besides the candidates, the reading keeps the echo: the region with every tag removed and
 * character references decoded. Each candidate carries its range in the echo, which the grounder
 * aligns to the note to learn which occurrence the model marked. Formatting elements without a
 * label nested inside a labelled one are not entities of their own.
 */
final class TagReader {
  private TagReader() {}

  private static final Pattern TAG =
      // Attributes are bounded and quoted values hold no angle brackets, so that a failed match
      // costs little however long the answer.
      Pattern.compile(
          "<\\s*(/?)\\s*([A-Za-z][A-Za-z0-9_-]{0,40})"
              + "((?:[^<>\"']|\"[^\"<>]{0,200}\"|'[^'<>]{0,200}'){0,400})>");
  private static final Pattern CLASS =
      Pattern.compile(
          "(?i)\\b(?:class|data-label|data-type|data-entity|data-category|type|title)\\s*=\\s*"
              + "(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>/]+))");
  private static final Pattern REFERENCE =
      Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));");

  // Elements that highlight text, whatever their attributes.
  private static final Set<String> HIGHLIGHTS =
      Set.of("span", "mark", "b", "strong", "em", "i", "u", "font", "ins", "highlight", "entity");

  // Names of ordinary HTML elements, never read as a label name.
  private static final Set<String> HTML_ELEMENTS =
      Set.of(
          "span",
          "div",
          "p",
          "b",
          "i",
          "u",
          "em",
          "strong",
          "mark",
          "br",
          "html",
          "body",
          "head",
          "a",
          "sup",
          "sub",
          "code",
          "pre",
          "ul",
          "ol",
          "li",
          "table",
          "tr",
          "td",
          "th",
          "font",
          "ins",
          "highlight",
          "entity");

  private static final String BRACKET_OPEN = "[[";
  private static final String BRACKET_CLOSE = "]]";
  private static final String BOLD = "**";

  /** An open highlighting element: where its content starts in the echo and in the answer. */
  private record Open(String name, String label, boolean labelled, int echoStart, int at) {}

  /** A tag or mark: {@code [start, end)} of the answer. */
  private record Event(int start, int end, int kind, String name, String attributes) {}

  private static final int OPEN = 0;
  private static final int CLOSE = 1;
  private static final int DROP = 2;
  private static final int TOGGLE = 3;

  /** Reads the marked elements of {@code region}; null when no element highlights anything. */
  static Reading read(String s, Region region, LabelResolver labels, Markup markup) {
    List<Event> events = events(s, region, markup);
    Reading r = new Reading(Reading.Kind.TAGS, "inline tags");
    StringBuilder echo = new StringBuilder(region.end() - region.start());
    Deque<Open> open = new ArrayDeque<>();
    List<Candidate> found = new ArrayList<>();
    List<Boolean> labelled = new ArrayList<>();
    boolean any = false;
    int pos = region.start();
    for (Event e : events) {
      echo.append(decode(s.substring(pos, e.start())));
      pos = e.end();
      switch (e.kind()) {
        case DROP -> {}
        case OPEN -> {
          String label =
              e.name().equals(BRACKET_OPEN) ? null : label(e.name(), e.attributes(), labels);
          if (label != null
              || e.name().equals(BRACKET_OPEN)
              || isHighlight(e.name(), e.attributes(), labels)) {
            boolean named = label != null && labels.isLabel(label);
            open.push(new Open(e.name(), label, named, echo.length(), e.end()));
            any = true;
          }
        }
        case TOGGLE -> {
          if (!open.isEmpty() && open.peek().name().equals(e.name())) {
            emit(found, labelled, r, echo, open.pop());
          } else {
            open.push(new Open(e.name(), null, false, echo.length(), e.end()));
            any = true;
          }
        }
        case CLOSE -> {
          Open match = null;
          for (Open o : open) {
            if (o.name().equals(e.name())) {
              match = o;
              break;
            }
          }
          if (match == null) {
            r.remarks.add("ignored a stray closing tag");
            continue;
          }
          while (!match.equals(open.peek())) {
            open.pop();
            r.repairs.add("unclosed tag");
          }
          emit(found, labelled, r, echo, open.pop());
        }
        default -> throw new IllegalStateException("event kind " + e.kind());
      }
    }
    echo.append(decode(s.substring(pos, region.end())));
    if (!open.isEmpty()) {
      r.repairs.add("truncated");
      r.remarks.add("dropped an unclosed tag");
    }
    if (!any) {
      return null;
    }
    dropNestedFormatting(found, labelled);
    r.candidates.addAll(found);
    r.echo = echo.toString();
    return r;
  }

  /** The tags and marks of the region, in order, marks inside a tag ignored. */
  private static List<Event> events(String s, Region region, Markup markup) {
    List<Event> events = new ArrayList<>();
    Matcher m = TAG.matcher(s).region(region.start(), region.end());
    while (m.find()) {
      String name = m.group(2).toLowerCase(Locale.ROOT);
      String attributes = m.group(3);
      int kind;
      if (!m.group(1).isEmpty()) {
        kind = CLOSE;
      } else if (attributes.strip().endsWith("/")) {
        kind = DROP;
      } else {
        kind = OPEN;
      }
      events.add(new Event(m.start(), m.end(), kind, name, attributes));
    }
    if (markup == Markup.NONE) {
      return events;
    }
    List<Event> marks = new ArrayList<>();
    int i = region.start();
    while (i < region.end() - 1) {
      if (markup == Markup.BRACKETS && s.startsWith(BRACKET_OPEN, i)) {
        // In a longer run the mark is the outer pair and the rest belongs to the string, so that
        // "[[[1R, 3S]-x]]" keeps the bracket of the note's "[1R, 3S]-x"; "[[[rash]]]" gives
        // "[rash]", whose wrapping brackets the grounder trims.
        int run = run(s, i, region.end(), '[');
        marks.add(new Event(i, i + 2, OPEN, BRACKET_OPEN, ""));
        i += run;
      } else if (markup == Markup.BRACKETS && s.startsWith(BRACKET_CLOSE, i)) {
        int run = run(s, i, region.end(), ']');
        marks.add(new Event(i + run - 2, i + run, CLOSE, BRACKET_OPEN, ""));
        i += run;
      } else if (markup == Markup.BOLD && s.startsWith(BOLD, i)) {
        marks.add(new Event(i, i + 2, TOGGLE, BOLD, ""));
        i += 2;
      } else {
        i++;
      }
    }
    List<Event> merged = new ArrayList<>(events.size() + marks.size());
    Iterator<Event> t = events.iterator();
    Event nextTag = t.hasNext() ? t.next() : null;
    for (Event mark : marks) {
      while (nextTag != null && nextTag.end() <= mark.start()) {
        merged.add(nextTag);
        nextTag = t.hasNext() ? t.next() : null;
      }
      if (nextTag == null || mark.end() <= nextTag.start()) {
        merged.add(mark);
      }
    }
    while (nextTag != null) {
      merged.add(nextTag);
      nextTag = t.hasNext() ? t.next() : null;
    }
    return merged;
  }

  /** The length of the run of {@code c} at {@code from}, up to {@code end}. */
  private static int run(String s, int from, int end, char c) {
    int i = from;
    while (i < end && s.charAt(i) == c) {
      i++;
    }
    return i - from;
  }

  private static boolean isHighlight(String name, String attributes, LabelResolver labels) {
    return HIGHLIGHTS.contains(name)
        || CLASS.matcher(attributes).find()
        || (!HTML_ELEMENTS.contains(name) && labels.isLabel(name));
  }

  /**
   * The label an element gives: its class when the class or one of its words names a label, else
   * the element's name when that names a label, else the class as written (resolved later, and
   * reported when it resolves to nothing), else null.
   */
  private static String label(String name, String attributes, LabelResolver labels) {
    Matcher c = CLASS.matcher(attributes);
    String written = null;
    while (c.find()) {
      String value = c.group(1) != null ? c.group(1) : c.group(2) != null ? c.group(2) : c.group(3);
      value = value.strip();
      if (value.isEmpty()) {
        continue;
      }
      if (labels.isLabel(value)) {
        return value;
      }
      // class="entity drug": take the class that names a label.
      for (String part : value.split("\\s+")) {
        if (labels.isLabel(part)) {
          return part;
        }
      }
      if (written == null && !c.group().toLowerCase(Locale.ROOT).startsWith("t")) {
        written = value;
      }
    }
    if (!HTML_ELEMENTS.contains(name) && labels.isLabel(name)) {
      return name;
    }
    return written;
  }

  private static void emit(
      List<Candidate> found, List<Boolean> labelled, Reading r, StringBuilder echo, Open o) {
    int start = o.echoStart();
    int end = echo.length();
    while (start < end && Character.isWhitespace(echo.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(echo.charAt(end - 1))) {
      end--;
    }
    if (o.name().equals(BRACKET_OPEN)) {
      // The brackets of a longer run next to the mark belong to the string only when they are
      // balanced in it: "[[[cisapride]], 5 mg" marks "cisapride" in "[cisapride, 5 mg".
      while (start < end && echo.charAt(start) == '[' && !balanced(echo, start, end)) {
        start++;
      }
      while (end > start && echo.charAt(end - 1) == ']' && !balanced(echo, start, end)) {
        end--;
      }
    }
    if (start >= end) {
      return;
    }
    String text = echo.substring(start, end);
    if (Placeholders.isItem(text)) {
      r.remarks.add("ignored a placeholder item");
      return;
    }
    found.add(new Candidate(text, o.label(), o.at() + (start - o.echoStart()), start, end));
    labelled.add(o.labelled());
  }

  /** True when the square brackets of {@code s[start, end)} pair up. */
  private static boolean balanced(CharSequence s, int start, int end) {
    int depth = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  /** Drops an element without a label that lies within a labelled one: it is formatting. */
  private static void dropNestedFormatting(List<Candidate> found, List<Boolean> labelled) {
    List<Candidate> kept = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Candidate c = found.get(i);
      boolean inside = false;
      if (!labelled.get(i)) {
        for (int j = 0; j < found.size() && !inside; j++) {
          Candidate o = found.get(j);
          inside =
              j != i
                  && labelled.get(j)
                  && o.echoStart() <= c.echoStart()
                  && c.echoEnd() <= o.echoEnd();
        }
      }
      if (!inside) {
        kept.add(c);
      }
    }
    found.clear();
    found.addAll(kept);
  }

  /** Decodes numeric and the common named character references. */
  static String decode(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null || m.group(2) != null) {
        int cp =
            m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
        replacement =
            Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
      } else {
        replacement =
            switch (m.group(3)) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              default -> "\u00A0";
            };
      }
      m.appendReplacement(b, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(b);
    return b.toString();
  }
}
