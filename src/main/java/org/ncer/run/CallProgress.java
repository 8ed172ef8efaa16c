package org.ncer.run;

/**
 * How far the calls of a run are, for progress reports.
 *
 * @param planned the calls of the run
 * @param done the calls completed, those resumed from the journal included
 * @param resumed the calls the journal of an earlier attempt settled: answered, or failed and kept
 *     as failed
 * @param resumedFailed of those, the failed ones ({@code --retry-failed} asks them again)
 * @param cached the calls answered from the cache
 * @param failed the calls that failed for good
 * @param retries the attempts that failed and were made again
 * @param truncated the answers cut off at the token limit
 * @param inputTokens input tokens reported
 * @param outputTokens output tokens reported
 */
public record CallProgress(
    long planned,
    long done,
    long resumed,
    long resumedFailed,
    long cached,
    long failed,
    long retries,
    long truncated,
    long inputTokens,
    long outputTokens) {}
