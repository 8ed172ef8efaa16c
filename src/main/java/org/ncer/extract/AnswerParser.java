package org.ncer.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ncer.extract.Payload.Region;
import org.ncer.extract.Reading.Kind;
import org.ncer.prompt.Markup;
import org.ncer.prompt.OutputFormat;

/**
 * Reads the strings a model named as entities out of its answer.
 *
 * <p>It recognises what real models return: a JSON object or array, alone, in a code fence or in
 * prose; Python literals, trailing commas and single quotes; a truncated answer, of which the
 * complete items are kept; a reasoning block ({@code <think>...</think>}) before the answer;
 * bulleted, numbered or plain lines; statements that nothing was found ({@code None}, {@code No
 * entities found}, {@code []}); and an echo of the note with entities marked inline (see {@link
 * TagReader}). It never throws: an answer that cannot be read is a {@link ParseStatus#FAILED}
 * result with no candidates and a reason.
 *
 * <p>Under an inline-tag output ({@code html}), prose is never read as a list or a value: an echo
 * without any mark means that nothing was found (status ok), and the wrappers models put around an
 * echo are stripped: an {@code Input:} block before an {@code Output:} line and a preamble line
 * ending with a colon. An answer without marks that is mostly the note's own words is such an echo
 * too, under {@code html} even when it starts with a bracket, and under {@code auto}.
 */
public final class AnswerParser {
  private AnswerParser() {}

  /**
   * Parses {@code answer}, recognising label names through the six benchmark labels (see {@link
   * LabelResolver#benchmark()}).
   */
  public static ParsedAnswer parse(String answer, OutputFormat format) {
    return parse(answer, format, LabelResolver.benchmark());
  }

  /**
   * Parses {@code answer}. {@code labels} tells label names from entity strings where the shape of
   * the answer leaves it open ({@code {"aspirin": "drug"}}, {@code - aspirin (drug)}); the
   * candidates keep the label names as the answer writes them.
   */
  public static ParsedAnswer parse(String answer, OutputFormat format, LabelResolver labels) {
    return parse(answer, format, labels, Markup.NONE, null);
  }

  /**
   * Parses {@code answer} about the note {@code note} ({@code null} when unknown), reading the
   * inline {@code markup} the prompt asked for besides tags.
   */
  public static ParsedAnswer parse(
      String answer, OutputFormat format, LabelResolver labels, Markup markup, String note) {
    try {
      return read(answer, format, labels, markup, note);
    } catch (RuntimeException | StackOverflowError e) {
      // A last guard: reading must never abort a run. The fuzz test calls read() directly, so a
      // bug that reaches this line fails there.
      return ParsedAnswer.failed("could not read the answer: " + e);
    }
  }

  static ParsedAnswer read(String answer, OutputFormat format, LabelResolver labels) {
    return read(answer, format, labels, Markup.NONE, null);
  }

  static ParsedAnswer read(
      String answer, OutputFormat format, LabelResolver labels, Markup markup, String text) {
    if (answer == null) {
      return ParsedAnswer.failed("no answer");
    }
    Payload payload = Payload.of(answer);
    if (payload.failure() != null) {
      return ParsedAnswer.failed(payload.failure());
    }
    List<Reading> readings = new ArrayList<>();
    int unread = 0;
    for (Region region : payload.regions()) {
      Reading r = readRegion(answer, region, format, labels, markup, text);
      if (r == null) {
        unread++;
      } else {
        readings.add(r);
      }
    }
    if (readings.isEmpty()) {
      return ParsedAnswer.failed(
          "found no list, object, tagged entity or statement that nothing was found");
    }
    List<Candidate> candidates = new ArrayList<>();
    StringBuilder echo = null;
    Set<String> styles = new LinkedHashSet<>();
    Set<String> remarks = new LinkedHashSet<>(payload.remarks());
    Set<String> repairs = new LinkedHashSet<>();
    for (Reading r : readings) {
      if (r.echo != null) {
        // Several fenced echoes are read as one, a line apart.
        echo = echo == null ? new StringBuilder() : echo.append('\n');
        int shift = echo.length();
        for (Candidate c : r.candidates) {
          candidates.add(
              new Candidate(
                  c.text(), c.label(), c.position(), c.echoStart() + shift, c.echoEnd() + shift));
        }
        echo.append(r.echo);
      } else {
        candidates.addAll(r.candidates);
      }
      styles.add(r.style);
      remarks.addAll(r.remarks);
      repairs.addAll(r.repairs);
    }
    if (unread > 0) {
      repairs.add("skipped " + unread + " unreadable code block(s)");
    }
    ParseStatus status = repairs.isEmpty() ? ParseStatus.OK : ParseStatus.REPAIRED;
    StringBuilder note = new StringBuilder(String.join(", ", styles));
    for (String remark : remarks) {
      note.append("; ").append(remark);
    }
    if (!repairs.isEmpty()) {
      note.append("; repaired: ").append(String.join(", ", repairs));
    }
    return new ParsedAnswer(
        status, candidates, note.toString(), echo == null ? null : echo.toString());
  }

