package org.ncer.run;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The totals of a run's calls, from the journal entries its predictions were assembled from.
 *
 * @param planned the calls of the run
 * @param answered the calls with an answer
 * @param asked the calls sent to the model (cache hits and recorded answers are not)
 * @param cached the calls answered from the cache
 * @param failed the calls without an answer
 * @param failuresByKind failed calls per failure kind key
 * @param truncated the answers cut off at the token limit
 * @param retries the attempts that failed and were made again
 * @param inputTokens input tokens reported by the provider for calls it answered (cache hits
 *     excluded: they cost nothing)
 * @param outputTokens output tokens reported likewise
 * @param usageUnknown answered calls whose provider reported no usage
 */
public record CallStats(
    long planned,
    long answered,
    long asked,
    long cached,
    long failed,
    Map<String, Long> failuresByKind,
    long truncated,
    long retries,
    long inputTokens,
    long outputTokens,
    long usageUnknown) {

  public CallStats {
    failuresByKind = Map.copyOf(failuresByKind);
  }

  /** The totals of {@code entries}, one per planned call ({@code planned} counts the rest). */
  static CallStats of(long planned, Collection<JournalEntry> entries) {
    long answered = 0;
    long asked = 0;
    long cached = 0;
    long failed = 0;
    long truncated = 0;
    long retries = 0;
    long in = 0;
    long out = 0;
    long unknown = 0;
    Map<String, Long> byKind = new TreeMap<>();
    for (JournalEntry e : entries) {
      if (e.attempts() > 0) {
        asked++;
      }
      retries += e.retries();
      if (e.cached()) {
        cached++;
      }
      if (e.answered()) {
        answered++;
        if (e.truncated()) {
          truncated++;
        }
        if (!e.cached() && e.attempts() > 0) {
          if (e.inputTokens() < 0 || e.outputTokens() < 0) {
            unknown++;
          }
          in += Math.max(e.inputTokens(), 0);
          out += Math.max(e.outputTokens(), 0);
        }
      } else {
        failed++;
        byKind.merge(e.failure().kind(), 1L, Long::sum);
      }
    }
    return new CallStats(
        planned, answered, asked, cached, failed, byKind, truncated, retries, in, out, unknown);
  }
}
