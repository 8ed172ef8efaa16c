package org.ncer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.ncer.Json;

/**
 * Answers shared across runs, keyed by the hash of the request (model, endpoint, messages,
 * sampling, format): an identical request is answered without a call.
 *
 * <p>Only answers are stored, never failures. Each answer is one file, {@code <dir>/<first two hex
 * digits>/<hash>.json} holding {@code {"answer", "finish_reason", "input_tokens",
 * "output_tokens"}}, written to a temporary file and moved into place, so that a reader never sees
 * half an entry and concurrent runs can share the folder. An unreadable entry is a miss.
 */
public final class ResponseCache {
  private final Path dir;

  private ResponseCache(Path dir) {
    this.dir = dir;
  }

  /** The cache in {@code dir}, created on the first write. */
  public static ResponseCache in(Path dir) {
    return new ResponseCache(dir);
  }

  /**
   * The default folder: {@code $XDG_CACHE_HOME/ncer}, else {@code ~/.cache/ncer}.
   *
   * @param env the environment
   * @param home the user's home folder
   */
  public static Path defaultDir(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg).resolve("ncer");
    }
    return home.resolve(".cache").resolve("ncer");
  }

  public Path dir() {
    return dir;
  }

  /** A cached answer. */
  public record Hit(String answer, String finishReason, Usage usage) {}

  /** The answer stored for {@code hash}, if any. */
  public Optional<Hit> get(String hash) {
    Path file = file(hash);
    try {
      JsonNode n = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      JsonNode answer = n.get("answer");
      if (answer == null || !answer.isTextual()) {
        return Optional.empty();
      }
      JsonNode finish = n.get("finish_reason");
      long in = n.path("input_tokens").asLong(-1);
      long out = n.path("output_tokens").asLong(-1);
      return Optional.of(
          new Hit(
              answer.asText(),
              finish == null || finish.isNull() ? null : finish.asText(),
              new Usage(Math.max(in, -1), Math.max(out, -1))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Stores an answer for {@code hash}, replacing any earlier one. */
  public void put(String hash, String answer, String finishReason, Usage usage) {
    Path file = file(hash);
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("answer", answer);
    n.put("finish_reason", finishReason);
    n.put("input_tokens", usage.inputTokens());
    n.put("output_tokens", usage.outputTokens());
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), hash, ".part");
      Files.writeString(tmp, Json.line(n) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write already failed; that is the error to report.
        }
      }
      throw new UncheckedIOException("could not write the cache entry " + file, e);
    }
  }

  private Path file(String hash) {
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a cache key is a hex SHA-256: " + hash);
    }
    return dir.resolve(hash.substring(0, 2)).resolve(hash + ".json");
  }
}
