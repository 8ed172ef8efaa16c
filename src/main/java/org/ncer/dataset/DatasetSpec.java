package org.ncer.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * The description of one built-in dataset, read from {@code datasets/<key>/dataset.yaml}: where its
 * files live, how to read and split them, how native types map to the benchmark's labels, and where
 * to download the files from.
 *
 * @param key the benchmark's key ({@code ncbi}, {@code chia}, {@code biored}, {@code bc5cdr})
 * @param folder the dataset's folder in the data folder; its files are under {@code <folder>/raw/}
 * @param format how the original files are written
 * @param labels the benchmark labels the dataset is scored on, in the benchmark's order
 * @param labelMap native type to benchmark label; unmapped types are dropped
 * @param mentionTextMismatch what to do with a PubTator mention whose text column differs from the
 *     text at its offsets
 * @param compositeMentions whether the 7th PubTator column (individual mentions of a composite
 *     mention) adds mentions
 * @param splitFiles for PubTator: split to file name under {@code raw/}
 * @param documents for brat: the folder under {@code raw/} holding the {@code .txt}/{@code .ann}
 *     pairs
 * @param trialSplit for brat: split to percentage of trials, in split order, summing to 100
 * @param leaderboard whether results are comparable with the leaderboard, and why not
 * @param source the download addresses and checksums
 * @param repeatedIds for PubTator: the document ids the original release holds more than once; any
 *     other repeated id is an error
 * @param remote {@code allowed} (the default) or {@code forbidden}: whether the notes may be sent
 *     to a model endpoint off this machine without {@code --allow-remote}
 */
