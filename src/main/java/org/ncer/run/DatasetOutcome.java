package org.ncer.run;

import org.ncer.align.GroundingTally;
import org.ncer.dataset.Dataset;
import org.ncer.score.ScoreReport;

/**
 * The result of running the model on one dataset: its scores, the files written and, for models
 * that answer with text, the grounding counts ({@code null} otherwise).
 */
public record DatasetOutcome(
    Dataset dataset, ScoreReport scores, String goldSha256, GroundingTally grounding) {}
