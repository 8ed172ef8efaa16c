package org.ncer.cli;

import java.nio.file.Path;
import java.util.Map;
import org.ncer.model.EndpointSettings;
import org.ncer.model.Endpoints;
import picocli.CommandLine.Option;

/** The options that say how a hosted model is reached and paced; see {@code docs/models.md}. */
final class EndpointOptions {
  @Option(
      names = "--endpoint",
      paramLabel = "NAME",
      description =
          "Endpoint profile (openai, azure, vllm-local, llamacpp-local, lmstudio-local, together,"
              + " groq, ollama-local, or one of --endpoints FILE). Default: openai for openai:"
              + " models, ollama-local for ollama: models.")
  String endpoint;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Base URL of the API, overriding the profile's (Ollama: else $OLLAMA_HOST).")
  String baseUrl;

  @Option(
      names = "--api-key-env",
      paramLabel = "VAR",
      description = "Environment variable holding the API key (default: the profile's).")
  String apiKeyEnv;

  @Option(
      names = "--endpoints",
      paramLabel = "FILE",
      description = "A YAML file of endpoint profiles that adds to or overrides the shipped ones.")
  Path endpointsFile;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Calls in flight at once (default: the profile's).")
  Integer concurrency;

  @Option(
      names = "--rpm",
      paramLabel = "N",
      description = "Requests per minute the provider allows (default: the profile's; 0: none).")
  Double rpm;

  @Option(
      names = "--tpm",
      paramLabel = "N",
      description =
          "Input tokens per minute the provider allows (default: the profile's; 0: none).")
  Double tpm;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Longest wait for one answer, e.g. 90s, 2m, 10m (default: the profile's).")
  String timeout;

  /** The settings for opening {@code model}'s endpoint. */
  EndpointSettings settings(String model, Map<String, String> env) {
    return new EndpointSettings(
        model,
        endpoint,
        baseUrl,
        apiKeyEnv,
        endpointsFile,
        concurrency,
        rpm,
        tpm,
        timeout == null ? null : Endpoints.parseDuration(timeout),
        env);
  }
}
