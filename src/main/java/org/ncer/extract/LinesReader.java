package org.ncer.extract;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.extract.Payload.Region;

/**
 * Reads an answer written as lines: a bulleted or numbered list, one string per line, or one line
 * of comma-separated strings.
 *
 * <p>A line such as {@code Condition:} or {@code ### Drugs} that names a label sets the label of
 * the lines below it; {@code Drug: aspirin, ibuprofen} gives both strings that label; an item such
 * as {@code aspirin (drug)}, {@code aspirin - drug} or {@code aspirin: drug} takes its label from
 * the part that names a label. Label names are recognised through the resolver only, so that {@code
 * congestive heart failure (CHF)} stays whole. Lines of prose are skipped.
 */
final class LinesReader {
  private LinesReader() {}

  // Longer lines are no "string (label)" items; the label patterns are not tried on them, since
  // their cost grows with the square of the length.
  private static final int MAX_ITEM = 300;

  private static final Pattern BULLET =
      Pattern.compile("^(?:[-*+\u2022\u00B7\u25AA\u25E6\u2023\u2043\u2013]|\\(?\\d{1,3}[.):])\\s+");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s*");
  private static final Pattern LABEL_SUFFIX =
      Pattern.compile("^(.+?)\\s*(?:\\(([^()]+)\\)|\\s[-\u2013\u2014]\\s+(.+)|:\\s*(.+))$");
  private static final Pattern LABEL_PREFIX = Pattern.compile("^([^:]{1,40}):\\s*(.*)$");
  private static final Pattern LEAD_IN =
      Pattern.compile(
          "(?i)\\b(?:entit(?:y|ies)|found|identified|mentioned|extracted|are|is|includes?|"
              + "following|list|answer|results?|output|mentions?)\\b");
  private static final Pattern TABLE_SEPARATOR =
      Pattern.compile("^\\|?(?:\\s*:?-{2,}:?\\s*\\|?)+$");
  private static final Pattern NUMBER = Pattern.compile("^\\d{1,4}\\.?$");
  private static final Pattern PROSE_START =
      Pattern.compile(
          "(?i)^(?:here|sure|certainly|okay|ok|based on|according to|the following|below|"
              + "i (?:have|found|identified|extracted)|these are|note|in (?:this|the) text)\\b.*");

  /** Reads the lines of {@code region}; null when none of them is an item. */
  static Reading read(String s, Region region, LabelResolver labels) {
    Reading r = new Reading(Reading.Kind.LINES, "lines");
    String header = null;
    boolean bulleted = false;
    int plainLines = 0;
    int lineStart = region.start();
    while (lineStart < region.end()) {
      int nl = s.indexOf('\n', lineStart);
      int lineEnd = nl < 0 || nl >= region.end() ? region.end() : nl;
      Line line = Line.of(s, lineStart, lineEnd);
      lineStart = lineEnd + 1;
      if (line.isEmpty()) {
        continue;
      }
      Matcher bullet = BULLET.matcher(line.text());
      Matcher heading = HEADING.matcher(line.text());
      boolean isBullet = bullet.find();
      boolean isHeading = !isBullet && heading.find();
      Line content =
          (isBullet ? line.skip(bullet.end()) : isHeading ? line.skip(heading.end()) : line)
              .unwrap();
      String t = content.text();
      if (isHeading || t.endsWith(":")) {
        // "Condition:", "**Drugs:**", "### Gene variant": a header that may name a label.
        String name = t.endsWith(":") ? t.substring(0, t.length() - 1) : t;
        name = Line.unwrap(name);
        if (labels.isLabel(name)) {
          header = name;
        } else {
          r.remarks.add("skipped prose");
        }
        continue;
      }
      if (!isBullet && t.startsWith("|")) {
        tableRow(r, content, header, labels);
        continue;
      }
      Matcher prefix = LABEL_PREFIX.matcher(t);
      String prefixName =
          t.length() <= MAX_ITEM && prefix.matches() ? Line.unwrap(prefix.group(1)) : null;
      if (prefixName != null && labels.isLabel(prefixName)) {
        // "Condition: hypertension, diabetes" gives each part the label.
        for (Line part : content.skip(prefix.start(2)).split(",;")) {
          emit(r, part, prefixName);
        }
        bulleted |= isBullet;
        continue;
      }
      if (!isBullet && prefixName != null && LEAD_IN.matcher(prefixName).find()) {
        // "The entities are: fever, cough."
        for (Line part : content.skip(prefix.start(2)).split(",;")) {
          emit(r, part, header);
        }
        r.remarks.add("read the items after a lead-in");
        continue;
      }
      if (isBullet) {
        bulleted = true;
      } else if (isProse(t)) {
        r.remarks.add("skipped prose");
        continue;
      } else {
        plainLines++;
      }
      item(r, content, header, labels);
    }
    if (r.candidates.isEmpty()) {
      return r.remarks.contains("ignored a placeholder item") ? r : null;
    }
    if (!bulleted && plainLines == 1 && r.candidates.size() == 1) {
      splitSingleLine(s, r);
    }
    return r;
  }

