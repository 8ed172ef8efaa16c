package org.ncer.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ncer.NcerException;
import org.ncer.model.EndpointSettings;
import org.ncer.model.Sampling;
import org.ncer.prompt.Markup;
import org.ncer.prompt.Mode;
import org.ncer.prompt.OutputFormat;
import org.ncer.score.Matching;

/**
 * What a run evaluates, how it calls the model and where it writes.
 *
 * @param model the model name: {@code baseline:dictionary}, {@code replay:PATH}, {@code
 *     openai:NAME} or {@code ollama:NAME}
 * @param datasets built-in dataset keys or paths to JSON Lines files
 * @param labels labels of user files ({@code --labels}); null to take them from the file
 * @param split the split of built-in datasets to evaluate
 * @param dataDir the folder holding the original dataset files
 * @param out the run folder to create (or to resume)
 * @param matching the span matching rules
 * @param prompt the prompt of models that answer with text (a shipped name or a file); null for the
 *     default
 * @param mode overrides the prompt's mode; null keeps it
 * @param output overrides the prompt's output format; null keeps it
 * @param markup overrides the inline marks the prompt names ({@code markup:}); null keeps them
 * @param aligner how answer strings are grounded: {@code smart} or {@code compat}
 * @param maxChars the longest rendered prompt before the note is split into chunks; 0 never splits
 * @param version the ncer version, recorded in the manifest
 * @param commit the commit ncer was built from, recorded in the manifest
 * @param sampling temperature, seed and answer token limit sent with every request
 * @param endpoint how to reach a hosted model; null for models that make no call
 * @param cacheDir the shared answer cache; null for none
 * @param resume whether {@code out} holds a started run to continue
 * @param retryFailed on resume, whether the calls the journal records as failed are asked again
 *     (without it only those that stopped the run, such as a rejected key, are)
 * @param subset the part of each dataset evaluated; null for all of it
 * @param maxFailures how many failed calls the run tolerates before it exits 1
 * @param allowRemote whether data marked {@code remote: forbidden} may leave the machine
 * @param allowModifiedData whether dataset files that differ from their pinned checksums are read
 *     (the run is then marked not comparable) instead of stopping the run
 * @param prices a prices file replacing the shipped {@code config/prices.yaml}; null for it
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
    Markup markup,
    String aligner,
    int maxChars,
    String version,
    String commit,
    Sampling sampling,
    EndpointSettings endpoint,
    Path cacheDir,
    boolean resume,
    boolean retryFailed,
    Subset subset,
    FailureBudget maxFailures,
    boolean allowRemote,
    boolean allowModifiedData,
    Path prices) {

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
      throw new NcerException(
          "--max-chars " + maxChars + " is negative; give 0 (never split) or more");
    }
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(maxFailures, "maxFailures");
  }

  /** Settings for {@code model} on {@code datasets} with every other setting at its default. */
  public static Builder builder(String model, List<String> datasets, Path dataDir, Path out) {
    return new Builder(model, datasets, dataDir, out);
  }

  /** A copy to change one or two settings of. */
  public Builder toBuilder() {
    Builder b = new Builder(model, datasets, dataDir, out);
    b.labels = labels;
    b.split = split;
    b.matching = matching;
    b.prompt = prompt;
    b.mode = mode;
    b.output = output;
    b.markup = markup;
    b.aligner = aligner;
    b.maxChars = maxChars;
    b.version = version;
    b.commit = commit;
    b.sampling = sampling;
    b.endpoint = endpoint;
    b.cacheDir = cacheDir;
    b.resume = resume;
    b.retryFailed = retryFailed;
    b.subset = subset;
    b.maxFailures = maxFailures;
    b.allowRemote = allowRemote;
    b.allowModifiedData = allowModifiedData;
    b.prices = prices;
    return b;
  }

  /** Builds {@link RunSettings}; every setting but the four required starts at its default. */
  public static final class Builder {
    private final String model;
    private final List<String> datasets;
    private final Path dataDir;
    private Path out;
    private List<String> labels;
    private String split = "test";
    private Matching matching = Matching.COMPAT;
    private String prompt;
    private Mode mode;
    private OutputFormat output;
    private Markup markup;
    private String aligner = "smart";
    private int maxChars;
    private String version = "dev";
    private String commit = "unknown";
    private Sampling sampling = Sampling.greedy();
    private EndpointSettings endpoint;
    private Path cacheDir;
    private boolean resume;
    private boolean retryFailed;
    private Subset subset;
    private FailureBudget maxFailures = FailureBudget.UNLIMITED;
    private boolean allowRemote;
    private boolean allowModifiedData;
    private Path prices;

    private Builder(String model, List<String> datasets, Path dataDir, Path out) {
      this.model = model;
      this.datasets = datasets;
      this.dataDir = dataDir;
      this.out = out;
    }

    public Builder out(Path v) {
      out = v;
      return this;
    }

    public Builder labels(List<String> v) {
      labels = v;
      return this;
    }

    public Builder split(String v) {
      split = v;
      return this;
    }

    public Builder matching(Matching v) {
      matching = v;
      return this;
    }

    public Builder prompt(String v) {
      prompt = v;
      return this;
    }

    public Builder mode(Mode v) {
      mode = v;
      return this;
    }

    public Builder output(OutputFormat v) {
      output = v;
      return this;
    }

    public Builder markup(Markup v) {
      markup = v;
      return this;
    }

    public Builder aligner(String v) {
      aligner = v;
      return this;
    }

    public Builder maxChars(int v) {
      maxChars = v;
      return this;
    }

    public Builder version(String v, String c) {
      version = v;
      commit = c;
      return this;
    }

    public Builder sampling(Sampling v) {
      sampling = v;
      return this;
    }

    public Builder endpoint(EndpointSettings v) {
      endpoint = v;
      return this;
    }

    public Builder cacheDir(Path v) {
      cacheDir = v;
      return this;
    }

    public Builder resume(boolean v) {
      resume = v;
      return this;
    }

    public Builder retryFailed(boolean v) {
      retryFailed = v;
      return this;
    }

    public Builder subset(Subset v) {
      subset = v;
      return this;
    }

    public Builder maxFailures(FailureBudget v) {
      maxFailures = v;
      return this;
    }

    public Builder allowRemote(boolean v) {
      allowRemote = v;
      return this;
    }

    public Builder allowModifiedData(boolean v) {
      allowModifiedData = v;
      return this;
    }

    public Builder prices(Path v) {
      prices = v;
      return this;
    }

    public RunSettings build() {
      return new RunSettings(
          model,
          datasets,
          labels,
          split,
          dataDir,
          out,
          matching,
          prompt,
          mode,
          output,
          markup,
          aligner,
          maxChars,
          version,
          commit,
          sampling,
          endpoint,
          cacheDir,
          resume,
          retryFailed,
          subset,
          maxFailures,
          allowRemote,
          allowModifiedData,
          prices);
    }
  }
}
