package org.ncer.model;

import java.util.List;
import java.util.Objects;
import org.ncer.prompt.Message;

/**
 * One call to a model: the messages, and which document, query and chunk they are about (for
 * recording and replaying answers; a hosted model sees only the messages).
 *
 * @param documentId the document the prompt was rendered for
 * @param label the label a per-label query asks for, or {@code null} in all-labels mode
 * @param query the query word of a per-label call, or {@code null}
 * @param chunkStart the offset in the document of the chunk the prompt holds (0 when not split)
 */
public record ModelRequest(
    String documentId, String label, String query, int chunkStart, List<Message> messages) {

  public ModelRequest {
    Objects.requireNonNull(documentId, "documentId");
    messages = List.copyOf(messages);
    if (chunkStart < 0) {
      throw new IllegalArgumentException("chunk start " + chunkStart + " is negative");
    }
  }
}
