package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;

class EndpointProfilesTest {
  @TempDir Path home;

  @Test
  void shippedProfilesAreAllReadable() {
    EndpointProfiles p = EndpointProfiles.load(null, null);
    for (String name :
        new String[] {
          "openai",
          "azure",
          "vllm-local",
          "llamacpp-local",
          "lmstudio-local",
          "together",
          "groq",
          "ollama-local"
        }) {
      EndpointProfile profile = p.get(name);
      assertEquals(name, profile.name());
    }
    assertTrue(p.get("azure").apiKeyHeader());
    assertEquals("2024-10-21", p.get("azure").query().get("api-version"));
    assertFalse(p.get("vllm-local").keyRequired());
    assertTrue(p.get("openai").keyRequired());
    assertEquals(Duration.ofMinutes(2), p.get("openai").timeout());
    assertEquals(Duration.ofMinutes(10), p.get("ollama-local").timeout());
    assertNull(p.get("ollama-local").baseUrl());
  }

  @Test
  void unknownFieldNamesFileAndLine() {
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                EndpointProfiles.of(
                    """
                    mine:
                      provider: openai
                      base_url: http://localhost:9000/v1
                      api_key: sk-should-not-be-here
                    """,
                    "mine.yaml"));
    assertTrue(
        e.getMessage().startsWith("mine.yaml line 4: profile 'mine': unknown field 'api_key'"),
        e.getMessage());
  }

  @Test
  void badValuesNameFileLineAndField() {
    EndpointProfiles p =
        EndpointProfiles.of(
            """
            mine:
              provider: openai
              base_url: http://localhost:9000/v1
              timeout: soon
            """,
            "mine.yaml");
    NcerException e = assertThrows(NcerException.class, () -> p.get("mine"));
    assertEquals(
        "mine.yaml line 4: profile 'mine': field 'timeout': 'soon' is not a duration such as 10s, 2m"
            + " or 500ms",
        e.getMessage());
  }

  @Test
  void overrideChangesOnlyTheFieldsGiven() {
    EndpointProfiles p =
        EndpointProfiles.of(
            """
            openai:
              rpm: 500
              concurrency: 4
            """,
            "mine.yaml");
    EndpointProfile openai = p.get("openai");
    assertEquals(500, openai.rpm());
    assertEquals(4, openai.concurrency());
    assertEquals("https://api.openai.com/v1", openai.baseUrl());
    assertEquals("OPENAI_API_KEY", openai.apiKeyEnv());
  }

  @Test
  void newProfileNeedsAProvider() {
    EndpointProfiles p = EndpointProfiles.of("mine:\n  base_url: http://x:1/v1\n", "mine.yaml");
    NcerException e = assertThrows(NcerException.class, () -> p.get("mine"));
    assertTrue(e.getMessage().contains("'provider' is missing"), e.getMessage());
  }

  @Test
  void keyInPlaceOfAVariableNameIsRefused() {
    EndpointProfiles p =
        EndpointProfiles.of(
            "mine:\n  provider: openai\n  base_url: http://x:1/v1\n  api_key_env: sk-abc-123\n",
            "mine.yaml");
    NcerException e = assertThrows(NcerException.class, () -> p.get("mine"));
    assertTrue(e.getMessage().startsWith("mine.yaml line 4:"), e.getMessage());
  }

  @Test
  void invalidYamlNamesTheLine() {
    NcerException e =
        assertThrows(
            NcerException.class,
            () -> EndpointProfiles.of("mine:\n  provider: [openai\n", "mine.yaml"));
    assertTrue(e.getMessage().startsWith("mine.yaml line "), e.getMessage());
  }

  @Test
  void unknownProfileListsTheKnownOnes() {
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                Endpoints.open(
                    new EndpointSettings(
                        "openai:x", "nope", null, null, null, null, null, null, null, Map.of()),
                    home,
                    Clock.systemUTC()));
    assertTrue(e.getMessage().contains("unknown endpoint profile 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("vllm-local"), e.getMessage());
  }

  @Test
  void profileOfAnotherProviderIsRefused() {
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                Endpoints.open(
                    new EndpointSettings(
                        "ollama:llama3",
                        "vllm-local",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of()),
                    home,
                    Clock.systemUTC()));
    assertTrue(e.getMessage().contains("openai:llama3"), e.getMessage());
  }

  @Test
  void userFileInHomeAddsProfilesAndFlagsOverrideLimits() throws Exception {
    Path dir = Files.createDirectories(home.resolve(".config/ncer"));
    Files.writeString(
        dir.resolve("endpoints.yaml"),
        """
        lab:
          provider: openai
          base_url: http://127.0.0.1:9/v1
          concurrency: 3
          rpm: 120
        """);
    Endpoints.Opened o =
        Endpoints.open(
            new EndpointSettings(
                "openai:m", "lab", null, null, null, null, 60.0, 1000.0, null, Map.of()),
            home,
            Clock.systemUTC());
    o.endpoint().close();
    assertEquals(3, o.limits().concurrency());
    assertEquals(60, o.limits().rpm());
    assertEquals(1000, o.limits().tpm());
  }

  @Test
  void missingEndpointsFileIsAnError() {
    NcerException e =
        assertThrows(
            NcerException.class, () -> EndpointProfiles.load(home, home.resolve("missing.yaml")));
    assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
  }

  @Test
  void durationsReadCommonForms() {
    assertEquals(Duration.ofSeconds(90), Endpoints.parseDuration("90"));
    assertEquals(Duration.ofSeconds(90), Endpoints.parseDuration("90s"));
    assertEquals(Duration.ofMillis(500), Endpoints.parseDuration("500ms"));
    assertEquals(Duration.ofMinutes(2), Endpoints.parseDuration("2m"));
    assertEquals(Duration.ofMinutes(2), Endpoints.parseDuration("PT2M"));
    assertThrows(NcerException.class, () -> Endpoints.parseDuration("0s"));
    assertThrows(NcerException.class, () -> Endpoints.parseDuration("two minutes"));
  }

  @Test
  void hostedModelsAreOpenAiAndOllama() {
    assertTrue(Endpoints.isHosted("openai:gpt-4o-mini"));
    assertTrue(Endpoints.isHosted("ollama:llama3.1:8b"));
    assertFalse(Endpoints.isHosted("baseline:dictionary"));
    assertFalse(Endpoints.isHosted("replay:runs/x"));
  }
}
