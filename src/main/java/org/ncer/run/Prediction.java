package org.ncer.run;

import java.util.List;
import org.ncer.align.GroundedDocument;
import org.ncer.span.Mention;

/**
 * A model's prediction for one document.
 *
 * @param mentions the predicted mentions, in document offsets
 * @param grounding for models that answer with text: how every answer was parsed and every string
 *     grounded, in document offsets; {@code null} for models that predict spans directly
 */
public record Prediction(List<Mention> mentions, GroundedDocument grounding) {

  public Prediction {
    mentions = List.copyOf(mentions);
  }

  /** A prediction of a model that finds spans directly, with no answer text. */
  public static Prediction ofSpans(List<Mention> mentions) {
    return new Prediction(mentions, null);
  }
}
