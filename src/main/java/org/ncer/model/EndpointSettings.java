package org.ncer.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the command line says about reaching a hosted model; null fields are not given.
 *
 * @param model {@code openai:NAME} or {@code ollama:NAME}, e.g. {@code ollama:llama3.1:8b}
 * @param profile the endpoint profile ({@code --endpoint}); null for the provider's default
 * @param baseUrl overrides the profile's base URL ({@code --base-url})
 * @param apiKeyEnv the variable holding the key ({@code --api-key-env})
 * @param endpointsFile a profiles file that adds or overrides profiles ({@code --endpoints})
 * @param concurrency overrides the profile's concurrency
 * @param rpm overrides the profile's requests per minute
 * @param tpm overrides the profile's input tokens per minute
 * @param timeout overrides the profile's read timeout and answer deadline
 * @param env the environment keys and {@code OLLAMA_HOST} are read from ({@code System.getenv()})
 */
public record EndpointSettings(
    String model,
    String profile,
    String baseUrl,
    String apiKeyEnv,
    Path endpointsFile,
    Integer concurrency,
    Double rpm,
    Double tpm,
    Duration timeout,
    Map<String, String> env) {

  public EndpointSettings {
    Objects.requireNonNull(model, "model");
    env = Map.copyOf(env);
  }

  /** Settings with only the model and the environment given. */
  public static EndpointSettings of(String model, Map<String, String> env) {
    return new EndpointSettings(model, null, null, null, null, null, null, null, null, env);
  }
}
