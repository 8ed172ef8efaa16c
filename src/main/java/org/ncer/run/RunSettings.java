package org.ncer.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ncer.prompt.Mode;
import org.ncer.prompt.OutputFormat;
import org.ncer.score.Matching;

/**
 * What a run evaluates and where it writes.
 *
 * @param model the model name, e.g. {@code baseline:dictionary}
 * @param datasets built-in dataset keys or paths to JSON Lines files
 * @param labels labels of user files ({@code --labels}); null to take them from the file
 * @param split the split of built-in datasets to evaluate
 * @param dataDir the folder holding the original dataset files
 * @param out the run folder to create
 * @param matching the span matching rules
 * @param prompt the prompt of models that answer with text (a shipped name or a file); null for the
 *     default
 * @param mode overrides the prompt's mode; null keeps it
 * @param output overrides the prompt's output format; null keeps it
 * @param aligner how answer strings are grounded: {@code smart} or {@code compat}
 * @param maxChars the longest rendered prompt before the note is split into chunks; 0 never splits
 * @param version the ncer version, recorded in the manifest
 * @param commit the commit ncer was built from, recorded in the manifest
 */
public record RunSettings(
    String model,
    List<String> datasets,
    List<String> labels,
    String split,
    Path dataDir,
    Path out,
    Matching matching,
    String prompt,
    Mode mode,
    OutputFormat output,
    String aligner,
    int maxChars,
    String version,
    String commit) {

  public RunSettings {
    Objects.requireNonNull(model, "model");
    datasets = List.copyOf(datasets);
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("a run needs at least one dataset");
    }
    labels = labels == null ? null : List.copyOf(labels);
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(matching, "matching");
    Objects.requireNonNull(aligner, "aligner");
    if (maxChars < 0) {
      throw new IllegalArgumentException("max chars " + maxChars + " is negative");
    }
  }
}
