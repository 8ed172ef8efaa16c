package org.ncer.model;

import java.util.Objects;

/** The form a model is asked to answer in. */
public sealed interface ResponseFormat {

  /** Free text (the default). */
  record Text() implements ResponseFormat {}

  /** Any JSON object (OpenAI {@code json_object}, Ollama {@code "format": "json"}). */
  record JsonObject() implements ResponseFormat {}

  /**
   * A JSON object that follows {@code schema} (OpenAI {@code json_schema}, Ollama {@code format}
   * with the schema object).
   *
   * @param name the schema's name, as OpenAI requires one
   * @param schema the JSON schema as JSON text, sent verbatim
   */
  record JsonSchema(String name, String schema) implements ResponseFormat {
    public JsonSchema {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(schema, "schema");
    }
  }

  static ResponseFormat text() {
    return new Text();
  }
}
