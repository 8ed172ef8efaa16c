package org.ncer.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import org.ncer.Json;

/** Span and token scores of one set of predictions against the gold standard. */
public record ScoreReport(SpanScores span, TokenScores token) {

  public ScoreReport {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(token, "token");
  }

  /**
   * The report as JSON, labels in the order scored:
   *
   * <pre>
   * {"span":  {"strict": C, "exact": C, "partial": C, "ent_type": C,
   *            "by_label": {"&lt;label&gt;": {"strict": C, "exact": C, "partial": C, "ent_type": C}}},
   *  "token": {"macro": M, "micro": M, "weighted": M,
   *            "by_label": {"&lt;label&gt;": {"precision", "recall", "f1", "support"}}}}
   * </pre>
   *
   * where C holds correct, incorrect, partial, missed, spurious, possible, actual, precision,
   * recall and f1, M holds precision, recall and f1, and {@code tie_order} is {@link
   * TokenScores#tieOrder}: how a token's label tie was broken, winner first.
   */
  public ObjectNode toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    ObjectNode spanNode = root.putObject("span");
    putSchemas(spanNode, span.overall());
    ObjectNode spanLabels = spanNode.putObject("by_label");
    span.byLabel().forEach((label, scores) -> putSchemas(spanLabels.putObject(label), scores));

    ObjectNode tokenNode = root.putObject("token");
    putPrf(tokenNode.putObject("macro"), token.macro());
    putPrf(tokenNode.putObject("micro"), token.micro());
    putPrf(tokenNode.putObject("weighted"), token.weighted());
    ObjectNode tokenLabels = tokenNode.putObject("by_label");
    token
        .byLabel()
        .forEach(
            (label, s) -> {
              ObjectNode n = tokenLabels.putObject(label);
              n.put("precision", s.precision());
              n.put("recall", s.recall());
              n.put("f1", s.f1());
              n.put("support", s.support());
            });
    ArrayNode ties = tokenNode.putArray("tie_order");
    token.tieOrder().forEach(ties::add);
    return root;
  }

  private static void putSchemas(ObjectNode node, Map<Schema, SchemaScore> scores) {
    for (Schema schema : Schema.values()) {
      SchemaScore s = scores.get(schema);
      ObjectNode n = node.putObject(schema.key());
      n.put("correct", s.correct());
      n.put("incorrect", s.incorrect());
      n.put("partial", s.partial());
      n.put("missed", s.missed());
      n.put("spurious", s.spurious());
      n.put("possible", s.possible());
      n.put("actual", s.actual());
      n.put("precision", s.precision());
      n.put("recall", s.recall());
      n.put("f1", s.f1());
    }
  }

  private static void putPrf(ObjectNode node, Prf prf) {
    node.put("precision", prf.precision());
    node.put("recall", prf.recall());
    node.put("f1", prf.f1());
  }
}
