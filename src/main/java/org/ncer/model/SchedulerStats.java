package org.ncer.model;

/**
 * A consistent snapshot of a {@link CallScheduler}'s counters, for a progress line.
 *
 * @param submitted calls submitted
 * @param done calls completed, answered or not
 * @param answered calls that ended with an answer
 * @param failed calls that ended without one, cancelled ones included
 * @param cancelled calls ended by {@link CallScheduler#abort()} or a failure that stops the run
 * @param inFlight calls holding a concurrency slot: being sent, or paced to their send time
 * @param queued calls waiting for a slot
 * @param waiting calls waiting out a backoff or Retry-After before their next attempt
 * @param attempts requests sent, retries included
 * @param retries attempts after the first of their call
 * @param rateLimited attempts refused with 429
 * @param inputTokens input tokens the provider reported for answered attempts
 * @param outputTokens output tokens the provider reported for answered attempts
 * @param concurrency the calls allowed in flight now (changes only when adaptive)
 */
public record SchedulerStats(
    long submitted,
    long done,
    long answered,
    long failed,
    long cancelled,
    int inFlight,
    int queued,
    int waiting,
    long attempts,
    long retries,
    long rateLimited,
    long inputTokens,
    long outputTokens,
    int concurrency) {}
