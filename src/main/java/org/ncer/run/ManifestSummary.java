package org.ncer.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run folder's {@code manifest.json} says, as {@link Runner} writes it.
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
 * @param usage tokens, cost and latency when the manifest records them, else null
 * @param repeat the repeat number of an experiment cell, or null
 * @param seed the sampling seed, or null
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
    Integer repeat,
    Long seed) {

  public ManifestSummary {
    datasets = List.copyOf(datasets);
    notes = List.copyOf(notes);
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
      entities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entities));
    }
  }

  /** Tokens, cost and latency of a run's model calls; a value the manifest does not hold is -1. */
  public record Usage(
      long calls, long inputTokens, long outputTokens, double costUsd, double latencySeconds) {}

  /** The entry of dataset {@code name}, or null. */
  public DatasetEntry dataset(String name) {
    return datasets.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }
}
