package org.ncer.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.ncer.NcerException;
import org.ncer.align.Aligner;
import org.ncer.align.Grounder;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.DatasetSpec;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.extract.LabelResolver;
import org.ncer.model.ChatRequest;
import org.ncer.model.DictionaryBaseline;
import org.ncer.model.ResponseFormat;
import org.ncer.model.TokenEstimator;
import org.ncer.prompt.BoundPrompt;
import org.ncer.prompt.PromptCall;
import org.ncer.prompt.PromptTemplate;

/**
 * Plans a run: loads every dataset, binds the prompt to each, and renders every call, so that a
 * missing file, a missing training split or few-shot source and a template error stop the run
 * before anything is spent.
 */
final class Planner {
  /** The prefix of replay model names. */
  static final String REPLAY = "replay:";

  private Planner() {}

  /** What kind of model a name is. */
  enum Kind {
    BASELINE,
    REPLAY,
    HOSTED
  }

  static Kind kind(String model) {
    if (model.equals(DictionaryBaseline.NAME)) {
      return Kind.BASELINE;
    }
    if (model.startsWith(REPLAY)) {
      if (model.length() == REPLAY.length()) {
        throw new NcerException("a replay model is named replay:PATH, not '" + model + "'");
      }
      return Kind.REPLAY;
    }
    if (org.ncer.model.Endpoints.isHosted(model)) {
      return Kind.HOSTED;
    }
    throw new NcerException(
        "unknown model '"
            + model
            + "'; available: "
            + DictionaryBaseline.NAME
            + ", replay:PATH, openai:NAME, ollama:NAME");
  }

  /**
   * Plans the run of {@code s}.
   *
   * @param kind the model's kind
   * @param baseUrl the endpoint's base URL, part of every request hash
   * @param estimator how input tokens are estimated
   */
  static RunPlan plan(RunSettings s, Kind kind, String baseUrl, TokenEstimator estimator) {
    List<Dataset> loaded = new ArrayList<>();
    for (String ref : s.datasets()) {
      loaded.add(Datasets.resolve(s.dataDir(), ref, s.split(), s.labels(), s.allowModifiedData()));
    }
    List<String> keys = keys(s.datasets(), loaded);
    PromptTemplate template = null;
    String promptSha = null;
    if (kind != Kind.BASELINE) {
      template =
          PromptTemplate.load(
              s.prompt() == null ? PromptTemplate.DEFAULT : s.prompt(),
              s.mode(),
              s.output(),
              s.markup());
      promptSha = promptSha256(template);
      Aligner.of(s.aligner());
    }
    List<RunPlan.PlannedDataset> planned = new ArrayList<>();
    for (int i = 0; i < loaded.size(); i++) {
      Dataset full = loaded.get(i);
      Dataset target =
          s.subset() == null
              ? full
              : new Dataset(
                  full.name(), full.split(), full.labels(), s.subset().apply(full.documents()));
      String ref = s.datasets().get(i);
      String absRef =
          Datasets.names().contains(ref)
              ? ref
              : Path.of(ref).toAbsolutePath().normalize().toString();
      String original = originalSha256(s, full, ref);
      boolean forbidden = !full.fromFile() && DatasetSpec.of(full.name()).remoteForbidden();
      if (kind == Kind.BASELINE) {
        planned.add(baseline(s, keys.get(i), absRef, full, target, original, forbidden));
      } else {
        planned.add(
            prompted(
                s,
                template,
                keys.get(i),
                absRef,
                full,
                target,
                original,
                forbidden,
                baseUrl,
                estimator));
      }
    }
    return new RunPlan(s.model(), baseUrl, template, promptSha, estimator.method(), planned);
  }

