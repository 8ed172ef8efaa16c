package org.ncer.run;

import java.nio.file.Path;
import java.util.List;
import org.ncer.NcerException;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.model.DictionaryBaseline;

/** Turns a model name into a predictor for one dataset. */
final class Predictors {
  /** The model names a run accepts. */
  static final List<String> KNOWN = List.of(DictionaryBaseline.NAME);

  private Predictors() {}

  /** A predictor and a one-line description of how it was set up. */
  record Prepared(Predictor predictor, String detail) {}

  static Prepared prepare(String model, Dataset target, Path dataDir) {
    if (model.equals(DictionaryBaseline.NAME)) {
      return dictionary(target, dataDir);
    }
    throw new NcerException(
        "unknown model '" + model + "'; available: " + String.join(", ", KNOWN));
  }

  private static Prepared dictionary(Dataset target, Path dataDir) {
    if (!Datasets.names().contains(target.name())) {
      throw new NcerException(
          DictionaryBaseline.NAME
              + " learns from a training split, and "
              + target.name()
              + " is a user file without one; evaluate a built-in dataset or another model");
    }
    Dataset train = Datasets.load(dataDir, target.name(), "train");
    DictionaryBaseline baseline = DictionaryBaseline.train(train.documents(), target.labels());
    String detail =
        "dictionary of "
            + baseline.size()
            + " strings from "
            + train.documents().size()
            + " "
            + target.name()
            + " train documents";
    return new Prepared(doc -> baseline.find(doc.text()), detail);
  }
}