  /** A single plain line of strings separated by commas or semicolons: {@code aspirin, fever}. */
  private static void splitSingleLine(String s, Reading r) {
    Candidate only = r.candidates.get(0);
    Line line = Line.of(s, only.position(), only.position() + only.text().length());
    List<Line> parts = line.split(",;");
    if (parts.size() > 1) {
      r.candidates.clear();
      for (Line part : parts) {
        emit(r, part, only.label());
      }
      r.repairs.add("comma-separated text");
    }
  }

  /**
   * A row of a Markdown table: the cell that names a label gives the label, the first other cell
   * the string; a separator row marks the row before it as the header, whose strings are removed.
   */
  private static void tableRow(Reading r, Line row, String header, LabelResolver labels) {
    if (TABLE_SEPARATOR.matcher(row.text()).matches()) {
      for (int i = r.candidates.size() - 1;
          i >= 0 && r.candidates.get(i).position() >= r.lastRowStart;
          i--) {
        r.candidates.remove(i);
      }
      return;
    }
    r.lastRowStart = row.start();
    String label = null;
    Line text = null;
    for (Line cell : row.split("|")) {
      String c = cell.unwrap().text();
      if (label == null && labels.isLabel(c)) {
        label = c;
      } else if (text == null && !NUMBER.matcher(c).matches()) {
        text = cell;
      }
    }
    if (text != null) {
      emit(r, text, label != null ? label : header);
    }
  }

  private static void item(Reading r, Line item, String header, LabelResolver labels) {
    Matcher suffix = LABEL_SUFFIX.matcher(item.text());
    if (item.text().length() <= MAX_ITEM && suffix.matches()) {
      for (int g = 2; g <= 4; g++) {
        String name = suffix.group(g);
        if (name == null) {
          continue;
        }
        String label = Line.unwrap(name);
        if (labels.isLabel(label)) {
          // "aspirin (drug)", "aspirin - drug", "aspirin: drug"
          emit(r, item.prefix(suffix.end(1)), label);
          return;
        }
      }
    }
    emit(r, item, header);
  }

  private static void emit(Reading r, Line part, String label) {
    Line text = part.unwrap().trimEnd(",;");
    if (text.text().endsWith(".") && text.text().indexOf('.') == text.text().length() - 1) {
      // "fever." ends a sentence; "i.v." keeps its full stops.
      text = text.trimEnd(".").unwrap();
    }
    if (text.isEmpty()) {
      return;
    }
    if (Placeholders.isItem(text.text())) {
      r.remarks.add("ignored a placeholder item");
      return;
    }
    r.candidates.add(new Candidate(text.text(), label, text.start()));
  }

  /**
   * A sentence rather than an item: a typical lead-in, or three or more words ending in a full
   * stop. (Bulleted items are never taken for prose.)
   */
  private static boolean isProse(String t) {
    if (PROSE_START.matcher(t).matches()) {
      return true;
    }
    long words = t.strip().split("\\s+").length;
    return words >= 3 && (t.endsWith(".") || t.endsWith("!") || t.endsWith("?"));
  }
}
