package org.ncer;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The project's shared Jackson configuration. */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final ObjectWriter PRETTY =
      MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private Json() {}

  /** The mapper for compact output (one JSON value per line) and for reading. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Turns one parsed line of a JSON Lines file into a value; throws {@link NcerException} on bad
   * content.
   */
  @FunctionalInterface
  public interface LineReader<T> {
    T read(JsonNode node, long line);
  }

  /**
   * Reads a JSON Lines file, skipping blank lines. A line that is not JSON fails with an error
   * naming the file and line; so does a missing file.
   */
  public static <T> List<T> readLines(Path file, LineReader<T> reader) {
    List<T> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = MAPPER.readTree(line);
        } catch (IOException e) {
          throw NcerException.at(file, number, "not valid JSON: " + firstLine(e.getMessage()));
        }
        out.add(reader.read(node, number));
      }
    } catch (NoSuchFileException e) {
      throw new NcerException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return out;
  }

  /** The first line of an exception message, for one-line errors. */
  public static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** {@code node} as compact JSON on one line. */
  public static String line(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  /**
   * Writes one JSON value per line, creating parent folders. The lines go to a temporary file that
   * replaces {@code file} only when complete, so a failed write leaves neither a half file nor the
   * temporary one.
   */
  public static void writeLines(Path file, List<? extends JsonNode> nodes) {
    writeAtomically(
        file,
        w -> {
          for (JsonNode n : nodes) {
            w.write(line(n));
            w.write('\n');
          }
        });
  }

  /** Writes {@code node} indented, with a final line end, the same way as {@link #writeLines}. */
  public static void writePretty(Path file, JsonNode node) {
    writeAtomically(file, w -> w.write(PRETTY.writeValueAsString(node) + "\n"));
  }

  private interface Content {
    void writeTo(Writer w) throws IOException;
  }

  private static void writeAtomically(Path file, Content content) {
    Path tmp = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      tmp = Files.createTempFile(parent, file.getFileName().toString(), ".part");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        content.writeTo(w);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // The write already failed; that error is the one to report.
    }
  }

  /** A writer that indents with two spaces and ends lines with {@code \n} on every platform. */
  public static ObjectWriter pretty() {
    return PRETTY;
  }
}