public record DatasetSpec(
    String key,
    String folder,
    Format format,
    List<String> labels,
    Map<String, String> labelMap,
    MentionTextRule mentionTextMismatch,
    boolean compositeMentions,
    Map<String, String> splitFiles,
    String documents,
    Map<String, Integer> trialSplit,
    Leaderboard leaderboard,
    Source source,
    List<String> repeatedIds,
    String remote) {

  /** The {@code remote} value of data that may be sent to any endpoint. */
  public static final String REMOTE_ALLOWED = "allowed";

  /** The {@code remote} value of data that stays on this machine unless the user allows it. */
  public static final String REMOTE_FORBIDDEN = "forbidden";

  /** Whether sending the notes to an endpoint off this machine needs {@code --allow-remote}. */
  public boolean remoteForbidden() {
    return remote.equals(REMOTE_FORBIDDEN);
  }

  /** The split names, in order. */
  public static final List<String> SPLITS = List.of("train", "dev", "test");

  /** The format of a dataset's original files. */
  public enum Format {
    /** PubTator: title, abstract and tab-separated mention lines per document. */
    @JsonProperty("pubtator")
    PUBTATOR,
    /** brat standoff: a {@code .txt} and an {@code .ann} file per document. */
    @JsonProperty("brat")
    BRAT
  }

  /** What to do with a mention whose text column differs from the document text at its offsets. */
  public enum MentionTextRule {
    /** Drop the mention. */
    @JsonProperty("drop")
    DROP,
    /** Move the mention to the first occurrence of its text; drop it when there is none. */
    @JsonProperty("first-occurrence")
    FIRST_OCCURRENCE,
    /** Keep the offsets and ignore the text column. */
    @JsonProperty("trust-offsets")
    TRUST_OFFSETS
  }

  /**
   * Whether scores on this dataset can be set beside the leaderboard's.
   *
   * @param comparable true when the split and preparation match the benchmark's
   * @param note why not, printed with results when {@code comparable} is false
   */
  public record Leaderboard(boolean comparable, String note) {
    public Leaderboard {
      if (!comparable && (note == null || note.isBlank())) {
        throw new IllegalArgumentException("leaderboard.note is needed when comparable is false");
      }
    }
  }

  /**
   * Where the original files come from.
   *
   * @param baseUrl the address each file's {@code path} is resolved against
   * @param files the files, each saved under {@code raw/}
   */
  public record Source(String baseUrl, List<RemoteFile> files) {
    public Source {
      requireText(baseUrl, "source.base_url");
      if (!baseUrl.endsWith("/")) {
        throw new IllegalArgumentException("source.base_url must end with '/': " + baseUrl);
      }
      files = List.copyOf(Objects.requireNonNull(files, "source.files"));
      if (files.isEmpty()) {
        throw new IllegalArgumentException("source.files is empty");
      }
    }
  }

  /**
   * One downloadable file.
   *
   * @param path the address relative to the base URL
   * @param saveAs the file name under {@code raw/}; null when the file is an archive to unpack
   * @param sha256 the file's SHA-256 (lower-case hex); null for an archive whose content is checked
   * @param unpack how to unpack an archive; null for a plain file
   */
  public record RemoteFile(String path, String saveAs, String sha256, Unpack unpack) {
    public RemoteFile {
      requireText(path, "source.files[].path");
      if (unpack == null) {
        requireText(saveAs, "save_as of " + path);
        requireSha256(sha256, "sha256 of " + path);
        requireRelative(saveAs, "save_as of " + path);
      } else if (saveAs != null || sha256 != null) {
        throw new IllegalArgumentException(
            path
                + ": an unpacked archive has no save_as or sha256; its content is checked instead");
      }
    }

    /** The last segment of {@link #path}, for messages. */
    public String fileName() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  /**
   * How to unpack a zip archive.
   *
   * @param into the folder under {@code raw/} that receives the kept files (flat, by file name)
   * @param include glob patterns on file names; entries matching none are skipped
   * @param contentSha256 the SHA-256 of the {@code sha256sum} listing of the kept files, sorted by
   *     name in byte order
   * @param listing that listing itself, a file beside {@code dataset.yaml}, so that each kept file
   *     is pinned by name; null when only the whole content is checked
   */
  public record Unpack(String into, List<String> include, String contentSha256, String listing) {
    public Unpack {
      requireText(into, "unpack.into");
      requireRelative(into, "unpack.into");
      include = List.copyOf(Objects.requireNonNull(include, "unpack.include"));
      if (include.isEmpty()) {
        throw new IllegalArgumentException("unpack.include is empty");
      }
      requireSha256(contentSha256, "unpack.content_sha256");
      if (listing != null) {
        requireText(listing, "unpack.listing");
        requireRelative(listing, "unpack.listing");
      }
    }

    /** A descriptor without a listing, for archives checked as a whole. */
    public Unpack(String into, List<String> include, String contentSha256) {
      this(into, include, contentSha256, null);
    }
  }

  public DatasetSpec {
    requireText(key, "key");
    requireText(folder, "folder");
    requireRelative(folder, "folder");
    Objects.requireNonNull(format, "format");
    labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
    labelMap = Map.copyOf(Objects.requireNonNull(labelMap, "label_map"));
    for (Map.Entry<String, String> e : labelMap.entrySet()) {
      if (!labels.contains(e.getValue())) {
        throw new IllegalArgumentException(
            "label_map sends " + e.getKey() + " to '" + e.getValue() + "', which is not a label");
      }
    }
    Objects.requireNonNull(leaderboard, "leaderboard");
    Objects.requireNonNull(source, "source");
    repeatedIds = repeatedIds == null ? List.of() : List.copyOf(repeatedIds);
    remote = remote == null ? REMOTE_ALLOWED : remote;
    if (!remote.equals(REMOTE_ALLOWED) && !remote.equals(REMOTE_FORBIDDEN)) {
      throw new IllegalArgumentException(
          "remote must be " + REMOTE_ALLOWED + " or " + REMOTE_FORBIDDEN + ": " + remote);
    }
    if (format == Format.PUBTATOR) {
      Objects.requireNonNull(mentionTextMismatch, "mention_text_mismatch");
      splitFiles = orderedSplits(splitFiles, "split_files");
      splitFiles.values().forEach(f -> requireRelative(f, "split_files"));
      if (documents != null || trialSplit != null) {
        throw new IllegalArgumentException("documents and trial_split are for brat datasets");
      }
    } else {
      requireText(documents, "documents");
      requireRelative(documents, "documents");
      trialSplit = orderedSplits(trialSplit, "trial_split");
      int sum = trialSplit.values().stream().mapToInt(Integer::intValue).sum();
      if (sum != 100 || trialSplit.values().stream().anyMatch(p -> p < 0)) {
        throw new IllegalArgumentException("trial_split percentages must add up to 100: " + sum);
      }
      if (splitFiles != null || compositeMentions || !repeatedIds.isEmpty()) {
        throw new IllegalArgumentException(
            "split_files, composite_mentions and repeated_ids are for PubTator");
      }
    }
  }

  private static <V> Map<String, V> orderedSplits(Map<String, V> splits, String field) {
    Objects.requireNonNull(splits, field);
    if (!splits.keySet().equals(new java.util.HashSet<>(SPLITS))) {
      throw new IllegalArgumentException(
          field + " must name exactly " + SPLITS + ", found " + splits.keySet());
    }
    Map<String, V> ordered = new LinkedHashMap<>();
    SPLITS.forEach(s -> ordered.put(s, Objects.requireNonNull(splits.get(s), field + "." + s)));
    return java.util.Collections.unmodifiableMap(ordered);
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }

  private static void requireSha256(String value, String field) {
    if (value == null || !value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(field + " must be 64 lower-case hex digits: " + value);
    }
  }

  /** A path inside the data folder: relative, with no {@code ..} segment. */
  private static void requireRelative(String value, String field) {
    Path p = Path.of(value);
    if (p.isAbsolute() || value.startsWith("/") || value.contains("\\")) {
      throw new IllegalArgumentException(field + " must be a relative path: " + value);
    }
    for (Path part : p) {
      if (part.toString().equals("..")) {
        throw new IllegalArgumentException(field + " must stay inside the data folder: " + value);
      }
    }
  }

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final Map<String, DatasetSpec> BUILT_IN = new ConcurrentHashMap<>();

  /** The descriptor of built-in dataset {@code key}, read once from the class path. */
  public static DatasetSpec of(String key) {
    if (!Datasets.names().contains(key)) {
      throw new NcerException(
          "unknown dataset '" + key + "'; known: " + String.join(", ", Datasets.names()));
    }
    return BUILT_IN.computeIfAbsent(key, DatasetSpec::load);
  }

  private static DatasetSpec load(String key) {
    String resource = "/datasets/" + key + "/dataset.yaml";
    try (InputStream in = DatasetSpec.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the build lacks resource " + resource);
      }
      DatasetSpec spec =
          parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
      if (!spec.key().equals(key)) {
        throw new IllegalStateException(resource + " declares key '" + spec.key() + "'");
      }
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }

  /** Parses a descriptor; {@code where} names its origin in error messages. */
  public static DatasetSpec parse(String yaml, String where) {
    try {
      return YAML.readValue(yaml, DatasetSpec.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new NcerException(where + ": " + cause.getMessage(), e);
    } catch (IOException e) {
      throw new NcerException(where + ": " + Json.firstLine(e.getMessage()), e);
    }
  }

  /**
   * The split name for {@code split}: {@code train}, {@code dev} or {@code test}, with {@code
   * validation} accepted for {@code dev} (the Hugging Face name the benchmark uses).
   */
  public static String canonicalSplit(String split) {
    String s = Objects.requireNonNull(split, "split").trim().toLowerCase(Locale.ROOT);
    if (s.equals("validation")) {
      return "dev";
    }
    if (!SPLITS.contains(s)) {
      throw new NcerException(
          "unknown split '" + split + "'; use train, dev or test (validation means dev)");
    }
    return s;
  }

  /** The folder holding the original files: {@code <dataDir>/<folder>/raw}. */
  public Path rawDir(Path dataDir) {
    return dataDir.resolve(folder).resolve("raw");
  }

  /**
   * The file (PubTator) or folder (brat) split {@code split} is read from, which must exist for it
   * to load.
   *
   * @param split one of {@link #SPLITS}; see {@link #canonicalSplit} for other spellings
   */
  public Path splitInput(Path dataDir, String split) {
    if (!SPLITS.contains(split)) {
      throw new IllegalArgumentException("split must be one of " + SPLITS + ": " + split);
    }
    Path raw = rawDir(dataDir);
    return format == Format.PUBTATOR ? raw.resolve(splitFiles.get(split)) : raw.resolve(documents);
  }

  /** The splits whose input is present under {@code dataDir}. */
  public List<String> presentSplits(Path dataDir) {
    List<String> present = new ArrayList<>();
    for (String s : SPLITS) {
      if (Files.exists(splitInput(dataDir, s))) {
        present.add(s);
      }
    }
    return present;
  }
}
