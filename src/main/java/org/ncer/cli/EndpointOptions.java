package org.ncer.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ncer.model.EndpointSettings;
import picocli.CommandLine.Option;

/** The options that say how to reach a model endpoint. */
final class EndpointOptions {
  @Option(names = "--endpoint", paramLabel = "NAME", description = "Endpoint profile.")
  String endpoint;

  @Option(names = "--base-url", paramLabel = "URL", description = "Base URL of the endpoint.")
  String baseUrl;

  @Option(
      names = "--api-key-env",
      paramLabel = "VAR",
      description = "Environment variable holding the API key.")
  String apiKeyEnv;

  @Option(names = "--endpoints", paramLabel = "FILE", description = "Endpoint profiles file.")
  Path endpointsFile;

  @Option(names = "--concurrency", paramLabel = "N", description = "Most calls in flight.")
  Integer concurrency;

  @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute.")
  Double rpm;

  @Option(names = "--tpm", paramLabel = "N", description = "Input tokens per minute.")
  Double tpm;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Timeout of one call.")
  Integer timeoutSeconds;

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
        timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds),
        env);
  }
}
