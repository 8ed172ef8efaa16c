package org.ncer.model;

/**
 * The port every model that answers prompts implements. A call never throws for a bad or missing
 * answer: it returns a {@link ModelCall.Failure}, which the run records and counts.
 */
public interface ModelClient {
  /** The model's name as given on the command line, e.g. {@code replay:runs/x}. */
  String name();

  ModelCall call(ModelRequest request);
}
