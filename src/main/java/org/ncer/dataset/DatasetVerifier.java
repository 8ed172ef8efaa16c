package org.ncer.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.ncer.dataset.DatasetSpec.RemoteFile;
import org.ncer.dataset.DatasetSpec.Unpack;

/**
 * Checks a built-in dataset's files against the SHA-256 sums its descriptor pins: each plain file
 * by its {@code sha256}, each file kept from an archive by the descriptor's listing (whose own sum
 * is the archive's {@code content_sha256}).
 *
 * <p>Sums of unchanged files are remembered in a per-user cache ({@link FileHashCache}), so a check
 * after the first reads only file attributes. The data folder itself is never written.
 */
public final class DatasetVerifier {

  /** What a check found. */
  public enum Status {
    /** Present with the pinned SHA-256. */
    VERIFIED("verified"),
    /** Present with another SHA-256, or a file the release does not have. */
    MODIFIED("modified"),
    /** Not there. */
    MISSING("missing");

    private final String key;

    Status(String key) {
      this.key = key;
    }

    /** The status as printed: {@code verified}, {@code modified}, {@code missing}. */
    public String key() {
      return key;
    }
  }

  /**
   * One checked file.
   *
   * @param path the file's path under the data folder, such as {@code ncbi-disease/raw/x.txt}
   * @param status what was found
   * @param detail why a file is not verified ({@code SHA-256 ... instead of ...}, {@code not part
   *     of the release}); empty for a verified file
   */
  public record FileCheck(String path, Status status, String detail) {
    public FileCheck {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }

    /** {@code path: detail}, or {@code path: status} when there is no detail. */
    @Override
    public String toString() {
      return path + ": " + (detail.isEmpty() ? status.key() : detail);
    }
  }

  /**
   * The checks of one dataset, in the descriptor's order, files not in the release last.
   *
   * @param dataset the dataset key
   */
  public record Report(String dataset, List<FileCheck> files) {
    public Report {
      Objects.requireNonNull(dataset, "dataset");
      files = List.copyOf(files);
    }

    /**
     * {@code modified} when any file is modified or not part of the release, else {@code missing}
     * when any is missing, else {@code verified}.
     */
    public Status status() {
      if (files.stream().anyMatch(f -> f.status() == Status.MODIFIED)) {
        return Status.MODIFIED;
      }
      if (files.stream().anyMatch(f -> f.status() == Status.MISSING)) {
        return Status.MISSING;
      }
      return Status.VERIFIED;
    }

    /** The files that are not verified. */
    public List<FileCheck> problems() {
      return files.stream().filter(f -> f.status() != Status.VERIFIED).toList();
    }

    /** True when no file of the dataset is there at all: it was never pulled. */
    public boolean absent() {
      return !files.isEmpty() && files.stream().allMatch(f -> f.status() == Status.MISSING);
    }
  }

  /** The detail of a file found in an unpacked folder that its listing does not name. */
  static final String NOT_IN_RELEASE = "not in the release";

  /** A file a descriptor pins: its path under {@code raw/} and its SHA-256. */
  record Pinned(String path, String sha256) {}

  private static final Map<String, List<Pinned>> LISTINGS = new ConcurrentHashMap<>();

  private final FileHashCache cache;

