package org.ncer.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ncer.prompt.Message;

/**
 * An endpoint that answers from a script and records when each attempt was sent, on a {@link
 * ManualTime} clock. Requests are told apart by their user message.
 */
final class FakeEndpoint extends LoopbackTestEndpoint {
  /** One recorded attempt: which call, when, and how many attempts were being sent at once. */
  record Sent(String call, long atNanos, int concurrent) {}

  private final ManualTime time;
  private final Function<Sent, Attempt> script;
  private final List<Sent> sent = new ArrayList<>();
  private int concurrent;

  FakeEndpoint(ManualTime time, Function<Sent, Attempt> script) {
    super("http://127.0.0.1:1");
    this.time = time;
    this.script = script;
  }

  static ChatRequest request(String call) {
    return new ChatRequest(List.of(Message.user(call)), Sampling.greedy(), ResponseFormat.text());
  }

  static Attempt answer(String text) {
    return new Attempt.Answered(text, new Usage(10, 2), "stop", Duration.ZERO);
  }

  static Attempt fail(FailureKind kind, int status) {
    return new Attempt.Failed(kind, status, kind.key(), null, Duration.ZERO);
  }

  static Attempt rateLimited(Duration retryAfter) {
    return new Attempt.Failed(
        FailureKind.RATE_LIMITED, 429, "slow down", retryAfter, Duration.ZERO);
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The send times of {@code call}'s attempts. */
  List<Duration> sendTimes(String call) {
    return sent.stream()
        .filter(s -> s.call().equals(call))
        .map(s -> Duration.ofNanos(s.atNanos()))
        .toList();
  }

  /** How many attempts {@code call} made so far. */
  long attemptsOf(String call) {
    return sent.stream().filter(s -> s.call().equals(call)).count();
  }

  @Override
  public String model() {
    return "fake:model";
  }

  @Override
  public Attempt send(ChatRequest request) {
    concurrent++;
    try {
      Sent s = new Sent(request.messages().get(0).content(), time.nanoTime(), concurrent);
      sent.add(s);
      return script.apply(s);
    } finally {
      concurrent--;
    }
  }
}
