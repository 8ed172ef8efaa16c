package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ncer.Json;
import org.ncer.align.Grounded;
import org.ncer.align.GroundedDocument;
import org.ncer.align.GroundingTally;
import org.ncer.align.MatchStatus;
import org.ncer.align.Unaligned;
import org.ncer.dataset.Document;
import org.ncer.dataset.DocumentJsonl;
import org.ncer.extract.ParseStatus;

/** The JSON forms of grounded predictions and of grounding counts. */
public final class PredictionJson {
  private PredictionJson() {}

  /**
   * {@code {"id", "text", "entities": [{"start", "end", "label", "text", "match"}], "unaligned":
   * [{"text", "label", "reason"}], "parse"}} with code point offsets.
   */
  public static ObjectNode node(String id, String text, GroundedDocument d) {
    List<Grounded> grounded = d.mentions();
    ObjectNode node =
        DocumentJsonl.toNode(
            new Document(id, text, grounded.stream().map(Grounded::mention).toList()));
    JsonNode entities = node.get("entities");
    for (int i = 0; i < grounded.size(); i++) {
      ((ObjectNode) entities.get(i)).put("match", grounded.get(i).match().key());
    }
    ArrayNode unaligned = node.putArray("unaligned");
    for (Unaligned u : d.unaligned()) {
      ObjectNode e = unaligned.addObject();
      e.put("text", u.text());
      e.put("label", u.label());
      e.put("reason", u.reason());
    }
    node.put("parse", d.parse().key());
    return node;
  }

  /**
   * The counts of a tally: answers by parse status, strings by match status and by reason not
   * grounded, and strings not found per label.
   */
  public static ObjectNode tally(GroundingTally t) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("documents", t.documents());
    ObjectNode answers = n.putObject("answers");
    answers.put("total", t.answers());
    for (ParseStatus s : ParseStatus.values()) {
      answers.put(s.key(), t.answers(s));
    }
    ObjectNode strings = n.putObject("strings");
    strings.put("total", t.strings());
    for (MatchStatus s : MatchStatus.values()) {
      strings.put(s.key(), t.strings(s));
    }
    for (String reason :
        new String[] {
          Unaligned.EMPTY,
          Unaligned.UNKNOWN_LABEL,
          Unaligned.NO_LABEL,
          Unaligned.UNLABELLED,
          Unaligned.NEAR_MISS
        }) {
      strings.put(reason, t.unaligned(reason));
    }
    ObjectNode byLabel = n.putObject("not_found_by_label");
    for (Map.Entry<String, Integer> e : t.notFoundByLabel().entrySet()) {
      byLabel.put(e.getKey(), e.getValue());
    }
    n.put("mentions", t.mentions());
    return n;
  }
}
