package org.ncer.score;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ncer.span.Mention;

/** Readable inline fixtures for the scoring tests. */
final class Fixtures {
  private static final Pattern DOCUMENT_BREAK = Pattern.compile("(?m)^---\\s*$");

  private Fixtures() {}

  /**
   * Documents written as blocks of {@code text:}, {@code gold:} and {@code pred:} lines, separated
   * by {@code ---} lines. Mentions are {@code start..end label}, separated by {@code ;}; a missing
   * or empty {@code gold:} or {@code pred:} line means no mentions.
   */
  static List<ScoredDocument> documents(String block) {
    List<ScoredDocument> docs = new ArrayList<>();
    for (String part : DOCUMENT_BREAK.split(block, -1)) {
      String text = null;
      List<Mention> gold = List.of();
      List<Mention> pred = List.of();
      for (String line : part.lines().toList()) {
        if (line.startsWith("text: ")) {
          text = line.substring("text: ".length());
        } else if (line.startsWith("gold:")) {
          gold = mentions(line.substring("gold:".length()));
        } else if (line.startsWith("pred:")) {
          pred = mentions(line.substring("pred:".length()));
        } else if (!line.isBlank()) {
          throw new IllegalArgumentException("unexpected fixture line: " + line);
        }
      }
      docs.add(new ScoredDocument(text, gold, pred));
    }
    return docs;
  }

  /** Mentions written as {@code start..end label; start..end label}. */
  static List<Mention> mentions(String spec) {
    List<Mention> mentions = new ArrayList<>();
    for (String item : spec.split(";", -1)) {
      String s = item.strip();
      if (s.isEmpty()) {
        continue;
      }
      int dots = s.indexOf("..");
      int space = s.indexOf(' ');
      mentions.add(
          Mention.of(
              Integer.parseInt(s.substring(0, dots)),
              Integer.parseInt(s.substring(dots + 2, space)),
              s.substring(space + 1).strip()));
    }
    return mentions;
  }

  /**
   * The counts of a schema score as {@code correct C, incorrect I, partial P, missed M, spurious
   * S}.
   */
  static String counts(SchemaScore s) {
    return "correct "
        + s.correct()
        + ", incorrect "
        + s.incorrect()
        + ", partial "
        + s.partial()
        + ", missed "
        + s.missed()
        + ", spurious "
        + s.spurious();
  }
}
