package org.ncer.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.extract.Payload.Region;

/** Finds the echo of the note inside the text models put around it. */
final class Wrappers {
  private Wrappers() {}

  // "Output:", "## Output:", "**Example Output:**", "HTML output:" at the start of a line; the echo
  // follows, on the same line or the next.
  private static final Pattern OUTPUT =
      Pattern.compile(
          "(?im)^[ \\t#*>_]*(?:example[ \\t]+|html[ \\t]+)?(?:output|answer|result)[ \\t]*[:\\uFF1A][ \\t*_]*");

  private static final int PREAMBLE_MAX = 200;

  /**
   * The part of {@code region} that holds the echo: after the last {@code Output:} marker, and
   * without a first line that introduces what follows ({@code Here is the marked text:}).
   */
  static Region echo(String s, Region region) {
    int start = region.start();
    int end = region.end();
    Matcher m = OUTPUT.matcher(s).region(start, end);
    int after = -1;
    while (m.find()) {
      if (!s.substring(m.end(), end).isBlank()) {
        after = m.end();
      }
    }
    if (after >= 0) {
      start = after;
    }
    int lineEnd = s.indexOf('\n', start);
    if (lineEnd > 0 && lineEnd < end && lineEnd - start <= PREAMBLE_MAX) {
      String first = s.substring(start, lineEnd).strip();
      if (first.endsWith(":") && first.indexOf('<') < 0 && !s.substring(lineEnd, end).isBlank()) {
        start = lineEnd + 1;
      }
    }
    return new Region(start, end);
  }

  /**
   * True when {@code body} is mostly the words of {@code note}: at least three fifths as many
   * words, four fifths of them words of the note.
   */
  static boolean looksLikeEcho(String body, String note) {
    List<String> words = words(body);
    List<String> noteWords = words(note);
    if (words.size() < 5 || words.size() * 5 < noteWords.size() * 3) {
      return false;
    }
    Set<String> known = new HashSet<>(noteWords);
    long shared = words.stream().filter(known::contains).count();
    return shared * 5 >= words.size() * 4L;
  }

  private static List<String> words(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
        i++;
      }
      int from = i;
      while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
        i++;
      }
      if (i > from) {
        words.add(s.substring(from, i).toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }
}
