package org.ncer.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of files, remembered between runs in one small file per user so that an unchanged
 * dataset file is hashed once, not at every load.
 *
 * <p>A remembered sum is used only while the file's real path, size, modification time, status
 * change time (where the system keeps one) and file key (device and inode) are all as they were
 * when it was hashed. A file modified less than {@link #RACY} before it was hashed is not
 * remembered: a second edit within the same clock tick would leave its times unchanged.
 *
 * <p>The cache file holds a header line, then one line per file: {@code sha256 TAB size TAB mtime
 * TAB ctime TAB file key TAB real path}. It is only a shortcut: a missing, unreadable or damaged
 * cache makes ncer hash again, never accept a file; lines it cannot read are ignored. It is
 * replaced atomically, merged with what other processes wrote meanwhile, and kept to {@link
 * #MAX_ENTRIES} lines.
 */
final class FileHashCache {
  static final String HEADER = "# ncer file checksums v1";
  static final String FILE_NAME = "verified-files.tsv";
  static final int MAX_ENTRIES = 20_000;
  static final Duration RACY = Duration.ofSeconds(2);

  private final Path cacheFile;
  private final Clock clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Entry> added = new LinkedHashMap<>();
  private boolean loaded;
  private int hashed;

  /** What identifies one version of a file without reading it. */
  record Stamp(long size, long mtimeNanos, long ctimeNanos, String fileKey) {}

  private record Entry(Stamp stamp, String sha256) {}

  /**
   * @param cacheFile where sums are remembered; null to remember nothing
   */
  FileHashCache(Path cacheFile, Clock clock) {
    this.cacheFile = cacheFile;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The per-user cache file: {@code $XDG_CACHE_HOME/ncer/verified-files.tsv} when that variable
   * names an absolute folder, else {@code <home>/.cache/ncer/verified-files.tsv}; null when neither
   * is known.
   */
  static Path defaultLocation(String xdgCacheHome, String userHome) {
    if (xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()) {
      return Path.of(xdgCacheHome).resolve("ncer").resolve(FILE_NAME);
    }
    if (userHome != null && !userHome.isBlank()) {
      return Path.of(userHome).resolve(".cache").resolve("ncer").resolve(FILE_NAME);
    }
    return null;
  }

  /** The cache file, or null when sums are not remembered. */
  Path location() {
    return cacheFile;
  }

  /** How many files were read and hashed since this cache was made (the rest were remembered). */
  synchronized int hashedCount() {
    return hashed;
  }

  /** The lower-case hex SHA-256 of regular file {@code file}, from the cache when unchanged. */
  synchronized String sha256(Path file) throws IOException {
    load();
    Path real = file.toRealPath();
    String key = real.toString();
    Stamp before = stamp(real);
    Entry known = entries.get(key);
    if (known != null && known.stamp().equals(before)) {
      return known.sha256();
    }
    String sha256 = Checksums.of(real);
    hashed++;
    Stamp after = stamp(real);
    long racyLimit = TimeUnit.MILLISECONDS.toNanos(clock.millis() - RACY.toMillis());
    if (before.equals(after) && after.mtimeNanos() < racyLimit && key.indexOf('\n') < 0) {
      Entry e = new Entry(after, sha256);
      entries.put(key, e);
      added.put(key, e);
    }
    return sha256;
  }

  static Stamp stamp(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    long ctime = -1;
    try {
      Object c = Files.getAttribute(file, "unix:ctime");
      if (c instanceof FileTime t) {
        ctime = t.to(TimeUnit.NANOSECONDS);
      }
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // No status change time on this file system: size, modification time and file key remain.
    }
    Object fileKey = a.fileKey();
    return new Stamp(
        a.size(),
        a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        ctime,
        fileKey == null ? "-" : fileKey.toString().replace('\t', ' ').replace('\n', ' '));
  }

  private void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    entries.putAll(read());
  }

  /** The entries on disk now; empty when there are none or they cannot be read. */
  private Map<String, Entry> read() {
    Map<String, Entry> out = new LinkedHashMap<>();
    if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(cacheFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return out;
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      return out;
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", 6);
      if (f.length != 6 || !f[0].matches("[0-9a-f]{64}")) {
        continue;
      }
      try {
        Stamp stamp =
            new Stamp(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[4]);
        out.put(f[5], new Entry(stamp, f[0]));
      } catch (NumberFormatException e) {
        // a damaged line only costs one more hashing
      }
    }
    return out;
  }

  /**
   * Writes the sums learnt since the last save, merged into what the cache file holds now. A folder
   * that cannot be written (a read-only home) leaves the cache as it was: it is a shortcut, so that
   * is not an error.
   */
  synchronized void save() {
    if (cacheFile == null || added.isEmpty()) {
      return;
    }
    Map<String, Entry> merged = read();
    for (Map.Entry<String, Entry> e : added.entrySet()) {
      merged.remove(e.getKey());
      merged.put(e.getKey(), e.getValue());
    }
    Iterator<String> oldest = merged.keySet().iterator();
    while (merged.size() > MAX_ENTRIES && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    List<String> lines = new ArrayList<>(merged.size() + 1);
    lines.add(HEADER);
    merged.forEach(
        (path, e) ->
            lines.add(
                String.join(
                    "\t",
                    e.sha256(),
                    Long.toString(e.stamp().size()),
                    Long.toString(e.stamp().mtimeNanos()),
                    Long.toString(e.stamp().ctimeNanos()),
                    e.stamp().fileKey(),
                    path)));
    Path tmp = null;
    try {
      Files.createDirectories(cacheFile.getParent());
      tmp = Files.createTempFile(cacheFile.getParent(), ".verified-", ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      added.clear();
    } catch (IOException | SecurityException e) {
      // Not writable: the next load hashes again.
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // a stray temporary file in the cache folder is harmless
        }
      }
    }
  }
}
