package org.ncer.model;

import java.util.List;

/**
 * One model behind one endpoint, as the rest of ncer sees it: a single attempt per {@link
 * #send(ChatRequest)}, with no retry of its own (retries, pacing and concurrency are the {@link
 * CallScheduler}'s). Implementations are thread-safe.
 */
public interface ChatEndpoint extends AutoCloseable {

  /** The model as given on the command line, e.g. {@code openai:gpt-4o-mini}. */
  String model();

  /** The base URL calls go to; never holds a secret. */
  String baseUrl();

  /** Whether the base URL's host is a loopback address (data does not leave the machine). */
  boolean local();

  /** Counts or estimates the input tokens of a request, for limits and cost before the call. */
  TokenEstimator tokens();

  /**
   * Checks, before the first call, that calls can succeed (the server answers, the model exists)
   * and fits the endpoint to the run (for example a context window that holds the longest prompt).
   *
   * @param longestPromptTokens the estimated input tokens of the run's largest request
   * @return notices for the user, e.g. that a context window was raised; empty when none
   * @throws org.ncer.NcerException when the run cannot work, with a message that says what to do
   */
  List<String> prepare(long longestPromptTokens);

  /** Sends one request and classifies what came back. Never throws. */
  Attempt send(ChatRequest request);

  @Override
  void close();
}
