package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.ncer.prompt.Message;

/**
 * One real call to OpenAI (or the endpoint {@code NCER_LIVE_OPENAI} names as a profile). Runs only
 * when {@code NCER_LIVE_OPENAI} is set; the model is {@code NCER_LIVE_OPENAI_MODEL}, else
 * gpt-4o-mini.
 */
@EnabledIfEnvironmentVariable(named = "NCER_LIVE_OPENAI", matches = ".+")
class OpenAiEndpointIT {

  @Test
  void answersAShortPrompt() {
    String model = System.getenv().getOrDefault("NCER_LIVE_OPENAI_MODEL", "gpt-4o-mini");
    String profile = System.getenv("NCER_LIVE_OPENAI");
    Endpoints.Opened o =
        Endpoints.open(
            new EndpointSettings(
                "openai:" + model,
                profile.equals("1") || profile.equals("true") ? null : profile,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                System.getenv()));
    try (ChatEndpoint e = o.endpoint()) {
      e.prepare(100);
      Attempt a =
          e.send(
              new ChatRequest(
                  List.of(Message.user("Reply with the single word: pong")),
                  new Sampling(0, 1, 10),
                  ResponseFormat.text()));
      Attempt.Answered ok = assertInstanceOf(Attempt.Answered.class, a, () -> "got " + a);
      assertTrue(ok.usage().known(), ok.toString());
    }
  }
}
