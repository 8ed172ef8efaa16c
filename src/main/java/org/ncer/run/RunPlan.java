package org.ncer.run;

import java.util.List;
import org.ncer.align.Grounder;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Document;
import org.ncer.model.DictionaryBaseline;
import org.ncer.prompt.PromptTemplate;

/**
 * Every call of a run, rendered before the first is made, with the datasets they come from.
 *
 * @param model the model id
 * @param baseUrl the endpoint the calls go to; empty for models that make no call over a network
 * @param template the prompt as applied; null for span models
 * @param promptSha256 the SHA-256 of the prompt file; null for span models
 * @param estimator how input tokens were estimated
 * @param datasets the datasets in the order given
 */
public record RunPlan(
    String model,
    String baseUrl,
    PromptTemplate template,
    String promptSha256,
    String estimator,
    List<PlannedDataset> datasets) {

  public RunPlan {
    datasets = List.copyOf(datasets);
  }

  /**
   * One dataset of the plan.
   *
   * @param key the dataset's name in the run folder, distinct within the run
   * @param ref the dataset as given: a built-in key or the absolute path of a file
   * @param dataset the documents evaluated (the subset, when there is one)
   * @param fullSize the documents of the whole split
   * @param grounder how answers are grounded; null for span models
   * @param baseline the dictionary of a span model; null for models that answer with text
   * @param detail a line saying how the model was set up for the dataset
   * @param originalSha256 the SHA-256 of the original file the split was read from; null when it is
   *     a folder of files
   * @param remoteForbidden whether the data may not leave the machine without {@code
   *     --allow-remote}
   * @param documents the documents with their calls, in dataset order
   */
  public record PlannedDataset(
      String key,
      String ref,
      Dataset dataset,
      int fullSize,
      Grounder grounder,
      DictionaryBaseline baseline,
      String detail,
      String originalSha256,
      boolean remoteForbidden,
      List<PlannedDocument> documents) {

    public PlannedDataset {
      documents = List.copyOf(documents);
    }

    public long calls() {
      return documents.stream().mapToLong(d -> d.calls().size()).sum();
    }

    public long estimatedTokens() {
      return documents.stream()
          .flatMap(d -> d.calls().stream())
          .mapToLong(PlannedCall::estimatedTokens)
          .sum();
    }
  }

  /** One document and its calls, in the order the prompt renders them. */
  public record PlannedDocument(Document gold, List<PlannedCall> calls) {
    public PlannedDocument {
      calls = List.copyOf(calls);
    }
  }

  public long calls() {
    return datasets.stream().mapToLong(PlannedDataset::calls).sum();
  }

  public long estimatedTokens() {
    return datasets.stream().mapToLong(PlannedDataset::estimatedTokens).sum();
  }

  /** The largest request's estimated input tokens; 0 when there is no call. */
  public long longestTokens() {
    return datasets.stream()
        .flatMap(d -> d.documents().stream())
        .flatMap(d -> d.calls().stream())
        .mapToLong(PlannedCall::estimatedTokens)
        .max()
        .orElse(0);
  }
}
