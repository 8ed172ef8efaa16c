package org.ncer.extract;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.extract.Payload.Region;

/**
 * Reads entities marked inline with tags, as the benchmark's HTML prompt asks: {@code <span
 * class='drug' >aspirin</span >}.
 *
 * <p>Any element with a {@code class} (or {@code data-label}, {@code data-type}) attribute counts,
 * in either quote style or none, with any spacing and case; so does an element named after a label,
 * such as {@code <drug>aspirin</drug>}. Inner tags are removed from the text, character references
 * are decoded, and nested elements each give a candidate. Unlike the benchmark, no offsets are
 * computed from the tags: the model need not echo the input verbatim, since grounding finds the
 * strings in the original text.
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
          "(?i)\\b(?:class|data-label|data-type|data-entity)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>/]+))");
  private static final Pattern INNER_TAG = Pattern.compile("<[^<>]*>");
  private static final Pattern REFERENCE =
      Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));");

  // Names of ordinary HTML elements, never read as a label name.
  private static final Set<String> HTML_ELEMENTS =
      Set.of(
          "span", "div", "p", "b", "i", "u", "em", "strong", "mark", "br", "html", "body", "head",
          "a", "sup", "sub", "code", "pre", "ul", "ol", "li", "table", "tr", "td", "th");

  private record Open(String name, String label, int contentStart) {}

  /** Reads the marked elements of {@code region}; null when there are none. */
  static Reading read(String s, Region region, LabelResolver labels) {
    Reading r = new Reading(Reading.Kind.TAGS, "inline tags");
    Deque<Open> open = new ArrayDeque<>();
    boolean any = false;
    Matcher m = TAG.matcher(s).region(region.start(), region.end());
    while (m.find()) {
      String name = m.group(2).toLowerCase(Locale.ROOT);
      String attributes = m.group(3);
      if (m.group(1).isEmpty()) {
        if (attributes.strip().endsWith("/")) {
          continue;
        }
        String label = label(name, attributes, labels);
        if (label != null) {
          open.push(new Open(name, label, m.end()));
          any = true;
        }
        continue;
      }
      Open match = null;
      for (Open o : open) {
        if (o.name().equals(name)) {
          match = o;
          break;
        }
      }
      if (match == null) {
        continue;
      }
      while (!match.equals(open.peek())) {
        open.pop();
        r.repairs.add("unclosed tag");
      }
      open.pop();
      emit(r, s, match, m.start());
    }
    if (!open.isEmpty()) {
      r.repairs.add("truncated");
      r.remarks.add("dropped an unclosed tag");
    }
    return any ? r : null;
  }

  private static String label(String name, String attributes, LabelResolver labels) {
    Matcher c = CLASS.matcher(attributes);
    if (c.find()) {
      String value = c.group(1) != null ? c.group(1) : c.group(2) != null ? c.group(2) : c.group(3);
      value = value.strip();
      if (!labels.isLabel(value)) {
        // class="entity drug": take the class that names a label.
        for (String part : value.split("\\s+")) {
          if (labels.isLabel(part)) {
            return part;
          }
        }
      }
      return value.isEmpty() ? null : value;
    }
    return !HTML_ELEMENTS.contains(name) && labels.isLabel(name) ? name : null;
  }

  private static void emit(Reading r, String s, Open o, int contentEnd) {
    String inner = s.substring(o.contentStart(), contentEnd);
    String text = decode(INNER_TAG.matcher(inner).replaceAll(""));
    Line line = Line.of(text, 0, text.length());
    if (line.isEmpty()) {
      return;
    }
    if (Placeholders.isItem(line.text())) {
      r.remarks.add("ignored a placeholder item");
      return;
    }
    int lead = 0;
    while (lead < inner.length() && Character.isWhitespace(inner.charAt(lead))) {
      lead++;
    }
    r.candidates.add(new Candidate(line.text(), o.label(), o.contentStart() + lead));
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
