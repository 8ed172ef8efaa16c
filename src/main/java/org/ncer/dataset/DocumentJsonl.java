package org.ncer.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.span.Mention;
import org.ncer.span.Span;

/**
 * Reads and writes documents as JSON Lines in the benchmark's record format, one document per line:
 * {@code {"id", "text", "entities": [{"start", "end", "label", "text"}]}}.
 *
 * <p>Offsets in the files count Unicode code points, as Python does, so files exchange cleanly with
 * the benchmark's own tools; they are converted to and from Java string indices here. An entity's
 * {@code text} is optional on input and, when present, must equal the text at its offsets.
 */
public final class DocumentJsonl {
  private DocumentJsonl() {}

  /**
   * Reads documents. When {@code labels} is not null, an entity with another label is an error. Ids
   * must be unique.
   */
  public static List<Document> read(Path file, Collection<String> labels) {
    UnaryOperator<String> check =
        labels == null
            ? UnaryOperator.identity()
            : label -> {
              if (!labels.contains(label)) {
                throw new IllegalArgumentException("is not one of " + String.join(", ", labels));
              }
              return label;
            };
    return readRelabelled(file, check);
  }

  /**
   * Reads documents, passing each entity's label through {@code relabel}: it returns the label to
   * keep, or throws {@link IllegalArgumentException} whose message (such as {@code is not one of a,
   * b}) is reported after the label, at the file and line. Ids must be unique.
   */
  public static List<Document> readRelabelled(Path file, UnaryOperator<String> relabel) {
    Set<String> ids = new HashSet<>();
    return Json.readLines(
        file,
        (node, line) -> {
          Document d = parse(node, relabel, file, line);
          if (!ids.add(d.id())) {
            throw NcerException.at(file, line, "document id '" + d.id() + "' appears twice");
          }
          return d;
        });
  }

  /** Parses one record; errors name {@code file} and {@code line}. */
  private static Document parse(
      JsonNode node, UnaryOperator<String> labels, Object file, long line) {
    if (!node.isObject()) {
      throw NcerException.at(file, line, "expected a JSON object, found " + node.getNodeType());
    }
    String id = requiredText(node, "id", file, line);
    String text = requiredText(node, "text", file, line);
    CodePoints codePoints = new CodePoints(text);
    JsonNode entities = node.path("entities");
    List<Mention> mentions = new ArrayList<>();
    if (!entities.isMissingNode() && !entities.isNull()) {
      if (!entities.isArray()) {
        throw NcerException.at(file, line, "field 'entities' must be an array");
      }
      int i = 0;
      for (JsonNode e : entities) {
        mentions.add(parseEntity(e, codePoints, labels, file, line, i++));
      }
    }
    return new Document(id, text, mentions);
  }

  private static Mention parseEntity(
      JsonNode e,
      CodePoints codePoints,
      UnaryOperator<String> labels,
      Object file,
      long line,
      int index) {
    String text = codePoints.text;
    String where = "entities[" + index + "]";
    if (!e.isObject()) {
      throw NcerException.at(file, line, where + " must be an object");
    }
    int start = requiredInt(e, "start", where, file, line);
    int end = requiredInt(e, "end", where, file, line);
    JsonNode labelNode = e.get("label");
    if (labelNode == null || !labelNode.isTextual() || labelNode.asText().isBlank()) {
      throw NcerException.at(file, line, where + ".label is missing or not a string");
    }
    String label;
    try {
      label = labels.apply(labelNode.asText());
    } catch (IllegalArgumentException refused) {
      throw NcerException.at(
          file, line, where + ".label '" + labelNode.asText() + "' " + refused.getMessage());
    }
    if (start < 0 || end < start || end > codePoints.count) {
      throw NcerException.at(
          file,
          line,
          where
              + ": span "
              + start
              + ".."
              + end
              + " is outside the text, which has "
              + codePoints.count
              + " characters");
    }
    Span span = new Span(codePoints.index(start), codePoints.index(end));
    JsonNode covered = e.get("text");
    if (covered != null && !covered.isNull()) {
      String actual = span.of(text);
      if (!covered.isTextual() || !covered.asText().equals(actual)) {
        throw NcerException.at(
            file,
            line,
            where
                + ".text "
                + covered
                + " differs from the text at "
                + start
                + ".."
                + end
                + ": "
                + Json.mapper().valueToTree(actual));
      }
    }
    return new Mention(span, label);
  }

  private static String requiredText(JsonNode node, String field, Object file, long line) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw NcerException.at(file, line, "field '" + field + "' is missing");
    }
    if (!v.isTextual() && !v.isNumber()) {
      throw NcerException.at(file, line, "field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static int requiredInt(JsonNode e, String field, String where, Object file, long line) {
    JsonNode v = e.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw NcerException.at(file, line, where + "." + field + " is missing or not an integer");
    }
    return v.intValue();
  }

  /** The record of {@code doc}: id, text and entities with code point offsets and covered text. */
  public static ObjectNode toNode(Document doc) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("id", doc.id());
    node.put("text", doc.text());
    ArrayNode entities = node.putArray("entities");
    CodePoints codePoints = new CodePoints(doc.text());
    for (Mention m : doc.mentions()) {
      entities.add(
          entityNode(codePoints.offset(m.start()), codePoints.offset(m.end()), doc.text(), m));
    }
    return node;
  }

  private static ObjectNode entityNode(int start, int end, String text, Mention m) {
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("start", start);
    e.put("end", end);
    e.put("label", m.label());
    e.put("text", m.span().of(text));
    return e;
  }

  /**
   * The code point offsets of one text and its string indices, converted both ways. The text is
   * counted once; a text without a surrogate pair, where the two agree, needs no conversion.
   */
  private static final class CodePoints {
    final String text;
    final int count;
    private final boolean sameAsIndices;

    CodePoints(String text) {
      this.text = text;
      this.count = text.codePointCount(0, text.length());
      this.sameAsIndices = count == text.length();
    }

    /** The string index of code point offset {@code offset}, at most {@link #count}. */
    int index(int offset) {
      return sameAsIndices ? offset : text.offsetByCodePoints(0, offset);
    }

    /** The code point offset of string index {@code index}, at most the text's length. */
    int offset(int index) {
      return sameAsIndices ? index : text.codePointCount(0, index);
    }
  }

  /** Writes one record per line through {@link Json#writeLines}. */
  public static void write(Path file, List<Document> docs) {
    Json.writeLines(file, docs.stream().map(DocumentJsonl::toNode).toList());
  }

  /** The record of {@code doc} as one line of compact JSON, without the line end. */
  public static String line(Document doc) {
    return Json.line(toNode(doc));
  }
}
