package org.ncer.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A named way to reach hosted models, from {@code config/endpoints.yaml} or the user's file.
 *
 * @param name the profile's name, for {@code --endpoint}
 * @param provider {@code openai} or {@code ollama}
 * @param baseUrl the base URL, with {@code {model}} and {@code urlVars} placeholders; null for
 *     Ollama's default
 * @param urlVars placeholder name to the environment variable that fills it
 * @param apiKeyEnv the variable holding the key, or null for none
 * @param keyRequired whether a call cannot work without the key
 * @param apiKeyHeader true for an {@code api-key} header, false for {@code Authorization: Bearer}
 * @param query query parameters added to each call
 * @param headers headers added to each call
 * @param concurrency calls in flight at once
 * @param rpm requests per minute, 0 for no limit
 * @param tpm input tokens per minute, 0 for no limit
 * @param maxCompletionTokens send the answer limit as {@code max_completion_tokens}
 */
public record EndpointProfile(
    String name,
    String provider,
    String baseUrl,
    Map<String, String> urlVars,
    String apiKeyEnv,
    boolean keyRequired,
    boolean apiKeyHeader,
    Map<String, String> query,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration timeout,
    int concurrency,
    double rpm,
    double tpm,
    boolean maxCompletionTokens) {

  public EndpointProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
    urlVars = Map.copyOf(urlVars);
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timeout, "timeout");
  }
}
