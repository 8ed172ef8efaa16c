package org.ncer.prompt;

import java.nio.file.Path;
import java.util.List;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;

/** Where a prompt's few-shot examples are drawn from: the documents of a dataset's split. */
@FunctionalInterface
public interface ExampleSource {

  /** The documents of {@code split} of {@code dataset}. */
  List<Document> documents(String dataset, String split);

  /** The built-in datasets in {@code dataDir}, read with {@link Datasets#load}. */
  static ExampleSource of(Path dataDir) {
    return of(dataDir, false);
  }

  /**
   * The built-in datasets in {@code dataDir}; with {@code allowModified}, files that differ from
   * their pinned checksums are read instead of refused.
   */
  static ExampleSource of(Path dataDir, boolean allowModified) {
    return (dataset, split) -> Datasets.load(dataDir, dataset, split, allowModified).documents();
  }
}