  private static Reading readRegion(
      String s,
      Region region,
      OutputFormat format,
      LabelResolver labels,
      Markup markup,
      String note) {
    if (Placeholders.isAnswer(s.substring(region.start(), region.end()))) {
      return new Reading(Kind.NONE, "no entities");
    }
    if (format == OutputFormat.HTML || format == OutputFormat.AUTO) {
      Region echo = Wrappers.echo(s, region);
      Reading tags = TagReader.read(s, echo, labels, markup);
      if (tags != null) {
        if (!echo.equals(region)) {
          tags.remarks.add("stripped the text around the echo");
        }
        return tags;
      }
      String body = s.substring(echo.start(), echo.end()).strip();
      // An echo that starts with a bracket ("[[Fever]] since Monday" when the prompt names no
      // markup) is still an echo, not a list in prose.
      if (note != null && Wrappers.looksLikeEcho(body, note)) {
        return new Reading(Kind.NONE, "echo without tags");
      }
      if (format == OutputFormat.HTML && !body.startsWith("[") && !body.startsWith("{")) {
        return new Reading(Kind.NONE, "echo without tags");
      }
    }
    // Tags come first unless the prompt asked for a value: a region without a labelled opening tag
    // gives no tag reading, and the next reader is tried.
    List<Kind> order =
        switch (format) {
          case AUTO -> List.of(Kind.VALUE, Kind.LINES);
          case HTML -> List.of(Kind.VALUE);
          case JSON, LIST -> List.of(Kind.VALUE, Kind.TAGS, Kind.LINES);
        };
    for (Kind kind : order) {
      Reading r =
          switch (kind) {
            case VALUE -> ValueReader.read(s, region, labels);
            case TAGS -> TagReader.read(s, region, labels, markup);
            case LINES -> LinesReader.read(s, region, labels);
            case NONE -> null;
          };
      if (r == null) {
        continue;
      }
      if (r.weak) {
        // "- aspirin [81 mg]" is a list of lines, not the list [81 mg] in prose.
        Reading lines = LinesReader.read(s, region, labels);
        if (lines != null && !lines.candidates.isEmpty()) {
          r = lines;
        }
      }
      checkFormat(r, format);
      return r;
    }
    return null;
  }

  /** Marks a reading repaired when it is not in the style the prompt asked for. */
  private static void checkFormat(Reading r, OutputFormat format) {
    switch (format) {
      case AUTO -> {}
      case JSON -> {
        if (r.kind != Kind.VALUE) {
          r.repairs.add("expected json, read " + r.style);
        } else if (!r.notJson.isEmpty()) {
          r.repairs.add("not json: " + String.join(", ", r.notJson));
        }
      }
      case LIST -> {
        if (r.kind != Kind.VALUE) {
          r.repairs.add("expected a list, read " + r.style);
        } else if (r.object) {
          r.repairs.add("expected a list, read an object");
        }
      }
      case HTML -> {
        if (r.kind != Kind.TAGS && r.kind != Kind.NONE) {
          r.repairs.add("expected inline tags, read " + r.style);
        }
      }
    }
  }
}
