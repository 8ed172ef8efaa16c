package org.ncer.model;

import java.util.List;
import java.util.Objects;
import org.ncer.prompt.Message;

/**
 * What is sent to a chat model, and only what changes its answer: the messages, the sampling
 * settings and the answer format. The run's bookkeeping (dataset, document, label, chunk) is not
 * part of it, so equal requests are equal answers to the cache whatever document they came from.
 *
 * @param messages the messages in the order they are sent
 * @param sampling temperature, seed and the answer's token limit
 * @param format plain text, a JSON object, or a JSON schema the answer must follow
 */
public record ChatRequest(List<Message> messages, Sampling sampling, ResponseFormat format) {

  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(format, "format");
  }

  /** The characters of all messages together. */
  public int chars() {
    return messages.stream().mapToInt(m -> m.content().length()).sum();
  }
}
