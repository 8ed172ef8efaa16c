package org.ncer.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.ncer.NcerException;
import org.ncer.span.Mention;

/**
 * The built-in datasets, by the benchmark's keys, and the loading of a dataset split or a user's
 * JSON Lines file.
 */
public final class Datasets {
  private static final List<String> NAMES = List.of("ncbi", "chia", "biored", "bc5cdr");

  /** The split name of a user's JSON Lines file. */
  public static final String FILE_SPLIT = "file";

  private Datasets() {}

  /** The built-in dataset keys in the leaderboard's order. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The labels {@code name} is scored on ({@code clinical_types} in the benchmark's {@code
   * tasks/ner_tasks.py}): each dataset is scored on its own types only.
   */
  public static List<String> labels(String name) {
    return DatasetSpec.of(name).labels();
  }

  /**
   * The note to print beside results on {@code dataset} when they cannot be set beside the
   * leaderboard's: files that differ from the release (loaded with {@code --allow-modified-data}),
   * or a split that is ncer's own (CHIA). Empty for a comparable built-in dataset and for a user's
   * file, whatever its name.
   */
  public static Optional<String> leaderboardNote(Dataset dataset) {
    List<String> notes = new ArrayList<>();
    if (dataset.modified()) {
      List<String> files = dataset.modifiedFiles();
      notes.add(
          "not comparable: "
              + files.size()
              + (files.size() == 1 ? " original file differs" : " original files differ")
              + " from the release ncer pins ("
              + abbreviate(files, 3)
              + "); loaded with --allow-modified-data");
    }
    if (!dataset.fromFile()) {
      DatasetSpec.Leaderboard leaderboard = DatasetSpec.of(dataset.name()).leaderboard();
      if (!leaderboard.comparable()) {
        notes.add(leaderboard.note());
      }
    }
    return notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes));
  }

  /** The first {@code n} items joined by commas, then {@code and k more}. */
  static String abbreviate(List<?> items, int n) {
    List<String> shown = items.stream().limit(n).map(Object::toString).toList();
    String more = items.size() > n ? " and " + (items.size() - n) + " more" : "";
    return String.join(", ", shown) + more;
  }

  /**
   * The verifier every load uses, with the per-user cache of {@link DatasetVerifier#ofDefaults()}.
   */
  private static final class DefaultVerifier {
    static final DatasetVerifier INSTANCE = DatasetVerifier.ofDefaults();
  }

  /**
   * As {@link #load(Path, String, String, boolean)}, refusing files that differ from the release.
   */
  public static Dataset load(Path dataDir, String name, String split) {
    return load(dataDir, name, split, false);
  }

  /**
   * Loads split {@code split} ({@code train}, {@code dev} or {@code test}; {@code validation} means
   * {@code dev}) of built-in dataset {@code name} from {@code <dataDir>/<folder>/raw/}, prepared as
   * the benchmark prepares it: labels mapped, unmapped types dropped, documents without a mention
   * dropped.
   *
   * <p>The files the split is read from are first checked against the SHA-256 sums the descriptor
   * pins (see {@link DatasetVerifier}). A file that is modified, missing or not part of the release
   * is an error unless {@code allowModified}; then the dataset is loaded and {@link
   * Dataset#modifiedFiles()} names those files, so that its results are marked not comparable.
   * Reader errors (a line that cannot be read) are errors either way.
   */
  public static Dataset load(Path dataDir, String name, String split, boolean allowModified) {
    return load(DefaultVerifier.INSTANCE, dataDir, name, split, allowModified);
  }

  static Dataset load(
      DatasetVerifier verifier, Path dataDir, String name, String split, boolean allowModified) {
    DatasetSpec spec = DatasetSpec.of(name);
    String s = DatasetSpec.canonicalSplit(split);
    Path input = spec.splitInput(dataDir, s);
    if (!Files.exists(input)) {
      throw missing(spec, dataDir, input);
    }
    List<DatasetVerifier.FileCheck> problems = verifier.verifySplit(spec, dataDir, s).problems();
    if (!problems.isEmpty() && !allowModified) {
      throw modified(spec, s, problems);
    }
    List<Document> raw =
        switch (spec.format()) {
          case PUBTATOR -> readPubTator(spec, dataDir, input);
          case BRAT -> readBrat(spec, dataDir, input, s);
        };
    if (raw.isEmpty()) {
      throw new NcerException(display(dataDir, input) + ": no document in it");
    }
    return new Dataset(
        name,
        s,
        spec.labels(),
        Preparation.prepare(raw, spec.labelMap()),
        problems.stream().map(DatasetVerifier.FileCheck::path).toList());
  }

  private static NcerException modified(
      DatasetSpec spec, String split, List<DatasetVerifier.FileCheck> problems) {
    DatasetVerifier.FileCheck first = problems.get(0);
    String what =
        problems.size() == 1
            ? first.path() + " " + describe(first)
            : problems.size()
                + " files differ from the release ("
                + abbreviate(problems.stream().map(f -> f.path() + " " + describe(f)).toList(), 3)
                + ")";
    return new NcerException(
        "dataset '"
            + spec.key()
            + "' "
            + split
            + ": "
            + what
            + "; restore the release with 'ncer datasets pull --dataset "
            + spec.key()
            + "', or pass --allow-modified-data to evaluate on these files anyway (results are then"
            + " marked not comparable)");
  }

  private static String describe(DatasetVerifier.FileCheck check) {
    return switch (check.status()) {
      case MISSING -> "is missing";
      case MODIFIED ->
          check.detail().equals(DatasetVerifier.NOT_IN_RELEASE)
              ? "is not part of the release"
              : check.detail().startsWith("SHA-256")
                  ? "is modified (its SHA-256 differs from the release's)"
                  : "is modified: " + check.detail();
      case VERIFIED -> "is verified";
    };
  }

  /**
   * A built-in dataset split when {@code nameOrPath} is one of {@link #names()}, else the JSON
   * Lines file at that path in the benchmark's record format. A file's labels are {@code
   * labelsOrNull} (an entity with another label is an error), else the distinct labels of the file
   * in first-seen order; its split is {@value #FILE_SPLIT} and {@code split} is not used. Built-in
   * files that differ from the release are refused.
   */
  public static Dataset resolve(
      Path dataDir, String nameOrPath, String split, List<String> labelsOrNull) {
    return resolve(dataDir, nameOrPath, split, labelsOrNull, false);
  }

  /**
   * As {@link #resolve(Path, String, String, List)}; {@code allowModified} is passed to {@link
   * #load(Path, String, String, boolean)} for a built-in dataset and has no effect on a user's
   * file.
   */
  public static Dataset resolve(
      Path dataDir,
      String nameOrPath,
      String split,
      List<String> labelsOrNull,
      boolean allowModified) {
    if (NAMES.contains(nameOrPath)) {
      return load(dataDir, nameOrPath, split, allowModified);
    }
    Path file = Path.of(nameOrPath);
    if (!Files.isRegularFile(file)) {
      throw new NcerException(
          "'"
              + nameOrPath
              + "' is neither a built-in dataset ("
              + String.join(", ", NAMES)
              + ") nor an existing .jsonl file");
    }
    if (labelsOrNull != null && labelsOrNull.isEmpty()) {
      throw new NcerException("--labels is empty: name at least one label");
    }
    List<Document> docs = DocumentJsonl.read(file, labelsOrNull);
    List<String> labels = labelsOrNull != null ? List.copyOf(labelsOrNull) : labelsOf(docs);
    if (labels.isEmpty()) {
      throw new NcerException(
          file + ": no entity in the file, so no labels; give them with --labels a,b");
    }
    return new Dataset(fileDatasetName(file), FILE_SPLIT, labels, docs);
  }

  /** A user file's dataset name: its file name without {@code .jsonl}, as in {@code mine}. */
  static String fileDatasetName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") && name.length() > ".jsonl".length()
        ? name.substring(0, name.length() - ".jsonl".length())
        : name;
  }

  private static List<String> labelsOf(List<Document> docs) {
    Set<String> labels = new LinkedHashSet<>();
    for (Document d : docs) {
      for (Mention m : d.mentions()) {
        labels.add(m.label());
      }
    }
    return List.copyOf(labels);
  }

  private static NcerException missing(DatasetSpec spec, Path dataDir, Path input) {
    return new NcerException(
        "dataset '"
            + spec.key()
            + "' not found: "
            + input.toAbsolutePath().normalize()
            + " does not exist (data folder "
            + dataDir.toAbsolutePath().normalize()
            + ", from --data-dir, else NCER_DATA_DIR, else datasets/data/); run 'ncer datasets pull"
            + " --dataset "
            + spec.key()
            + "' or point NCER_DATA_DIR at the folder holding "
            + spec.folder()
            + "/raw/");
  }

  /**
   * How a file is named in messages: its path under the data folder, such as {@code chia/raw/x}.
   */
  private static String display(Path dataDir, Path file) {
    return dataDir.relativize(file).toString().replace('\\', '/');
  }

  private static List<Document> readPubTator(DatasetSpec spec, Path dataDir, Path file) {
    return PubTatorReader.read(
        file,
        display(dataDir, file),
        spec.mentionTextMismatch(),
        spec.compositeMentions(),
        spec.repeatedIds());
  }

  /**
   * The documents in {@code dir} of the trials in {@code split}, in order of document id. An {@code
   * .ann} file without its {@code .txt} file, or the reverse, is an error.
   */
  private static List<Document> readBrat(DatasetSpec spec, Path dataDir, Path dir, String split) {
    Set<String> texts = new TreeSet<>();
    Set<String> annotations = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .forEach(
              n -> {
                if (n.endsWith(".txt")) {
                  texts.add(n.substring(0, n.length() - ".txt".length()));
                } else if (n.endsWith(".ann")) {
                  annotations.add(n.substring(0, n.length() - ".ann".length()));
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
    String displayDir = display(dataDir, dir);
    Predicate<String> inSplit =
        id -> TrialSplit.of(TrialSplit.trialOf(id), spec.trialSplit()).equals(split);
    for (String id : annotations) {
      if (!texts.contains(id) && inSplit.test(id)) {
        throw new NcerException(
            displayDir + "/" + id + ".ann: there is no " + id + ".txt beside it");
      }
    }
    List<Document> docs = new ArrayList<>();
    for (String id : texts) {
      if (inSplit.test(id)) {
        docs.add(BratReader.read(dir, id, displayDir));
      }
    }
    return docs;
  }
}
