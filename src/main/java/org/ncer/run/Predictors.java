package org.ncer.run;

import java.util.List;
import org.ncer.NcerException;
import org.ncer.align.Aligner;
import org.ncer.align.Grounder;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.extract.LabelResolver;
import org.ncer.model.DictionaryBaseline;
import org.ncer.model.ModelClient;
import org.ncer.model.ReplayModel;
import org.ncer.prompt.BoundPrompt;
import org.ncer.prompt.ExampleSource;
import org.ncer.prompt.PromptTemplate;

/** Turns a model name into a predictor for one dataset. */
final class Predictors {
  /** The model names a run accepts. */
  static final List<String> KNOWN = List.of(DictionaryBaseline.NAME, ReplayModel.PREFIX + "PATH");

  private final RunSettings settings;
  private ReplayModel replay;
  private PromptTemplate template;

  Predictors(RunSettings settings) {
    this.settings = settings;
  }

  /** The prompt the model is asked with, as loaded with its overrides; null for span models. */
  PromptTemplate template() {
    return template;
  }

  /** A predictor and a one-line description of how it was set up. */
  record Prepared(Predictor predictor, String detail) {}

  /** Checks the model name and loads what every dataset shares, before any dataset runs. */
  void check() {
    String model = settings.model();
    if (model.equals(DictionaryBaseline.NAME)) {
      return;
    }
    if (model.startsWith(ReplayModel.PREFIX)) {
      replay = ReplayModel.of(model);
      template =
          PromptTemplate.load(
              settings.prompt() == null ? PromptTemplate.DEFAULT : settings.prompt(),
              settings.mode(),
              settings.output());
      Aligner.of(settings.aligner());
      return;
    }
    throw new NcerException(
        "unknown model '" + model + "'; available: " + String.join(", ", KNOWN));
  }

  Prepared prepare(Dataset target) {
    if (settings.model().equals(DictionaryBaseline.NAME)) {
      return dictionary(target);
    }
    ModelClient client = replay.forDataset(target.name());
    return prompted(target, client);
  }

  private Prepared prompted(Dataset target, ModelClient client) {
    BoundPrompt bound = template.bind(target, ExampleSource.of(settings.dataDir()));
    Grounder grounder =
        new Grounder(
            Aligner.of(settings.aligner()),
            LabelResolver.of(target.labels(), bound.aliases()),
            template.output());
    String detail =
        client.name()
            + " with prompt "
            + template.name()
            + " v"
            + template.version()
            + ", "
            + settings.aligner()
            + " grounding";
    return new Prepared(
        new PromptedPredictor(bound, client, grounder, settings.maxChars()), detail);
  }

  private Prepared dictionary(Dataset target) {
    if (target.fromFile()) {
      throw new NcerException(
          DictionaryBaseline.NAME
              + " learns from a training split, and "
              + target.name()
              + " is a user file without one; evaluate a built-in dataset or another model");
    }
    Dataset train = Datasets.load(settings.dataDir(), target.name(), "train");
    DictionaryBaseline baseline = DictionaryBaseline.train(train.documents(), target.labels());
    String detail =
        "dictionary of "
            + baseline.size()
            + " strings from "
            + train.documents().size()
            + " "
            + target.name()
            + " train documents";
    return new Prepared(doc -> Prediction.ofSpans(baseline.find(doc.text())), detail);
  }
}
