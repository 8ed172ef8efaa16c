package org.ncer.run;

import java.time.Duration;
import org.ncer.dataset.Dataset;

/**
 * Hears the progress of a run; the command line prints it. Every method does nothing by default.
 */
public interface RunListener {
  /** A dataset was loaded and its model is about to run. */
  default void datasetStarted(Dataset dataset, String modelDetail) {}

  /** {@code done} of {@code total} documents of the current dataset have predictions. */
  default void progress(String dataset, int done, int total) {}

  /** A dataset's predictions and metrics were written. */
  default void datasetFinished(DatasetOutcome outcome, Duration elapsed) {}
}
