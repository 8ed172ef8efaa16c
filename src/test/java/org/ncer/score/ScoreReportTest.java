package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.Json;

class ScoreReportTest {

  // "asthma" is one token, half of which is predicted: 3 of 6 characters, a tie that condition wins
  // over O, as every label does.
  private static final String ASPIRIN =
      """
      text: aspirin for asthma
      gold: 0..7 drug; 12..18 condition
      pred: 0..7 drug; 12..15 condition
      """;

  /** The field names of {@code node}, joined with commas. */
  private static String keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return String.join(",", keys);
  }

  @Test
  void jsonHasTheDocumentedShapeWithLabelsInTheOrderScored() {
    // given
    List<ScoredDocument> docs = Fixtures.documents(ASPIRIN);
    // when
    ObjectNode json = Scorer.score(docs, List.of("drug", "condition"), Matching.COMPAT).toJson();
    // then
    assertEquals("span,token", keys(json));
    assertEquals("strict,exact,partial,ent_type,by_label", keys(json.get("span")));
    assertEquals(
        "correct,incorrect,partial,missed,spurious,possible,actual,precision,recall,f1",
        keys(json.get("span").get("strict")));
    assertEquals("drug,condition", keys(json.get("span").get("by_label")));
    assertEquals(
        "strict,exact,partial,ent_type", keys(json.get("span").get("by_label").get("drug")));
    assertEquals("macro,micro,weighted,by_label,tie_order", keys(json.get("token")));
    assertEquals(
        "[\"drug\",\"condition\",\"*\",\"O\"]", Json.line(json.get("token").get("tie_order")));
    assertEquals("precision,recall,f1", keys(json.get("token").get("micro")));
    assertEquals("drug,condition", keys(json.get("token").get("by_label")));
    assertEquals(
        "precision,recall,f1,support", keys(json.get("token").get("by_label").get("condition")));
  }

  @Test
  void jsonCarriesTheNumbers() {
    // given
    List<ScoredDocument> docs = Fixtures.documents(ASPIRIN);
    // when
    JsonNode json = Scorer.score(docs, List.of("drug", "condition"), Matching.COMPAT).toJson();
    // then
    assertEquals(1, json.at("/span/strict/correct").asInt());
    assertEquals(1, json.at("/span/strict/incorrect").asInt());
    assertEquals(1.0, json.at("/span/ent_type/f1").asDouble());
    assertEquals(0.75, json.at("/span/partial/precision").asDouble());
    assertEquals(1, json.at("/token/by_label/condition/support").asInt());
    assertEquals(1.0, json.at("/token/micro/f1").asDouble());
  }
}
