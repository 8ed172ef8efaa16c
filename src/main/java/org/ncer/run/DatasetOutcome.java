package org.ncer.run;

import java.nio.file.Path;
import org.ncer.dataset.Dataset;
import org.ncer.score.ScoreReport;

/** The result of running the model on one dataset: its scores and the files written. */
public record DatasetOutcome(
    Dataset dataset, ScoreReport scores, Path predictions, Path metrics, String goldSha256) {}
