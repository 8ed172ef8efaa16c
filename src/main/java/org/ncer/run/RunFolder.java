package org.ncer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.ncer.NcerException;

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

  /**
   * The results file of a run on {@code split}: {@code results.json} for the test split, which the
   * leaderboard scores, {@code results-<split>.json} for another.
   */
  public Path results(String split) {
    return split.equals("test") ? results() : root.resolve("results-" + split + ".json");
  }

  /** The lock file a process holds while it writes the folder. */
  public Path lock() {
    return root.resolve(".lock");
  }

  /** Whether the folder holds a started run: a journal or a manifest. */
  public boolean started() {
    return Files.exists(journal()) || Files.exists(manifest());
  }

  /**
   * Deletes the temporary files ({@code .NAME.HEX.part}) that a writer killed before it could
   * rename them left in the folder and its subfolders. Call only while holding the folder's lock:
   * then no live writer owns them.
   *
   * @return how many were deleted
   */
  public int removeLeftovers() {
    int removed = 0;
    for (Path dir :
        List.of(
            root,
            root.resolve("predictions"),
            root.resolve("metrics"),
            root.resolve("grounding"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (name.startsWith(".") && name.endsWith(".part") && Files.isRegularFile(f)) {
            Files.deleteIfExists(f);
            removed++;
          }
        }
      } catch (IOException e) {
        throw NcerException.io("could not clean", dir, e);
      }
    }
    return removed;
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