  DatasetVerifier(FileHashCache cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * A verifier that remembers sums in the per-user cache: {@code $XDG_CACHE_HOME/ncer/}, else
   * {@code ~/.cache/ncer/}.
   */
  public static DatasetVerifier ofDefaults() {
    return new DatasetVerifier(
        new FileHashCache(
            FileHashCache.defaultLocation(
                System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home")),
            Clock.systemUTC()));
  }

  /** A verifier whose cache is {@code cacheFile} (null: remember nothing). */
  static DatasetVerifier withCache(Path cacheFile) {
    return new DatasetVerifier(new FileHashCache(cacheFile, Clock.systemUTC()));
  }

  FileHashCache cache() {
    return cache;
  }

  /** Checks every file the descriptor pins, and looks for files the release does not have. */
  public Report verify(DatasetSpec spec, Path dataDir) {
    return check(spec, dataDir, pinned -> true, name -> true);
  }

  /**
   * Checks the files split {@code split} is read from: a PubTator split's file, or a brat split's
   * documents (and any document file in its folder that the release does not have).
   */
  Report verifySplit(DatasetSpec spec, Path dataDir, String split) {
    if (spec.format() == DatasetSpec.Format.PUBTATOR) {
      String file = spec.splitFiles().get(split);
      return check(spec, dataDir, pinned -> pinned.equals(file), name -> false);
    }
    String prefix = spec.documents() + "/";
    Predicate<String> inSplit =
        path -> {
          if (!path.startsWith(prefix)) {
            return false;
          }
          String name = path.substring(prefix.length());
          if (!(name.endsWith(".txt") || name.endsWith(".ann"))) {
            return false;
          }
          String id = name.substring(0, name.length() - 4);
          return TrialSplit.of(TrialSplit.trialOf(id), spec.trialSplit()).equals(split);
        };
    return check(spec, dataDir, inSplit, inSplit);
  }

  /**
   * @param wanted which pinned paths (under {@code raw/}) to check
   * @param unexpected which paths of files found in an unpacked folder but not in its listing are
   *     reported
   */
  private Report check(
      DatasetSpec spec, Path dataDir, Predicate<String> wanted, Predicate<String> unexpected) {
    Path raw = spec.rawDir(dataDir);
    String display = spec.folder() + "/raw/";
    List<FileCheck> checks = new ArrayList<>();
    List<FileCheck> extra = new ArrayList<>();
    try {
      for (RemoteFile file : spec.source().files()) {
        Unpack unpack = file.unpack();
        if (unpack == null) {
          if (wanted.test(file.saveAs())) {
            checks.add(checkFile(raw, display, new Pinned(file.saveAs(), file.sha256())));
          }
        } else if (unpack.listing() == null) {
          if (wanted.test(unpack.into() + "/")) {
            checks.add(checkContent(raw, display, unpack));
          }
        } else {
          List<Pinned> listed = listing(spec, unpack);
          Set<String> names = new java.util.HashSet<>();
          for (Pinned p : listed) {
            names.add(p.path());
            if (wanted.test(p.path())) {
              checks.add(checkFile(raw, display, p));
            }
          }
          extra.addAll(notListed(raw, display, unpack, names, unexpected));
        }
      }
    } finally {
      cache.save();
    }
    checks.addAll(extra);
    return new Report(spec.key(), checks);
  }

  private FileCheck checkFile(Path raw, String display, Pinned pinned) {
    Path file = raw.resolve(pinned.path());
    String path = display + pinned.path();
    if (!Files.exists(file)) {
      return new FileCheck(path, Status.MISSING, "missing");
    }
    if (!Files.isRegularFile(file)) {
      return new FileCheck(path, Status.MODIFIED, "not a regular file");
    }
    String actual;
    try {
      actual = cache.sha256(file);
    } catch (IOException | UncheckedIOException e) {
      return new FileCheck(path, Status.MODIFIED, "cannot be read (" + reason(e) + ")");
    }
    return actual.equals(pinned.sha256())
        ? new FileCheck(path, Status.VERIFIED, "")
        : new FileCheck(
            path,
            Status.MODIFIED,
            "SHA-256 is " + actual + ", the release's is " + pinned.sha256());
  }

  /** An unpacked folder without a listing, checked as a whole. */
  private static FileCheck checkContent(Path raw, String display, Unpack unpack) {
    Path dir = raw.resolve(unpack.into());
    String path = display + unpack.into() + "/";
    if (!Files.isDirectory(dir)) {
      return new FileCheck(path, Status.MISSING, "missing");
    }
    String actual = Checksums.ofContent(dir, Checksums.nameMatcher(unpack.include()));
    return actual.equals(unpack.contentSha256())
        ? new FileCheck(path, Status.VERIFIED, "")
        : new FileCheck(
            path,
            Status.MODIFIED,
            "content SHA-256 is " + actual + ", the release's is " + unpack.contentSha256());
  }

  /** Files in an unpacked folder that its listing does not name, among those it would keep. */
  private static List<FileCheck> notListed(
      Path raw, String display, Unpack unpack, Set<String> listed, Predicate<String> report) {
    Path dir = raw.resolve(unpack.into());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Predicate<String> kept = Checksums.nameMatcher(unpack.include());
    List<FileCheck> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> unpack.into() + "/" + p.getFileName())
          .filter(p -> !listed.contains(p))
          .filter(p -> kept.test(p.substring(p.lastIndexOf('/') + 1)))
          .filter(report)
          .sorted()
          .forEach(p -> out.add(new FileCheck(display + p, Status.MODIFIED, NOT_IN_RELEASE)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
    return out;
  }

  private static String reason(Exception e) {
    Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The files an archive's listing pins, read once from beside the descriptor. */
  static List<Pinned> listing(DatasetSpec spec, Unpack unpack) {
    String resource = "/datasets/" + spec.key() + "/" + unpack.listing();
    return LISTINGS.computeIfAbsent(resource, r -> readListing(r, unpack));
  }

  private static List<Pinned> readListing(String resource, Unpack unpack) {
    byte[] bytes;
    try (InputStream in = DatasetVerifier.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the build lacks resource " + resource);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
    String sha256 = Checksums.hex(Checksums.sha256().digest(bytes));
    if (!sha256.equals(unpack.contentSha256())) {
      throw new IllegalStateException(
          resource + " has SHA-256 " + sha256 + ", not content_sha256 " + unpack.contentSha256());
    }
    Map<String, Pinned> out = new LinkedHashMap<>();
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
        throw new IllegalStateException(resource + " line " + (i + 1) + ": not a sha256sum line");
      }
      String name = line.substring(66);
      out.put(
          unpack.into() + "/" + name,
          new Pinned(unpack.into() + "/" + name, line.substring(0, 64)));
    }
    return List.copyOf(out.values());
  }
}
