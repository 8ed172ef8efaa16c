package org.ncer.run;

import org.ncer.dataset.Document;

/** Predicts the mentions of one document. Implementations are called from one thread at a time. */
@FunctionalInterface
public interface Predictor {
  Prediction predict(Document document);
}
