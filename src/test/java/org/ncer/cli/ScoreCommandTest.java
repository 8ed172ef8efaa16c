package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.cli.Cli.Result;

class ScoreCommandTest {
  private static final String GOLD =
      """
      {"id": "d1", "text": "Aspirin-induced asthma and chest pain.", "entities": [{"start": 0, "end": 7, "label": "drug"}, {"start": 16, "end": 22, "label": "condition"}, {"start": 27, "end": 37, "label": "condition"}]}
      {"id": "d2", "text": "No fever.", "entities": [{"start": 3, "end": 8, "label": "condition", "text": "fever"}]}
      """;

  // d2 has no prediction: its gold mention is missed. The "procedure" mention (a benchmark label
  // that condition,drug does not score) is not scored, but in the token metrics it relabels "chest
  // pain", which then counts as no condition token.
  private static final String PRED =
      """
      {"id": "d1", "text": "Aspirin-induced asthma and chest pain.", "entities": [{"start": 0, "end": 22, "label": "condition"}, {"start": 0, "end": 7, "label": "drug"}, {"start": 0, "end": 7, "label": "drug"}, {"start": 27, "end": 32, "label": "condition"}, {"start": 33, "end": 37, "label": "condition"}, {"start": 27, "end": 37, "label": "procedure"}]}
      """;

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** Runs {@code ncer score --gold GOLD --pred PRED} with {@code more} options. */
  private Result score(String gold, String pred, String... more) throws IOException {
    Path g = write("gold.jsonl", gold);
    Path p = write("pred.jsonl", pred);
    List<String> args =
        new ArrayList<>(List.of("score", "--gold", g.toString(), "--pred", p.toString()));
    args.addAll(List.of(more));
    return ncer(args.toArray(String[]::new));
  }

  @Test
  void printsTheBenchmarkNumbersAsJson() throws IOException {
    // given: the gold and predicted files above
    // when
    Result r = score(GOLD, PRED, "--labels", "condition,drug", "--json");
    // then
    assertEquals(0, r.code(), r.err());
    JsonNode json = Json.mapper().readTree(r.out());
    assertEquals(2, json.at("/span/strict/correct").asInt());
    assertEquals(2, json.at("/span/strict/missed").asInt());
    assertEquals(6, json.at("/span/strict/possible").asInt());
    assertEquals(0.6, json.at("/span/ent_type/precision").asDouble(), 1e-12);
    assertEquals(0.5, json.at("/span/ent_type/recall").asDouble(), 1e-12);
    assertEquals(4, json.at("/token/by_label/condition/support").asInt());
    // condition tokens: gold asthma, chest, pain, fever; predicted Aspirin-induced (8 of its 15
    // characters are condition), asthma: P 1/2, R 1/4, F1 1/3; drug: no token either side, F1 0
    assertEquals(1.0 / 6, json.at("/token/macro/f1").asDouble(), 1e-12);
    assertEquals(
        "note: predicted mentions with labels that are not scored (procedure 1) are left out of the"
            + " span metrics and label no counted token",
        r.err().strip());
  }

  @Test
  void correctedMatchingCountsDuplicatesOnce() throws IOException {
    // given: the gold and predicted files above, scored on bc5cdr's labels (condition, drug)
    // when
    Result r = score(GOLD, PRED, "--dataset", "bc5cdr", "--matching", "corrected", "--json");
    // then
    assertEquals(0, r.code(), r.err());
    JsonNode json = Json.mapper().readTree(r.out());
    assertEquals(1, json.at("/span/strict/correct").asInt());
    assertEquals(4, json.at("/span/strict/possible").asInt());
    assertEquals(4, json.at("/span/strict/actual").asInt());
  }

