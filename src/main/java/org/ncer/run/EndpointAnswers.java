package org.ncer.run;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.ncer.NcerException;
import org.ncer.model.Attempt;
import org.ncer.model.CallOutcome;
import org.ncer.model.CallScheduler;
import org.ncer.model.ChatEndpoint;
import org.ncer.model.FailureKind;
import org.ncer.model.Limits;
import org.ncer.model.ResponseCache;
import org.ncer.model.Usage;

/**
 * Answers calls with a model endpoint: the cache first (a hit takes no permit and costs nothing),
 * then the {@link CallScheduler}, the only place calls run concurrently. Completed calls are handed
 * to the sink one at a time on the caller's thread; an answer goes into the cache only after the
 * sink has journaled it.
 *
 * <p>A failure that no other call can escape (bad key, no access, unknown model) aborts the
 * scheduler; the calls still in flight are drained and reported, those not sent are not, and the
 * run stops with that failure's message.
 */
final class EndpointAnswers implements AnswerSource {
  private final ChatEndpoint endpoint;
  private final Limits limits;
  private final ResponseCache cache;
  private final CallScheduler shared;

  EndpointAnswers(ChatEndpoint endpoint, Limits limits, ResponseCache cache) {
    this(endpoint, limits, cache, null);
  }

  /**
   * Answers with {@code shared}, a scheduler other runs use too, when it is not null: it is neither
   * created nor closed here, so its limits hold across those runs.
   */
  EndpointAnswers(ChatEndpoint endpoint, Limits limits, ResponseCache cache, CallScheduler shared) {
    this.endpoint = endpoint;
    this.limits = limits;
    this.cache = cache;
    this.shared = shared;
  }

  private record Done(PlannedCall call, CallOutcome outcome) {}

  @Override
  public void answer(List<PlannedCall> calls, Sink sink) {
    BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    int pending = 0;
    JournalEntry fatal = null;
    try (CallScheduler owned = shared == null ? CallScheduler.create(endpoint, limits) : null) {
      CallScheduler scheduler = shared != null ? shared : owned;
      for (PlannedCall c : calls) {
        Optional<ResponseCache.Hit> hit = cache == null ? Optional.empty() : cache.get(c.hash());
        if (hit.isPresent()) {
          ResponseCache.Hit h = hit.get();
          sink.completed(
              c,
              new JournalEntry(
                  c.key(),
                  c.hash(),
                  h.answer(),
                  null,
                  h.finishReason(),
                  h.usage().inputTokens(),
                  h.usage().outputTokens(),
                  0,
                  0,
                  0,
                  true),
              false);
          continue;
        }
        pending++;
        scheduler
            .submit(c.request(), c.estimatedTokens())
            .whenComplete(
                (outcome, error) -> {
                  CallOutcome o = outcome != null ? outcome : crashed(error);
                  // Stop sending at once, on the thread that saw the failure, before another call
                  // starts; the failure itself is journaled below.
                  if (o.last() instanceof Attempt.Failed f && f.kind().stopsRun()) {
                    scheduler.abort();
                  }
                  done.add(new Done(c, o));
                });
      }
      while (pending > 0) {
        Done d = take(done, scheduler);
        pending--;
        Attempt last = d.outcome().last();
        if (last instanceof Attempt.Failed f && f.kind() == FailureKind.CANCELLED) {
          // Never sent: not journaled, so that a resume asks it.
          continue;
        }
        JournalEntry entry = entry(d.call(), d.outcome());
        sink.completed(d.call(), entry, true);
        if (last instanceof Attempt.Answered a && cache != null) {
          cache.put(d.call().hash(), a.text(), a.finishReason(), a.usage());
        }
        if (last instanceof Attempt.Failed f && f.kind().stopsRun() && fatal == null) {
          fatal = entry;
          scheduler.abort();
        }
      }
    }
    if (fatal != null) {
      JournalEntry.Failure f = fatal.failure();
      throw new NcerException(
          endpoint.model()
              + ": "
              + f.message()
              + (f.status() > 0 ? " (HTTP " + f.status() + ")" : "")
              + "; the run stopped, answers so far are kept in the journal");
    }
  }

  private static Done take(BlockingQueue<Done> done, CallScheduler scheduler) {
    try {
      return done.take();
    } catch (InterruptedException e) {
      scheduler.abort();
      Thread.currentThread().interrupt();
      throw new NcerException("the run was interrupted; answers so far are kept in the journal", e);
    }
  }

  private static CallOutcome crashed(Throwable error) {
    return new CallOutcome(
        new Attempt.Failed(
            FailureKind.OTHER,
            0,
            "the call failed inside ncer: " + error,
            null,
            java.time.Duration.ZERO),
        0,
        List.of(),
        java.time.Duration.ZERO);
  }

  static JournalEntry entry(PlannedCall c, CallOutcome o) {
    long latency = o.last().latency().toMillis();
    int retries = o.retried().size();
    if (o.last() instanceof Attempt.Answered a) {
      Usage u = a.usage();
      return new JournalEntry(
          c.key(),
          c.hash(),
          a.text(),
          null,
          a.finishReason(),
          u.inputTokens(),
          u.outputTokens(),
          latency,
          o.attempts(),
          retries,
          false);
    }
    Attempt.Failed f = (Attempt.Failed) o.last();
    return new JournalEntry(
        c.key(),
        c.hash(),
        null,
        new JournalEntry.Failure(f.kind().key(), f.status(), f.message()),
        null,
        -1,
        -1,
        latency,
        o.attempts(),
        retries,
        false);
  }
}
