package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * The run's journal, {@code journal.jsonl}: one JSON line per completed call, appended as calls
 * complete, its writer and reader side by side.
 *
 * <p>A line: {@code {"dataset", "document", "label", "query", "chunk_start", "request_sha256",
 * "answer", "finish_reason", "truncated", "failure": {"kind", "status", "message"}, "input_tokens",
 * "output_tokens", "latency_ms", "attempts", "retries", "cached"}}; {@code answer} and {@code
 * failure} are null when the other is set.
 *
 * <p>A paid-for answer is forced to the disk before {@link #append} returns, so that nothing paid
 * for is lost when the process dies. A process killed mid-write leaves a last line without its line
 * end: the reader ignores it and the writer cuts it off before appending, so the call is simply
 * asked again.
 */
public final class Journal implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;

  private Journal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens {@code file} for appending, creating it, and cuts off an unfinished last line. */
  public static Journal open(Path file) {
    try {
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      ch.truncate(completeLength(ch));
      ch.position(ch.size());
      return new Journal(file, ch);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the journal " + file, e);
    }
  }

  // The length up to and including the last line end.
  private static long completeLength(FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer one = ByteBuffer.allocate(1);
    for (long pos = size - 1; pos >= 0; pos--) {
      one.clear();
      ch.read(one, pos);
      if (one.get(0) == '\n') {
        return pos + 1;
      }
    }
    return 0;
  }

  /**
   * Appends one entry as one line; with {@code durable}, forces it to the disk before returning,
   * else hands it to the operating system.
   */
  public void append(JournalEntry e, boolean durable) {
    byte[] line = (Json.line(toNode(e)) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        channel.write(b);
      }
      if (durable) {
        channel.force(false);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("could not append to the journal " + file, ex);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the journal " + file, e);
    }
  }

  static ObjectNode toNode(JournalEntry e) {
    ObjectNode n = Json.mapper().createObjectNode();
    CallKey k = e.key();
    n.put("dataset", k.dataset());
    n.put("document", k.document());
    n.put("label", k.label());
    n.put("query", k.query());
    n.put("chunk_start", k.chunkStart());
    n.put("request_sha256", e.requestHash());
    n.put("answer", e.answer());
    n.put("finish_reason", e.finishReason());
    n.put("truncated", e.truncated());
    if (e.failure() == null) {
      n.putNull("failure");
    } else {
      n.putObject("failure")
          .put("kind", e.failure().kind())
          .put("status", e.failure().status())
          .put("message", e.failure().message());
    }
    n.put("input_tokens", e.inputTokens());
    n.put("output_tokens", e.outputTokens());
    n.put("latency_ms", e.latencyMs());
    n.put("attempts", e.attempts());
    n.put("retries", e.retries());
    n.put("cached", e.cached());
    return n;
  }

  /** Whether {@code node} is a journal line (rather than a line of an older answers file). */
  static boolean isEntry(JsonNode node) {
    return node.has("document") && node.has("request_sha256");
  }

  /**
   * The entries of {@code file} in order; an empty list when it does not exist. A last line with no
   * line end is a write cut short and is left out; any other unreadable line is an error that names
   * the file and line.
   */
  public static List<JournalEntry> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // A kill mid-write can leave a partial UTF-8 sequence; read the complete lines only.
      text = readComplete(file);
    }
    int end = text.lastIndexOf('\n') + 1;
    List<JournalEntry> out = new ArrayList<>();
    long number = 0;
    for (String line : text.substring(0, end).split("\n", -1)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.mapper().readTree(line);
      } catch (IOException ex) {
        throw NcerException.at(file, number, "not valid JSON: " + Json.firstLine(ex.getMessage()));
      }
      out.add(fromNode(node, file, number));
    }
    return out;
  }

  private static String readComplete(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      return new String(bytes, 0, end, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the journal " + file, e);
    }
  }

  static JournalEntry fromNode(JsonNode n, Path file, long line) {
    try {
      CallKey key =
          new CallKey(
              required(n, "dataset", file, line),
              required(n, "document", file, line),
              text(n, "label"),
              text(n, "query"),
              n.path("chunk_start").asInt(0));
      JsonNode f = n.path("failure");
      JournalEntry.Failure failure =
          f.isObject()
              ? new JournalEntry.Failure(
                  required(f, "kind", file, line),
                  f.path("status").asInt(0),
                  f.path("message").asText(""))
              : null;
      return new JournalEntry(
          key,
          required(n, "request_sha256", file, line),
          text(n, "answer"),
          failure,
          text(n, "finish_reason"),
          n.path("input_tokens").asLong(-1),
          n.path("output_tokens").asLong(-1),
          n.path("latency_ms").asLong(0),
          n.path("attempts").asInt(0),
          n.path("retries").asInt(0),
          n.path("cached").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw NcerException.at(file, line, e.getMessage());
    }
  }

  private static String required(JsonNode n, String field, Path file, long line) {
    String v = text(n, field);
    if (v == null) {
      throw NcerException.at(file, line, "field '" + field + "' is missing");
    }
    return v;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
