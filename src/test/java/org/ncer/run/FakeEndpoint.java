package org.ncer.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.ncer.model.Attempt;
import org.ncer.model.ChatRequest;
import org.ncer.model.Endpoints;
import org.ncer.model.Limits;
import org.ncer.model.LoopbackTestEndpoint;
import org.ncer.model.Usage;
import org.ncer.prompt.Message;

/**
 * An in-process endpoint for pipeline tests: answers with the words it knows that occur in the last
 * message, as a JSON object by label, and counts what it was sent.
 */
final class FakeEndpoint extends LoopbackTestEndpoint {
  final AtomicInteger sent = new AtomicInteger();
  private final Function<ChatRequest, Attempt> answer;
  private final int maxDelayMillis;
  private final Random random = new Random(7);

  FakeEndpoint(Function<ChatRequest, Attempt> answer, int maxDelayMillis) {
    super("http://127.0.0.1:9/v1");
    this.answer = answer;
    this.maxDelayMillis = maxDelayMillis;
  }

  /** Answers every request by finding the known words in the note. */
  static FakeEndpoint finding() {
    return new FakeEndpoint(FakeEndpoint::find, 0);
  }

  static Attempt find(ChatRequest r) {
    return new Attempt.Answered(
        findText(r), new Usage(r.chars() / 4, 7), "stop", Duration.ofMillis(1));
  }

  static String findText(ChatRequest r) {
    List<Message> m = r.messages();
    String note = m.get(m.size() - 1).content().toLowerCase(Locale.ROOT);
    StringBuilder conditions = new StringBuilder();
    for (String w : List.of("fever", "cough", "rash")) {
      if (note.contains(w)) {
        conditions.append(conditions.length() == 0 ? "" : ", ").append('"').append(w).append('"');
      }
    }
    String drugs = note.contains("aspirin") ? "\"aspirin\"" : "";
    return "{\"condition\": [" + conditions + "], \"drug\": [" + drugs + "]}";
  }

  static Attempt.Failed failure(org.ncer.model.FailureKind kind, int status) {
    return new Attempt.Failed(
        kind, status, "HTTP " + status + " from the fake", null, Duration.ZERO);
  }

  Runner.EndpointOpener opener(int concurrency) {
    Limits limits = new Limits(concurrency, 0, 0, 2, Duration.ZERO, Duration.ZERO);
    return s -> new Endpoints.Opened(this, limits, "fake-profile");
  }

  @Override
  public String model() {
    return "openai:fake";
  }

  @Override
  public Attempt send(ChatRequest request) {
    sent.incrementAndGet();
    if (maxDelayMillis > 0) {
      int delay;
      synchronized (random) {
        delay = random.nextInt(maxDelayMillis + 1);
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return answer.apply(request);
  }
}
