package org.ncer.run;

import java.util.List;
import org.ncer.dataset.Document;
import org.ncer.span.Mention;

/**
 * Predicts the mentions of one document. Implementations must be safe to call from one thread at a
 * time.
 */
@FunctionalInterface
public interface Predictor {
  List<Mention> predict(Document document);
}