  @Test
  void printsReadableTables() throws IOException {
    // given: the gold and predicted files above
    // when
    Result r = score(GOLD, PRED, "--labels", "condition,drug");
    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().startsWith("Span metrics over 2 documents (nervaluate schemas, compat matching)"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "all           ent_type        3         1        0       2        1        6"
                    + "       5    0.6000  0.5000  0.5455"),
        r.out());
    assertTrue(r.out().contains("macro avg        0.2500  0.1250  0.1667"), r.out());
  }

  @Test
  void spacesAroundListedLabelsAreIgnored() throws IOException {
    // given: the gold file as its own predictions
    // when
    Result r = score(GOLD, GOLD, "--labels", "drug, condition", "--json");
    // then
    assertEquals(0, r.code(), r.err());
    JsonNode json = Json.mapper().readTree(r.out());
    assertEquals(4, json.at("/span/strict/correct").asInt());
    assertEquals("drug", json.at("/span/by_label").fieldNames().next());
  }

  @Test
  void predictedIdMissingFromTheGoldFileIsAnError() throws IOException {
    // given
    String pred = "{\"id\": \"d9\", \"text\": \"x\", \"entities\": []}\n";
    // when
    Result r = score(GOLD, pred, "--labels", "drug");
    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: "
            + dir.resolve("pred.jsonl")
            + ": document id 'd9' is not in "
            + dir.resolve("gold.jsonl"),
        r.err().strip());
  }

  @Test
  void predictionOfAnotherTextIsAnError() throws IOException {
    // given
    String pred = "{\"id\": \"d2\", \"text\": \"No fever!\", \"entities\": []}\n";
    // when
    Result r = score(GOLD, pred, "--labels", "drug");
    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: "
            + dir.resolve("pred.jsonl")
            + ": document 'd2' has another text than in "
            + dir.resolve("gold.jsonl"),
        r.err().strip());
  }

  @Test
  void labelsAndDatasetAreExclusiveAndOneIsRequired() throws IOException {
    // given: the gold file as its own predictions
    // when
    Result both = score(GOLD, GOLD, "--labels", "drug", "--dataset", "ncbi");
    Result neither = score(GOLD, GOLD);
    // then
    assertEquals(2, both.code());
    assertTrue(both.err().contains("mutually exclusive"), both.err());
    assertEquals(2, neither.code());
    assertTrue(neither.err().contains("Missing required argument"), neither.err());
  }

  @Test
  void badLabelsUnknownDatasetAndUnknownMatchingAreUsageErrors() throws IOException {
    // given: the gold file as its own predictions
    // when
    Result repeated = score(GOLD, GOLD, "--labels", "drug,drug");
    Result matching = score(GOLD, GOLD, "--labels", "drug", "--matching", "lenient");
    Result dataset = score(GOLD, GOLD, "--dataset", "mimic");
    // then
    assertEquals(2, repeated.code());
    assertEquals("ncer: --labels: label 'drug' is listed twice", repeated.err().strip());
    assertEquals(2, matching.code());
    assertTrue(
        matching.err().contains("unknown matching 'lenient'; expected one of compat, corrected"),
        matching.err());
    assertEquals(2, dataset.code());
    assertTrue(dataset.err().contains("unknown dataset 'mimic'"), dataset.err());
  }

  @Test
  void missingFileIsAnError() {
    // given
    String missing = dir.resolve("none.jsonl").toString();
    // when
    Result r = ncer("score", "--gold", missing, "--pred", missing, "--labels", "drug");
    // then
    assertEquals(2, r.code());
    assertTrue(r.err().contains("none.jsonl: no such file"), r.err());
  }

  @Test
  void predictedLabelsAreResolvedAsGroundResolvesThem() throws IOException {
    // given: the gold's mentions predicted under other spellings: case and separators, a native
    // BC5CDR type (Chemical) and an --alias
    String pred =
        """
        {"id": "d1", "text": "Aspirin-induced asthma and chest pain.", "entities": [{"start": 0, "end": 7, "label": "Chemical"}, {"start": 16, "end": 22, "label": "CONDITION"}, {"start": 27, "end": 37, "label": "sign"}]}
        {"id": "d2", "text": "No fever.", "entities": [{"start": 3, "end": 8, "label": " Condition "}]}
        """;

    // when
    Result r = score(GOLD, pred, "--dataset", "bc5cdr", "--alias", "sign=condition", "--json");

    // then: all four are correct, none ignored
    assertEquals(0, r.code(), r.err());
    JsonNode json = Json.mapper().readTree(r.out());
    assertEquals(4, json.at("/span/strict/correct").asInt());
    assertEquals(0, json.at("/span/strict/spurious").asInt());
    assertEquals("", r.err());
  }

  @Test
  void unknownPredictedLabelIsRefusedWithTheScoredLabels() throws IOException {
    // given: "symptom" is neither a scored label, another benchmark label nor an alias
    String pred =
        """
        {"id": "d2", "text": "No fever.", "entities": [{"start": 3, "end": 8, "label": "symptom"}]}
        """;

    // when
    Result r = score(GOLD, pred, "--labels", "condition,drug");

    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: "
            + dir.resolve("pred.jsonl")
            + " line 1: entities[0].label 'symptom' is not a scored label (condition, drug),"
            + " another of the benchmark's labels or an alias; map it with --alias NAME=LABEL",
        r.err().strip());
  }

  @Test
  void labelNoGoldMentionUsesIsAnErrorListingTheGoldLabels() throws IOException {
    // given: a misspelt label, and a dataset whose labels the gold does not use
    // when
    Result misspelt = score(GOLD, GOLD, "--labels", "condition,drugs");
    Result dataset = score(GOLD, GOLD, "--dataset", "biored");

    // then
    assertEquals(2, misspelt.code());
    assertEquals(
        "ncer: --labels 'drugs', which no gold mention in "
            + dir.resolve("gold.jsonl")
            + " has; the gold's labels are: condition (3), drug (1)",
        misspelt.err().strip());
    assertEquals(2, dataset.code());
    assertEquals(
        "ncer: dataset 'biored' scores 'gene', 'gene variant', which no gold mentions in "
            + dir.resolve("gold.jsonl")
            + " has; the gold's labels are: condition (3), drug (1)",
        dataset.err().strip());
  }

  @Test
  void emptyGoldFileIsAnError() throws IOException {
    // given / when
    Result empty = score("", GOLD, "--labels", "drug");
    Result noMentions =
        score(
            "{\"id\": \"d2\", \"text\": \"No fever.\", \"entities\": []}\n",
            "",
            "--labels",
            "condition");

    // then
    assertEquals(2, empty.code());
    assertEquals(
        "ncer: "
            + dir.resolve("gold.jsonl")
            + ": no document in the gold file; there is nothing to score",
        empty.err().strip());
    assertEquals(2, noMentions.code());
    assertTrue(
        noMentions.err().contains("the gold's labels are: none (no mention at all)"),
        noMentions.err());
  }
}
