package org.ncer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ncer.dataset.Document;
import org.ncer.run.ExperimentIndex;
import org.ncer.run.GroundingCounts;
import org.ncer.run.ManifestSummary;
import org.ncer.run.PredictedDocument;
import org.ncer.run.RawAnswer;
import org.ncer.score.Matching;

/**
 * One run folder as a report sees it, one row of the report: its manifest and, per dataset, its
 * scores, predictions, gold documents and per-document counts.
 *
 * @param id a short unique id in the report ({@code r1}, {@code r2}, ...)
 * @param name the name shown for the run: model and prompt, made unique with the folder name
 * @param folder the run folder
 * @param manifest the run's manifest
 * @param datasets the datasets in run order
 * @param caveats why the run's numbers may not sit beside the leaderboard's; empty when they can
 * @param cell where the run sits in an experiment; null for a run given on its own
 * @param latencySeconds the mean latency of the calls the run sent, -1 when unknown
 */
record RunData(
    String id,
    String name,
    Path folder,
    ManifestSummary manifest,
    List<DatasetData> datasets,
    List<String> caveats,
    Cell cell,
    double latencySeconds) {

  RunData {
    datasets = List.copyOf(datasets);
    caveats = List.copyOf(caveats);
  }

  /**
   * A run that is a cell of an experiment.
   *
   * @param experiment the experiment folder
   * @param repeats how many times the experiment runs each model and prompt
   * @param entry the cell's entry in the experiment's index
   */
  record Cell(Path experiment, int repeats, ExperimentIndex.Entry entry) {}

  /** True when every number of the run can be set beside the leaderboard's. */
  boolean comparable() {
    return caveats.isEmpty();
  }

  Matching matching() {
    return manifest.matching().equals("corrected") ? Matching.CORRECTED : Matching.COMPAT;
  }

  /** The dataset named {@code name}, if the run has it. */
  Optional<DatasetData> dataset(String name) {
    return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * One dataset of a run.
   *
   * @param entry the manifest's entry
   * @param metrics the score JSON the run wrote
   * @param grounding grounding counts, empty for models that predict spans
   * @param predicted the predictions in file order
   * @param gold the gold document of each prediction, or null when the gold could not be read
   * @param goldDocuments the number of documents in the gold split, -1 when unknown
   * @param counts per-document counts ({@link DocCounts}), null without gold
   * @param outcomes per-document span outcomes, null without gold
   * @param train the training split's mention strings and label counts, or null
   * @param raw raw answers by document id
   * @param notes what could not be analysed and why
   */
  record DatasetData(
      ManifestSummary.DatasetEntry entry,
      JsonNode metrics,
      Optional<GroundingCounts> grounding,
      List<PredictedDocument> predicted,
      List<Document> gold,
      int goldDocuments,
      int[][][] counts,
      List<List<SpanOutcomes.Outcome>> outcomes,
      Train train,
      Map<String, List<RawAnswer>> raw,
      List<String> notes) {

    String name() {
      return entry.name();
    }

    List<String> labels() {
      return entry.labels();
    }

    boolean analysed() {
      return counts != null;
    }
  }

  /**
   * The training split of a dataset: its mention strings lower-cased (Locale.ROOT) and its mention
   * count per label.
   */
  record Train(Set<String> strings, Map<String, Integer> labelCounts) {
    Train {
      strings = Set.copyOf(strings);
      labelCounts = Map.copyOf(labelCounts);
    }
  }
}
