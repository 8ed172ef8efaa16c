package org.ncer.run;

import java.time.Duration;
import org.ncer.dataset.Dataset;

/**
 * Hears the progress of a run; the command line prints it. Every method is called on the run's
 * thread and does nothing by default.
 */
public interface RunListener {
  /** A dataset was planned: its documents loaded and its calls rendered. */
  default void datasetStarted(Dataset dataset, String modelDetail) {}

  /** Every call is planned; {@code progress} counts those the journal already answers. */
  default void callsPlanned(CallProgress progress) {}

  /** A call completed. */
  default void callCompleted(CallProgress progress) {}

  /** A dataset's predictions and metrics were written. */
  default void datasetFinished(DatasetOutcome outcome, Duration elapsed) {}
}
