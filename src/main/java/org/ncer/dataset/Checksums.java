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

  /** Whether {@code name} (a file name, no folder) matches one of the glob {@code patterns}. */
  static boolean matches(String name, List<String> patterns) {
    Path p = Path.of(name);
    for (String pattern : patterns) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      if (m.matches(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The SHA-256 of the listing {@code "<sha256> <name>\n"} of the files in {@code dir} whose names
   * match {@code include}, in byte order of their UTF-8 names: what {@code ls | LC_ALL=C sort |
   * xargs sha256sum | sha256sum} prints for a folder holding only those files.
   */
  static String ofContent(Path dir, List<String> include) {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> matches(n, include))
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
