package org.ncer.prompt;

import java.util.List;
import java.util.Objects;
import org.ncer.span.Mention;
import org.ncer.span.Span;

/**
 * One model call of a rendered prompt: its messages and the piece of the note they carry.
 *
 * <p>A long note is split into chunks; spans found in {@link #chunkText()} are shifted back into
 * the note with {@link #toDocument(Span)}.
 *
 * @param label the label answers are given, in per-label mode; null in all-labels mode
 * @param query the query word put into the prompt, in per-label mode; null in all-labels mode
 * @param messages the messages, in the order they are sent
 * @param chunkStart where {@code chunkText} starts in the note
 * @param chunkText the part of the note this call carries (the whole note when not split)
 */
public record PromptCall(
    String label, String query, List<Message> messages, int chunkStart, String chunkText) {

  public PromptCall {
    messages = List.copyOf(messages);
    Objects.requireNonNull(chunkText, "chunkText");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a prompt call needs at least one message");
    }
    if ((label == null) != (query == null)) {
      throw new IllegalArgumentException(
          "label '" + label + "' and query '" + query + "' must be both set or both null");
    }
    if (chunkStart < 0) {
      throw new IllegalArgumentException("chunk start " + chunkStart + " is negative");
    }
  }

  /** The characters of all messages together: the size {@code --max-chars} limits. */
  public int promptChars() {
    return messages.stream().mapToInt(m -> m.content().length()).sum();
  }

  /** The end of the chunk in the note (exclusive). */
  public int chunkEnd() {
    return chunkStart + chunkText.length();
  }

  /** Moves a span of {@link #chunkText()} to the same characters of the whole note. */
  public Span toDocument(Span inChunk) {
    if (inChunk.end() > chunkText.length()) {
      throw new IllegalArgumentException(
          "span "
              + inChunk
              + " ends past the chunk, which has "
              + chunkText.length()
              + " characters");
    }
    return Span.of(inChunk.start() + chunkStart, inChunk.end() + chunkStart);
  }

  /** Moves a mention found in {@link #chunkText()} to the same characters of the whole note. */
  public Mention toDocument(Mention inChunk) {
    return new Mention(toDocument(inChunk.span()), inChunk.label());
  }
}
