package org.ncer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * The one file a command such as {@code ground} or {@code datasets export} writes, named by its
 * {@code --out} option: {@code -} is standard output; an existing regular file is replaced only
 * with {@code --force}, as {@code run} refuses an existing run folder; everything else is written
 * as {@link Json#writeTo} writes (devices directly, links through to their target, never a folder).
 */
final class OutputFile {
  private OutputFile() {}

  /** Whether {@code out} means standard output. */
  static boolean isStandardOutput(Path out) {
    return out.toString().equals("-");
  }

  /**
   * Checks, before any work is done, that {@code out} may be written.
   *
   * @throws NcerException for a folder, or an existing file without {@code force}
   */
  static void check(Path out, boolean force) {
    if (isStandardOutput(out)) {
      return;
    }
    if (Files.isDirectory(out)) {
      throw new NcerException("--out " + out + " is a folder; give a file name");
    }
    if (Files.isRegularFile(out) && !force) {
      throw new NcerException(
          "--out " + out + " already exists; use --force to replace it, or choose another file");
    }
  }

  /** Writes {@code content} to {@code out}, or to {@code stdout} for {@code -}. */
  static void write(Path out, PrintWriter stdout, Json.Content content) {
    if (!isStandardOutput(out)) {
      Json.writeTo(out, content);
      return;
    }
    try {
      content.writeTo(stdout);
      stdout.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to standard output", e);
    }
    if (stdout.checkError()) {
      throw new NcerException("could not write to standard output");
    }
  }

  /** Where the output went, for a success line: the file, or "standard output". */
  static String describe(Path out) {
    return isStandardOutput(out) ? "standard output" : out.toString();
  }
}
