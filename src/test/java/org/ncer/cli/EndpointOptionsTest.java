package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;
import org.ncer.model.EndpointSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class EndpointOptionsTest {

  @Command(name = "probe")
  static final class Probe {
    @Mixin EndpointOptions endpoint;
  }

  private static EndpointOptions parse(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    return p.endpoint;
  }

  @Test
  void everyFlagReachesTheSettings() {
    EndpointSettings s =
        parse(
                "--endpoint",
                "azure",
                "--base-url",
                "http://127.0.0.1:9/v1",
                "--api-key-env",
                "MY_KEY",
                "--endpoints",
                "mine.yaml",
                "--concurrency",
                "3",
                "--rpm",
                "60",
                "--tpm",
                "90000",
                "--timeout",
                "90s")
            .settings("openai:gpt-4o-mini", Map.of("MY_KEY", "k"));
    assertEquals("openai:gpt-4o-mini", s.model());
    assertEquals("azure", s.profile());
    assertEquals("http://127.0.0.1:9/v1", s.baseUrl());
    assertEquals("MY_KEY", s.apiKeyEnv());
    assertEquals(Path.of("mine.yaml"), s.endpointsFile());
    assertEquals(3, s.concurrency());
    assertEquals(60.0, s.rpm());
    assertEquals(90000.0, s.tpm());
    assertEquals(Duration.ofSeconds(90), s.timeout());
    assertEquals(Map.of("MY_KEY", "k"), s.env());
  }

  @Test
  void flagsNotGivenAreNull() {
    EndpointSettings s = parse().settings("ollama:llama3", Map.of());
    assertNull(s.profile());
    assertNull(s.concurrency());
    assertNull(s.timeout());
  }

  @Test
  void badTimeoutIsAUsageError() {
    EndpointOptions o = parse("--timeout", "soon");
    assertThrows(NcerException.class, () -> o.settings("openai:x", Map.of()));
  }
}
