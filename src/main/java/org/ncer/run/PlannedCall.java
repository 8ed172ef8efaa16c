package org.ncer.run;

import java.util.Objects;
import org.ncer.model.ChatRequest;
import org.ncer.prompt.PromptCall;

/**
 * One call of a run, rendered before the first call is made.
 *
 * @param key which call of the run it is
 * @param prompt the rendered prompt and the piece of the note it carries
 * @param request what is sent
 * @param hash the {@link RequestHash} of the request
 * @param estimatedTokens the request's estimated input tokens
 */
public record PlannedCall(
    CallKey key, PromptCall prompt, ChatRequest request, String hash, long estimatedTokens) {
  public PlannedCall {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(hash, "hash");
  }
}
