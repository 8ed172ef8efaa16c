package org.ncer.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ncer.span.Mention;

/**
 * The documents of one split of one dataset, with the labels the dataset is evaluated on.
 *
 * @param name the dataset key ({@code ncbi}, {@code chia}, {@code biored}, {@code bc5cdr}) or a
 *     user dataset's file name
 * @param split {@code train}, {@code dev} or {@code test}; {@code file} for a user's JSON Lines
 *     file
 * @param labels the labels scored on this dataset, in the dataset's order
 * @param modifiedFiles the original files this split was read from that are not as the release has
 *     them (modified, missing or added), under the data folder, such as {@code
 *     ncbi-disease/raw/NCBItestset_corpus.txt}; empty when every file was verified, and for a
 *     user's file. A dataset with modified files is loaded only on request ({@code
 *     --allow-modified-data}), and results on it are not comparable with the leaderboard's.
 */
public record Dataset(
    String name,
    String split,
    List<String> labels,
    List<Document> documents,
    List<String> modifiedFiles) {

  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
    labels = List.copyOf(labels);
    documents = List.copyOf(documents);
    modifiedFiles = List.copyOf(modifiedFiles);
  }

  /** A dataset whose files were verified, or that has none (a hand-built one). */
  public Dataset(String name, String split, List<String> labels, List<Document> documents) {
    this(name, split, labels, documents, List.of());
  }

  /** True when some original file differed from the release and loading was allowed anyway. */
  public boolean modified() {
    return !modifiedFiles.isEmpty();
  }

  /**
   * Mentions per label, in label order; labels with no mention count zero. A loaded dataset's
   * mentions all carry one of its labels; in a hand-built one, other labels follow in first-seen
   * order.
   */
  public Map<String, Integer> mentionCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    labels.forEach(l -> counts.put(l, 0));
    for (Document d : documents) {
      for (Mention m : d.mentions()) {
        counts.merge(m.label(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** True for a user's JSON Lines file, false for a built-in dataset's split. */
  public boolean fromFile() {
    return split.equals(Datasets.FILE_SPLIT);
  }

  /**
   * The SHA-256 of the documents in their JSON Lines form, one record and a {@code \n} each: it
   * identifies exactly what was evaluated.
   */
  public String contentSha256() {
    MessageDigest digest = Checksums.sha256();
    for (Document d : documents) {
      digest.update(DocumentJsonl.line(d).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    return Checksums.hex(digest.digest());
  }

  public int mentionCount() {
    return documents.stream().mapToInt(d -> d.mentions().size()).sum();
  }
}
