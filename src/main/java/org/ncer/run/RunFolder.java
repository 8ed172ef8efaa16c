package org.ncer.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of a run folder: where each file a run writes lives. Every reader and writer of a run
 * folder finds its files here, so that runs, replays, resumes, rescores and reports agree.
 */
public record RunFolder(Path root) {

  public RunFolder {
    Objects.requireNonNull(root, "root");
  }

  /** What the run was and what a reader needs to trust its numbers. */
  public Path manifest() {
    return root.resolve("manifest.json");
  }

  /** The leaderboard's results file (test split). */
  public Path results() {
    return root.resolve("results.json");
  }

  /** Every model call of the run, one JSON line each, appended as calls complete. */
  public Path journal() {
    return root.resolve("journal.jsonl");
  }

  /** The predicted mentions of one dataset, one document per line. */
  public Path predictions(String dataset) {
    return root.resolve("predictions").resolve(dataset + ".jsonl");
  }

  /** The scores of one dataset. */
  public Path metrics(String dataset) {
    return root.resolve("metrics").resolve(dataset + ".json");
  }

  /** How the answers of one dataset were parsed and grounded. */
  public Path grounding(String dataset) {
    return root.resolve("grounding").resolve(dataset + ".json");
  }
}
