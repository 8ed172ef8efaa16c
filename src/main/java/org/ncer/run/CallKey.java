package org.ncer.run;

import java.util.Objects;

/**
 * Which call of a run a request is: the run's bookkeeping, apart from what is sent.
 *
 * @param dataset the dataset's key in the run folder
 * @param document the document id
 * @param label the label a per-label query asks for; null in all-labels mode
 * @param query the query word of a per-label call; null in all-labels mode
 * @param chunkStart where the chunk the call carries starts in the note (0 when not split)
 */
public record CallKey(String dataset, String document, String label, String query, int chunkStart) {

  public CallKey {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(document, "document");
    if (chunkStart < 0) {
      throw new IllegalArgumentException("chunk start " + chunkStart + " is negative");
    }
  }

  /** The key without its dataset, as an answers file that serves every dataset holds it. */
  CallKey inDataset(String other) {
    return new CallKey(other, document, label, query, chunkStart);
  }

  /** For messages: {@code document 12, query 'disease', chunk at 300}. */
  public String describe() {
    return dataset
        + " document "
        + document
        + (query == null ? "" : ", query '" + query + "'")
        + (chunkStart == 0 ? "" : ", chunk at " + chunkStart);
  }
}
