package org.ncer.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach a hosted or local model endpoint, as given on the command line.
 *
 * @param model the model, e.g. {@code openai:gpt-4o-mini} or {@code ollama:llama3.1}
 * @param profile a named endpoint profile, or null for the provider's default
 * @param baseUrl overrides the profile's base URL; null keeps it
 * @param apiKeyEnv the environment variable holding the API key; null for the provider's default
 * @param endpointsFile a user file of endpoint profiles; null for the shipped ones only
 * @param concurrency the most calls in flight; null for the profile's default
 * @param rpm requests per minute; null for none
 * @param tpm input tokens per minute; null for none
 * @param timeout the longest a call may take; null for the provider's default
 * @param env the environment the key is read from
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
    Map<String, String> env) {}
