package org.ncer.span;

import java.util.Comparator;
import java.util.Objects;

/** A labelled span: one entity mention, gold or predicted. Prints as {@code [3..7) condition}. */
public record Mention(Span span, String label) {

  /** Orders by start, then end, then label. */
  public static final Comparator<Mention> BY_POSITION =
      Comparator.comparing(Mention::span).thenComparing(Mention::label);

  public Mention {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("mention label is blank at " + span);
    }
  }

  public static Mention of(int start, int end, String label) {
    return new Mention(new Span(start, end), label);
  }

  public int start() {
    return span.start();
  }

  public int end() {
    return span.end();
  }

  @Override
  public String toString() {
    return span + " " + label;
  }
}
