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
   * leaderboard's (CHIA, whose split is ncer's own); empty for a comparable built-in dataset and
   * for a user's file, whatever its name.
   */
  public static Optional<String> leaderboardNote(Dataset dataset) {
    if (dataset.fromFile()) {
      return Optional.empty();
    }
    DatasetSpec.Leaderboard leaderboard = DatasetSpec.of(dataset.name()).leaderboard();
    return leaderboard.comparable() ? Optional.empty() : Optional.of(leaderboard.note());
  }

  /**
   * Loads split {@code split} ({@code train}, {@code dev} or {@code test}; {@code validation} means
   * {@code dev}) of built-in dataset {@code name} from {@code <dataDir>/<folder>/raw/}, prepared as
   * the benchmark prepares it: labels mapped, unmapped types dropped, documents without a mention
   * dropped.
   */
  public static Dataset load(Path dataDir, String name, String split) {
    DatasetSpec spec = DatasetSpec.of(name);
    String s = DatasetSpec.canonicalSplit(split);
    Path input = spec.splitInput(dataDir, s);
    if (!Files.exists(input)) {
      throw missing(spec, dataDir, input);
    }
    List<Document> raw =
        switch (spec.format()) {
          case PUBTATOR -> readPubTator(spec, dataDir, input);
          case BRAT -> readBrat(spec, dataDir, input, s);
        };
    return new Dataset(name, s, spec.labels(), Preparation.prepare(raw, spec.labelMap()));
  }

  /**
   * A built-in dataset split when {@code nameOrPath} is one of {@link #names()}, else the JSON
   * Lines file at that path in the benchmark's record format. A file's labels are {@code
   * labelsOrNull} (an entity with another label is an error), else the distinct labels of the file
   * in first-seen order; its split is {@value #FILE_SPLIT} and {@code split} is not used.
   */
  public static Dataset resolve(
      Path dataDir, String nameOrPath, String split, List<String> labelsOrNull) {
    if (NAMES.contains(nameOrPath)) {
      return load(dataDir, nameOrPath, split);
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
        file, display(dataDir, file), spec.mentionTextMismatch(), spec.compositeMentions());
  }

  /** The documents in {@code dir} of the trials in {@code split}, in order of document id. */
  private static List<Document> readBrat(DatasetSpec spec, Path dataDir, Path dir, String split) {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".txt"))
          .map(n -> n.substring(0, n.length() - ".txt".length()))
          .filter(id -> TrialSplit.of(TrialSplit.trialOf(id), spec.trialSplit()).equals(split))
          .sorted()
          .forEach(ids::add);
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
    String displayDir = display(dataDir, dir);
    List<Document> docs = new ArrayList<>(ids.size());
    for (String id : ids) {
      docs.add(BratReader.read(dir, id, displayDir));
    }
    return docs;
  }
}
