package org.ncer.run;

import java.util.List;
import org.ncer.span.Mention;

/**
 * One line of {@code predictions/<ds>.jsonl}: the note and its predicted mentions in string
 * offsets, with how each was grounded, the answer strings that were not, and the answer's parse
 * status ({@code null} for models that predict spans directly).
 */
public record PredictedDocument(
    String id, String text, List<Predicted> mentions, List<Unplaced> unaligned, String parse) {

  public PredictedDocument {
    mentions = List.copyOf(mentions);
    unaligned = List.copyOf(unaligned);
  }

  /** A predicted mention and its match status key ({@code null} when the model gave spans). */
  public record Predicted(Mention mention, String match) {}

  /** An answer string that was not grounded, and why. */
  public record Unplaced(String text, String label, String reason) {}

  /** The mentions alone. */
  public List<Mention> spans() {
    return mentions.stream().map(Predicted::mention).toList();
  }
}
