package org.ncer.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.ncer.Json;

/**
 * A few-shot example: a short text and the mention strings of each label in it.
 *
 * @param text the example text
 * @param entities mention strings per label, in the dataset's label order; every label of the
 *     dataset has an entry, possibly empty
 */
public record Example(String text, Map<String, List<String>> entities) {

  public Example {
    Objects.requireNonNull(text, "text");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    entities.forEach((label, strings) -> copy.put(label, List.copyOf(strings)));
    entities = Collections.unmodifiableMap(copy);
  }

  /**
   * The answer the JSON prompts ask for: {@code {"condition": ["fever"], "drug": []}}, labels in
   * order, on one line.
   */
  public String answer() {
    StringJoiner out = new StringJoiner(", ", "{", "}");
    entities.forEach(
        (label, strings) -> {
          StringJoiner list = new StringJoiner(", ", "[", "]");
          strings.forEach(s -> list.add(quote(s)));
          out.add(quote(label) + ": " + list);
        });
    return out.toString();
  }

  /** The value templates see: {@code text}, {@code entities} and {@code answer}. */
  Map<String, Object> templateValue() {
    return Map.of("text", text, "entities", entities, "answer", answer());
  }

  private static String quote(String s) {
    try {
      return Json.mapper().writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
