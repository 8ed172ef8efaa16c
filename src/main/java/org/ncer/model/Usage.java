package org.ncer.model;

/**
 * The tokens a provider reported for one answer; a count it did not report is -1.
 *
 * @param inputTokens prompt tokens (OpenAI {@code prompt_tokens}, Ollama {@code prompt_eval_count})
 * @param outputTokens answer tokens (OpenAI {@code completion_tokens}, Ollama {@code eval_count})
 */
public record Usage(long inputTokens, long outputTokens) {
  public static final Usage UNKNOWN = new Usage(-1, -1);

  public Usage {
    if (inputTokens < -1 || outputTokens < -1) {
      throw new IllegalArgumentException(
          "token counts " + inputTokens + "/" + outputTokens + " are negative");
    }
  }

  public boolean known() {
    return inputTokens >= 0 && outputTokens >= 0;
  }
}
