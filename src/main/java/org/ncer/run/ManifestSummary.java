package org.ncer.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run folder's {@code manifest.json} says that reports need, as {@link RunManifest#read}
 * reads it.
 *
 * @param model the model name
 * @param split the split asked for
 * @param matching the span matching key ({@code compat} or {@code corrected})
 * @param dataDir the data folder the run read, or null when not recorded
 * @param prompt the prompt name, or null for models that predict spans directly
 * @param promptVersion the prompt's version, 0 when none
 * @param datasets the datasets of the run in run order
 * @param notes caveats the run recorded
 * @param seconds the wall time of the run
 * @param usage calls, tokens and cost when the manifest records model calls, else null
 * @param seed the sampling seed sent with every call, or null
 * @param conditions what decides whether two runs' numbers may be pooled or set side by side, by
 *     name, in a fixed order: model, endpoint, prompt, prompt version, prompt text, mode, output,
 *     aligner, max chars, temperature, max tokens, matching, split, subset, datasets and gold data
 *     (the seed is left out: it is what repeats vary)
 */
public record ManifestSummary(
    String model,
    String split,
    String matching,
    Path dataDir,
    String prompt,
    int promptVersion,
    List<DatasetEntry> datasets,
    List<String> notes,
    double seconds,
    Usage usage,
    Integer seed,
    Map<String, String> conditions) {

  public ManifestSummary {
    datasets = List.copyOf(datasets);
    notes = List.copyOf(notes);
    conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
  }

  /** One dataset of a run. */
  public record DatasetEntry(
      String name,
      String split,
      int documents,
      List<String> labels,
      Map<String, Integer> entities,
      String goldSha256,
      boolean leaderboardComparable) {
    public DatasetEntry {
      labels = List.copyOf(labels);
      entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }
  }

  /** Calls, tokens and cost of a run's model calls; a value the manifest does not hold is -1. */
  public record Usage(long calls, long inputTokens, long outputTokens, double costUsd) {}

  /** The entry of dataset {@code name}, or null. */
  public DatasetEntry dataset(String name) {
    return datasets.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }
}
