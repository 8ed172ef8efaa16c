package org.ncer.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** SHA-256 of strings and files, and of the content of a folder as {@code sha256sum} lists it. */
public final class Checksums {
  private Checksums() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** The lower-case hex SHA-256 of {@code text} in UTF-8. */
  public static String sha256Hex(String text) {
    return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The lower-case hex SHA-256 of {@code file}. */
  static String of(Path file) {
    MessageDigest md = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return hex(md.digest());
  }

  /**
   * Whether a file name (no folder) matches one of the glob {@code patterns}, compiled once here
   * for the many names to test.
   */
  static Predicate<String> nameMatcher(List<String> patterns) {
    List<PathMatcher> matchers =
        patterns.stream()
            .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
            .toList();
    return name -> {
      Path p = Path.of(name);
      return matchers.stream().anyMatch(m -> m.matches(p));
    };
  }

  /**
   * The SHA-256 of the listing {@code "<sha256> <name>\n"} of the files in {@code dir} whose names
   * {@code include} accepts, in byte order of their UTF-8 names: what {@code ls | LC_ALL=C sort |
   * xargs sha256sum | sha256sum} prints for a folder holding only those files.
   */
  static String ofContent(Path dir, Predicate<String> include) {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(include)
          .forEach(names::add);
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
    names.sort(
        (a, b) ->
            Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    MessageDigest listing = sha256();
    for (String name : names) {
      String line = of(dir.resolve(name)) + "  " + name + "\n";
      listing.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return hex(listing.digest());
  }
}
