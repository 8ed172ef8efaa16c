package org.ncer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The project's shared Jackson configuration. */
public final class Json {
  /** The deepest nesting of arrays and objects ncer reads. */
  public static final int MAX_DEPTH = 100;

  /** The longest string value ncer reads, in characters: the longest note. */
  public static final int MAX_STRING_CHARS = 20_000_000;

  /** The longest number ncer reads, in characters. */
  public static final int MAX_NUMBER_CHARS = 1_000;

  /** The longest field name ncer reads, in characters. */
  public static final int MAX_NAME_CHARS = 50_000;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(MAX_STRING_CHARS)
                          .maxNumberLength(MAX_NUMBER_CHARS)
                          .maxNameLength(MAX_NAME_CHARS)
                          .build())
                  .build())
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
   * Reads a JSON Lines file, skipping blank lines; a UTF-8 byte-order mark at its start is allowed.
   * A line that is not JSON fails with an error naming the file, line and column; so do a missing
   * file, a folder, bytes that are not UTF-8 and a value past ncer's limits ({@link #MAX_DEPTH},
   * {@link #MAX_STRING_CHARS}).
   */
  public static <T> List<T> readLines(Path file, LineReader<T> reader) {
    List<T> out = new ArrayList<>();
    String text = readText(file);
    long number = 0;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        throw NcerException.at(file, number, describe(e));
      } catch (IOException e) {
        throw NcerException.io("could not read", file, e);
      }
      out.add(reader.read(node, number));
    }
    return out;
  }

  /**
   * The whole of {@code file} as UTF-8 text, without a byte-order mark at its start.
   *
   * @throws NcerException naming the file and the reason: no such file, a folder, permission
   *     denied, or {@code line 3: invalid UTF-8 at byte 17} (bytes counted from 0 at the start of
   *     the file)
   */
  public static String readText(Path file) {
    if (Files.isDirectory(file)) {
      throw new NcerException("could not read " + file + ": it is a folder, not a file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NcerException(file + ": no such file");
    } catch (IOException e) {
      throw NcerException.io("could not read", file, e);
    } catch (OutOfMemoryError e) {
      throw new NcerException("could not read " + file + ": too large to hold in memory", e);
    }
    return decodeUtf8(file, bytes);
  }

  /** {@code bytes} decoded as strict UTF-8, without a byte-order mark at the start. */
  static String decodeUtf8(Object file, byte[] bytes) {
    int skip =
        bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharBuffer out = CharBuffer.allocate(bytes.length - skip);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      long line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw NcerException.at(file, line, "invalid UTF-8 at byte " + at);
    }
    out.flip();
    return out.toString();
  }

  /**
   * A one-line account of a JSON syntax error with its column, in words rather than the parser's
   * class and setting names.
   */
  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    String column =
        e.getLocation() == null || e.getLocation().getColumnNr() < 1
            ? ""
            : " at column " + e.getLocation().getColumnNr();
    String what;
    if (e instanceof StreamConstraintsException) {
      if (message.contains("nesting depth")) {
        what = "JSON nested deeper than " + MAX_DEPTH + " levels, ncer's limit";
      } else if (message.contains("Number value length")) {
        what = "a number longer than " + MAX_NUMBER_CHARS + " characters, ncer's limit";
      } else if (message.contains("Name length")) {
        what = "a field name longer than " + MAX_NAME_CHARS + " characters, ncer's limit";
      } else {
        what = "a string longer than " + MAX_STRING_CHARS + " characters, ncer's limit";
      }
      return "not valid JSON: " + what;
    }
    if (message.startsWith("Trailing token")) {
      what = "more than one JSON value on the line (one value per line)";
    } else if (message.startsWith("Unexpected end-of-input")) {
      what = "the line ends before the JSON value does";
    } else if (message.startsWith("Non-standard token")) {
      what = "NaN and Infinity are not JSON numbers";
    } else if (message.contains("comment")) {
      what = "comments are not allowed in JSON";
    } else if (message.contains("single-quote") || message.contains("(code 39)")) {
      what = "strings and field names take double quotes";
    } else {
      what = plain(message);
    }
    return "not valid JSON" + column + ": " + what;
  }

  /**
   * {@code message} without the parts that name Java types, parser settings or the parser's source
   * description: a backquoted name, a parenthesis that mentions a feature, and anything from {@code
   * [Source:} on.
   */
  private static String plain(String message) {
    String m = firstLine(message);
    int source = m.indexOf("[Source:");
    if (source >= 0) {
      m = m.substring(0, source);
    }
    m = m.replaceAll("\\s*\\([^()]*(Feature|feature|enable|Constraints)[^()]*\\)", "");
    m = m.replaceAll("`[^`]*`", "");
    m = m.replaceAll("\\s+", " ").strip();
    while (m.endsWith(":") || m.endsWith("(") || m.endsWith(",")) {
      m = m.substring(0, m.length() - 1).strip();
    }
    return m.isEmpty() ? "unreadable" : m;
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
   * Writes one JSON value per line to {@code file}, the way {@link #writeTo(Path, Content)} writes.
   */
  public static void writeLines(Path file, List<? extends JsonNode> nodes) {
    writeTo(file, w -> writeLines(w, nodes));
  }

  /** Writes one JSON value per line to {@code out}, which is left open. */
  public static void writeLines(Writer out, List<? extends JsonNode> nodes) throws IOException {
    for (JsonNode n : nodes) {
      out.write(line(n));
      out.write('\n');
    }
  }

  /** Writes {@code node} indented, with a final line end, the way {@link #writeLines} writes. */
  public static void writePretty(Path file, JsonNode node) {
    writeTo(file, w -> w.write(PRETTY.writeValueAsString(node) + "\n"));
  }

  /** Text to write; see {@link #writeTo}. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer w) throws IOException;
  }

  /**
   * Writes UTF-8 text to {@code file} without damaging what is there if the write fails, and
   * without replacing anything that is not a regular file.
   *
   * <ul>
   *   <li>A regular file, or a file that does not exist yet, is written atomically: the text goes
   *       to a temporary file beside it, which replaces it only when complete, so a failed write
   *       leaves neither a half file nor the temporary one. Missing parent folders are created. A
   *       new file gets the permissions the umask allows ({@code 0666 & ~umask}, as any program's
   *       new file); a replaced file keeps its permissions.
   *   <li>A symbolic link is followed to its final target, which is written as above; the link
   *       stays.
   *   <li>A device, named pipe or socket ({@code /dev/null}, {@code /dev/stdout}, a FIFO) is
   *       written directly, never replaced.
   *   <li>A folder is refused.
   * </ul>
   *
   * @throws NcerException for a folder, or with the operating system's reason ("Permission denied",
   *     "No space left on device") when the file cannot be written
   */
  public static void writeTo(Path file, Content content) {
    Path target = realTarget(file);
    if (Files.isDirectory(target)) {
      throw new NcerException("could not write " + file + ": it is a folder");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      writeDirectly(file, target, content);
      return;
    }
    Path tmp = null;
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      tmp = createTemporary(parent, target.getFileName().toString());
      if (Files.exists(target)) {
        copyPermissions(target, tmp);
      }
      try (Writer w =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(tmp, StandardOpenOption.WRITE), StandardCharsets.UTF_8))) {
        content.writeTo(w);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw NcerException.io("could not write", file, e);
    }
  }

  /** How many symbolic links {@link #realTarget} follows before it gives up, as Linux does. */
  private static final int MAX_LINKS = 40;

  /**
   * The file that writing {@code file} should change: {@code file} itself, or the final target of
   * the chain of symbolic links it starts, which need not exist yet.
   */
  static Path realTarget(Path file) {
    Path target = file;
    for (int hops = 0; Files.isSymbolicLink(target); hops++) {
      if (hops == MAX_LINKS) {
        throw new NcerException("could not write " + file + ": too many levels of symbolic links");
      }
      try {
        target = target.toAbsolutePath().resolveSibling(Files.readSymbolicLink(target));
      } catch (IOException e) {
        throw NcerException.io("could not write", file, e);
      }
    }
    return target;
  }

  private static void writeDirectly(Path file, Path target, Content content) {
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(target, StandardOpenOption.WRITE), StandardCharsets.UTF_8))) {
      content.writeTo(w);
    } catch (IOException e) {
      throw NcerException.io("could not write", file, e);
    }
  }

  /**
   * Creates an empty file beside {@code name} in {@code folder}, with the permissions a new file
   * gets from the umask ({@code Files.createTempFile} would make it 0600).
   */
  private static Path createTemporary(Path folder, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp =
          folder.resolve(
              "." + name + "." + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + ".part");
      try {
        Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static void copyPermissions(Path from, Path to) throws IOException {
    if (Files.getFileStore(to).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(from);
      Files.setPosixFilePermissions(to, permissions);
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
