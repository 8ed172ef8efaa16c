package org.ncer.dataset;

import java.util.List;
import java.util.Objects;
import org.ncer.span.Mention;

/**
 * One unit of evaluation: the original text and its mentions (gold or predicted).
 *
 * <p>Every mention lies inside the text, so {@code text.substring(start, end)} is the mention's
 * text.
 */
public record Document(String id, String text, List<Mention> mentions) {

  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    mentions = List.copyOf(mentions);
    for (Mention m : mentions) {
      if (m.end() > text.length()) {
        throw new IllegalArgumentException(
            "document "
                + id
                + ": mention "
                + m
                + " ends past the text, which has "
                + text.length()
                + " characters");
      }
    }
  }

  /** The covered text of {@code mention}. */
  public String textOf(Mention mention) {
    return text.substring(mention.start(), mention.end());
  }

  /** The same document with other mentions. */
  public Document withMentions(List<Mention> other) {
    return new Document(id, text, other);
  }
}
