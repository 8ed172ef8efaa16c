package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.ncer.prompt.Message;

/**
 * One real call to a local Ollama server ({@code OLLAMA_HOST}, else localhost). Runs only when
 * {@code NCER_LIVE_OLLAMA} is set, to the model it names (e.g. {@code llama3.2:1b}).
 */
@EnabledIfEnvironmentVariable(named = "NCER_LIVE_OLLAMA", matches = ".+")
class OllamaEndpointIT {

  @Test
  void answersAShortPromptInJson() {
    String name = System.getenv("NCER_LIVE_OLLAMA");
    Endpoints.Opened o = Endpoints.open(EndpointSettings.of("ollama:" + name, System.getenv()));
    try (ChatEndpoint e = o.endpoint()) {
      e.prepare(100);
      Attempt a =
          e.send(
              new ChatRequest(
                  List.of(Message.user("Answer with a JSON object {\"word\": \"pong\"}")),
                  new Sampling(0, 1, 30),
                  new ResponseFormat.JsonObject()));
      Attempt.Answered ok = assertInstanceOf(Attempt.Answered.class, a, () -> "got " + a);
      assertTrue(ok.text().contains("{"), ok.text());
    }
  }
}
