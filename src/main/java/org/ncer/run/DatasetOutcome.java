package org.ncer.run;

import org.ncer.align.GroundingTally;
import org.ncer.dataset.Dataset;
import org.ncer.score.ScoreReport;

/**
 * The result of running the model on one dataset: its key in the run folder, its scores and, for
 * models that answer with text, the grounding counts ({@code null} otherwise).
 */
public record DatasetOutcome(
    String key, Dataset dataset, ScoreReport scores, String goldSha256, GroundingTally grounding) {}