  /**
   * Run-folder keys: a built-in dataset's key; a file's name, made distinct from every built-in key
   * and from every other dataset of the run with a {@code -2}, {@code -3}... suffix.
   */
  static List<String> keys(List<String> refs, List<Dataset> datasets) {
    // A file named like a built-in dataset never takes its key, in this run or in a report
    // that reads several runs.
    Set<String> taken = new HashSet<>(Datasets.names());
    List<String> keys = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Dataset d : datasets) {
      String key = d.name();
      if (d.fromFile() && (taken.contains(key) || used.contains(key))) {
        int n = 2;
        while (taken.contains(key + "-" + n) || used.contains(key + "-" + n)) {
          n++;
        }
        key = key + "-" + n;
      } else if (!d.fromFile() && used.contains(key)) {
        throw new NcerException("dataset " + key + " is given twice");
      }
      used.add(key);
      keys.add(key);
    }
    return keys;
  }

  private static RunPlan.PlannedDataset baseline(
      RunSettings s,
      String key,
      String ref,
      Dataset full,
      Dataset target,
      String original,
      boolean forbidden) {
    if (full.fromFile()) {
      throw new NcerException(
          DictionaryBaseline.NAME
              + " learns from a training split, and "
              + full.name()
              + " is a user file without one; evaluate a built-in dataset or another model");
    }
    Dataset train = Datasets.load(s.dataDir(), full.name(), "train", s.allowModifiedData());
    DictionaryBaseline baseline = DictionaryBaseline.train(train.documents(), full.labels());
    String detail =
        "dictionary of "
            + baseline.size()
            + " strings from "
            + train.documents().size()
            + " "
            + full.name()
            + " train documents";
    List<RunPlan.PlannedDocument> docs = new ArrayList<>();
    for (Document d : target.documents()) {
      docs.add(new RunPlan.PlannedDocument(d, List.of()));
    }
    return new RunPlan.PlannedDataset(
        key,
        ref,
        withTrainingFiles(target, train.modifiedFiles()),
        full.documents().size(),
        null,
        baseline,
        detail,
        original,
        forbidden,
        docs);
  }

  private static RunPlan.PlannedDataset prompted(
      RunSettings s,
      PromptTemplate template,
      String key,
      String ref,
      Dataset full,
      Dataset target,
      String original,
      boolean forbidden,
      String baseUrl,
      TokenEstimator estimator) {
    // Few-shot examples read from modified files make the run as incomparable as a modified test
    // file does: their files join the scored dataset's.
    List<String> modifiedExamples = new ArrayList<>();
    BoundPrompt bound =
        template.bind(
            full,
            (dataset, split) -> {
              Dataset d = Datasets.load(s.dataDir(), dataset, split, s.allowModifiedData());
              modifiedExamples.addAll(d.modifiedFiles());
              return d.documents();
            });
    Grounder grounder =
        new Grounder(
            Aligner.of(s.aligner()),
            LabelResolver.of(full.labels(), bound.aliases()),
            template.output(),
            template.markup());
    String detail =
        s.model()
            + " with prompt "
            + template.name()
            + " v"
            + template.version()
            + ", "
            + s.aligner()
            + " grounding";
    ResponseFormat format = template.responseFormat();
    List<RunPlan.PlannedDocument> docs = new ArrayList<>();
    for (Document d : target.documents()) {
      List<PlannedCall> calls = new ArrayList<>();
      for (PromptCall c : bound.render(d, s.maxChars())) {
        ChatRequest request = new ChatRequest(c.messages(), s.sampling(), format);
        CallKey callKey = new CallKey(key, d.id(), c.label(), c.query(), c.chunkStart());
        calls.add(
            new PlannedCall(
                callKey,
                c,
                request,
                RequestHash.of(s.model(), baseUrl, request),
                estimator.inputTokens(request)));
      }
      docs.add(new RunPlan.PlannedDocument(d, calls));
    }
    return new RunPlan.PlannedDataset(
        key,
        ref,
        withTrainingFiles(target, modifiedExamples),
        full.documents().size(),
        grounder,
        null,
        detail,
        original,
        forbidden,
        docs);
  }

  /** The SHA-256 of the prompt file the template was read from; null when it cannot be read. */
  static String promptSha256(PromptTemplate t) {
    Path file = Path.of(t.origin());
    if (Files.isRegularFile(file)) {
      return fileSha256(file);
    }
    try (InputStream in = Planner.class.getResourceAsStream("/" + t.origin())) {
      return in == null ? null : sha256(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resource " + t.origin(), e);
    }
  }

  /**
   * The SHA-256 of the file a dataset was read from: a user's file, or a PubTator split file; null
   * for a split read from a folder of files (brat).
   */
  private static String originalSha256(RunSettings s, Dataset d, String ref) {
    if (d.fromFile()) {
      return fileSha256(Path.of(ref));
    }
    Path input = DatasetSpec.of(d.name()).splitInput(s.dataDir(), d.split());
    return Files.isRegularFile(input) ? fileSha256(input) : null;
  }

  static String fileSha256(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          md.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * {@code target} with {@code modified} training files among its modified files, so that a run
   * that learnt from modified data is marked not comparable like one scored on it.
   */
  private static Dataset withTrainingFiles(Dataset target, List<String> modified) {
    if (modified.isEmpty()) {
      return target;
    }
    List<String> files = new ArrayList<>(target.modifiedFiles());
    modified.stream().filter(f -> !files.contains(f)).forEach(files::add);
    return new Dataset(target.name(), target.split(), target.labels(), target.documents(), files);
  }
}
