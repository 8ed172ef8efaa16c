package org.ncer.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ncer.extract.AnswerParser;
import org.ncer.extract.Candidate;
import org.ncer.extract.LabelResolver;
import org.ncer.extract.ParsedAnswer;
import org.ncer.prompt.Markup;
import org.ncer.prompt.OutputFormat;

/**
 * From model answers to mentions of one document: parses each answer, resolves the labels, and
 * grounds all strings of the document together, so that nested spans are merged across answers.
 *
 * <p>A listed string's label is the one its query asked for ({@link Answer#label()}); in all-labels
 * mode it is the label name the answer gives, resolved through the {@link LabelResolver}. A string
 * whose name resolves to no label is reported as {@link Unaligned#UNKNOWN_LABEL}, one with no label
 * as {@link Unaligned#NO_LABEL}, except that with a single dataset label that label is the only
 * possible one.
 *
 * <p>A region marked in an echo of the note takes the label its tag names when that resolves, else
 * the query's label, else the dataset's only label; when none decides, it is reported as {@link
 * Unaligned#UNLABELLED}. With the smart aligner, the echo is aligned to the note ({@link
 * EchoAlignment}) and each region grounds where the alignment puts it; the compat aligner, the
 * benchmark's own mapping, searches for every region's string as for a listed one.
 */
public final class Grounder {
  private final Aligner aligner;
  private final LabelResolver labels;
  private final OutputFormat format;
  private final Markup markup;

  public Grounder(Aligner aligner, LabelResolver labels, OutputFormat format) {
    this(aligner, labels, format, Markup.NONE);
  }

  /** A grounder that also reads the inline {@code markup} a prompt asked for. */
  public Grounder(Aligner aligner, LabelResolver labels, OutputFormat format, Markup markup) {
    this.aligner = Objects.requireNonNull(aligner, "aligner");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.format = Objects.requireNonNull(format, "format");
    this.markup = Objects.requireNonNull(markup, "markup");
  }

  /** Grounds the {@code answers} about the document whose text is {@code text}. */
  public GroundedDocument ground(String text, List<Answer> answers) {
    List<ParsedAnswer> parses = new ArrayList<>();
    List<LabeledString> strings = new ArrayList<>();
    List<Unaligned> issues = new ArrayList<>();
    boolean positional = aligner instanceof SmartAligner;
    for (Answer answer : answers) {
      if (answer.label() != null && !labels.labels().contains(answer.label())) {
        throw new IllegalArgumentException(
            "query label '"
                + answer.label()
                + "' is not one of "
                + String.join(", ", labels.labels()));
      }
      ParsedAnswer parsed = AnswerParser.parse(answer.response(), format, labels, markup, text);
      parses.add(parsed);
      EchoAlignment alignment = null;
      for (Candidate c : parsed.candidates()) {
        if (c.inEcho()) {
          Optional<String> label = markedLabel(answer, c);
          if (label.isEmpty()) {
            issues.add(new Unaligned(c.text(), c.label(), Unaligned.UNLABELLED));
            continue;
          }
          Placement placement = null;
          if (positional) {
            if (alignment == null) {
              alignment = EchoAlignment.of(parsed.echo(), text, regions(parsed));
            }
            String clean = SmartAligner.clean(c.text());
            int offset = Math.max(0, c.text().indexOf(clean));
            int from = c.echoStart() + offset;
            placement = alignment.place(from, Math.min(c.echoEnd(), from + clean.length()));
          }
          strings.add(new LabeledString(c.text(), label.get(), placement));
          continue;
        }
        Optional<String> label = label(answer, c);
        if (label.isPresent()) {
          strings.add(new LabeledString(c.text(), label.get()));
        } else {
          issues.add(
              new Unaligned(
                  c.text(),
                  c.label(),
                  c.label() == null ? Unaligned.NO_LABEL : Unaligned.UNKNOWN_LABEL));
        }
      }
    }
    return new GroundedDocument(parses, strings, aligner.ground(text, strings), issues);
  }

  /** The echo ranges of the answer's marked regions. */
  private static List<int[]> regions(ParsedAnswer parsed) {
    List<int[]> regions = new ArrayList<>();
    for (Candidate c : parsed.candidates()) {
      if (c.inEcho()) {
        regions.add(new int[] {c.echoStart(), c.echoEnd()});
      }
    }
    return regions;
  }

  private Optional<String> markedLabel(Answer answer, Candidate c) {
    Optional<String> named = labels.resolve(c.label());
    if (named.isPresent()) {
      return named;
    }
    if (answer.label() != null) {
      return Optional.of(answer.label());
    }
    return labels.labels().size() == 1 ? Optional.of(labels.labels().get(0)) : Optional.empty();
  }

  private Optional<String> label(Answer answer, Candidate c) {
    if (answer.label() != null) {
      return Optional.of(answer.label());
    }
    if (c.label() == null) {
      return labels.labels().size() == 1 ? Optional.of(labels.labels().get(0)) : Optional.empty();
    }
    return labels.resolve(c.label());
  }
}
