package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;

class RunCommandTest {
  @TempDir Path tmp;

  private static JsonNode read(Path file) throws IOException {
    return Json.mapper().readTree(Files.readString(file));
  }

  @Test
  void runWritesPredictionsMetricsManifestAndLeaderboardResults() throws IOException {
    // given
    Path run = tmp.resolve("run");

    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            "ncbi",
            "--dataset",
            "bc5cdr",
            "--out",
            run.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(100, Files.readAllLines(run.resolve("predictions/ncbi.jsonl")).size());
    assertEquals(500, Files.readAllLines(run.resolve("predictions/bc5cdr.jsonl")).size());
    JsonNode manifest = read(run.resolve("manifest.json"));
    assertEquals("baseline:dictionary", manifest.path("model").asText());
    assertTrue(manifest.path("ncer").path("version").isTextual());
    assertTrue(manifest.path("ncer").path("commit").isTextual());
    assertTrue(manifest.path("seconds").isNumber());
    assertEquals(
        960, manifest.path("datasets").path("ncbi").path("entities").path("condition").asInt());
    assertEquals(64, manifest.path("datasets").path("ncbi").path("gold_sha256").asText().length());

    JsonNode ncbi = read(run.resolve("metrics/ncbi.json"));
    JsonNode bc5 = read(run.resolve("metrics/bc5cdr.json"));
    JsonNode results = read(run.resolve("results.json"));
    JsonNode partial = results.path("SpanBasedWithPartialOverlap");
    assertEquals(
        round2(ncbi.path("span").path("ent_type").path("f1").doubleValue() * 100),
        partial.path("dataset_results").path("ncbi").path("f1").doubleValue());
    double conditionMean =
        (ncbi.path("span")
                    .path("by_label")
                    .path("condition")
                    .path("ent_type")
                    .path("f1")
                    .doubleValue()
                + bc5.path("span")
                    .path("by_label")
                    .path("condition")
                    .path("ent_type")
                    .path("f1")
                    .doubleValue())
            / 2;
    assertEquals(
        round2(conditionMean * 100),
        partial.path("clinical_type_results").path("condition").path("f1").doubleValue());
    assertEquals(
        round2(bc5.path("token").path("by_label").path("drug").path("f1").doubleValue() * 100),
        results
            .path("TokenBasedWithMacroAverage")
            .path("clinical_type_results")
            .path("drug")
            .path("f1")
            .doubleValue());
    // the baseline finds something: it is a floor, not zero
    assertTrue(partial.path("dataset_results").path("ncbi").path("f1").doubleValue() > 10);
    assertTrue(r.out().contains("span partial (ent_type)"), r.out());
    assertTrue(r.err().contains("ncbi/test: 100 documents, 960 mentions"), r.err());
  }

  @Test
  void chiaRunsCarryTheNoteThatTheirSplitIsNotTheLeaderboards() throws IOException {
    // given
    Path run = tmp.resolve("chia");

    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            "chia",
            "--out",
            run.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertFalse(
        read(run.resolve("manifest.json"))
            .path("datasets")
            .path("chia")
            .path("leaderboard_comparable")
            .asBoolean());
    assertTrue(r.out().contains("Note: CHIA uses ncer's own split"), r.out());
  }

  @Test
  void correctedMatchingIsNotedAsNotTheLeaderboards() throws IOException {
    // given
    Path run = tmp.resolve("corrected");

    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            "ncbi",
            "--matching",
            "corrected",
            "--out",
            run.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "corrected", read(run.resolve("manifest.json")).path("settings").path("matching").asText());
    assertTrue(r.out().contains("Note: Span metrics use corrected matching"), r.out());
  }

  @Test
  void anUnknownModelIsAUsageError() {
    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--model",
            "gpt-9",
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("ncer: unknown model 'gpt-9'; available: baseline:dictionary"), r.err());
  }

  @Test
  void retryFailedWithoutResumeIsRefused() {
    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--model",
            "openai:gpt-4o",
            "--retry-failed",
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--retry-failed"), r.err());
    assertTrue(r.err().contains("--resume"), r.err());
    assertFalse(Files.exists(tmp.resolve("x")), "nothing is written");
  }

  @Test
  void aMissingDataFolderNamesWhereItLookedAndHowToGetTheData() {
    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            tmp.resolve("nothing").toString(),
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().contains(tmp.resolve("nothing").toString()), r.err());
    assertTrue(r.err().contains("NCER_DATA_DIR"), r.err());
    assertTrue(r.err().contains("ncer datasets pull"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void aFolderThatAlreadyHoldsARunIsNotOverwritten() throws IOException {
    // given
    Path run = tmp.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve("manifest.json"), "{}");

    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            "ncbi",
            "--out",
            run.toString());

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().contains("already holds a run"), r.err());
    assertEquals("{}", Files.readString(run.resolve("manifest.json")));
  }

  @Test
  void theDictionaryBaselineNeedsABuiltInDatasetWithATrainingSplit() throws IOException {
    // given
    Path file = tmp.resolve("mine.jsonl");
    Files.write(
        file,
        List.of(
            "{\"id\": \"1\", \"text\": \"fever\", \"entities\": [{\"start\": 0, \"end\": 5, \"label\": \"condition\"}]}"));

    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            file.toString(),
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().contains("learns from a training split"), r.err());
  }

  @Test
  void replayGroundsRecordedAnswersCountsWhatWasNotFoundAndReplaysItsOwnRunFolder()
      throws IOException {
    // given: two notes, answers recorded for one; the other call failed
    Path notes = tmp.resolve("notes.jsonl");
    Files.write(
        notes,
        List.of(
            "{\"id\": \"a\", \"text\": \"Fever after aspirin.\", \"entities\": [{\"start\": 0,"
                + " \"end\": 5, \"label\": \"condition\"}, {\"start\": 12, \"end\": 19, \"label\":"
                + " \"drug\"}]}",
            "{\"id\": \"b\", \"text\": \"No cough.\", \"entities\": [{\"start\": 3, \"end\": 8,"
                + " \"label\": \"condition\"}]}"));
    Path recorded = tmp.resolve("recorded");
    Files.createDirectories(recorded.resolve("answers"));
    Files.write(
        recorded.resolve("answers/notes.jsonl"),
        List.of(
            "{\"id\": \"a\", \"response\": \"```json\\n{\\\"condition\\\": [\\\"fever\\\","
                + " \\\"migraine\\\"], \\\"drug\\\": [\\\"aspirin\\\"]}\\n```\"}",
            "{\"id\": \"b\", \"error\": \"HTTP 503\"}"));
    Path run1 = tmp.resolve("run1");

    // when
    Result r =
        ncer(
            "run",
            "--model",
            "replay:" + recorded,
            "--dataset",
            notes.toString(),
            "--labels",
            "condition,drug",
            "--out",
            run1.toString());

    // then
    assertEquals(0, r.code(), r.err());
    List<String> predictions = Files.readAllLines(run1.resolve("predictions/notes.jsonl"));
    JsonNode a = Json.mapper().readTree(predictions.get(0));
    assertEquals("case", a.path("entities").path(0).path("match").asText()); // "fever" for "Fever"
    assertEquals("exact", a.path("entities").path(1).path("match").asText());
    assertEquals("migraine", a.path("unaligned").path(0).path("text").asText());
    assertEquals("not-found", a.path("unaligned").path(0).path("reason").asText());
    assertEquals("ok", a.path("parse").asText()); // a fenced JSON object is a normal answer
    assertEquals("failed", Json.mapper().readTree(predictions.get(1)).path("parse").asText());
    JsonNode grounding = read(run1.resolve("grounding/notes.json"));
    assertEquals(1, grounding.path("answers").path("failed").asInt());
    assertEquals(1, grounding.path("strings").path("not-found").asInt());
    assertEquals(1, grounding.path("not_found_by_label").path("condition").asInt());
    JsonNode manifest = read(run1.resolve("manifest.json"));
    assertEquals(1, manifest.path("not_found_by_label").path("condition").asInt());
    assertEquals("json-all-labels", manifest.path("settings").path("prompt").asText());
    JsonNode metrics = read(run1.resolve("metrics/notes.json"));
    assertEquals(2, metrics.path("span").path("ent_type").path("correct").asInt());
    assertEquals(1, metrics.path("span").path("ent_type").path("missed").asInt());
    assertTrue(
        r.out().contains("Strings not found in their note (hallucinated): condition 1"), r.out());
    assertEquals(2, Files.readAllLines(run1.resolve("journal.jsonl")).size());

    // and when the run folder itself is replayed, the same predictions come out
    Path run2 = tmp.resolve("run2");
    Result again =
        ncer(
            "run",
            "--model",
            "replay:" + run1,
            "--dataset",
            notes.toString(),
            "--labels",
            "condition,drug",
            "--out",
            run2.toString());
    assertEquals(0, again.code(), again.err());
    assertEquals(predictions, Files.readAllLines(run2.resolve("predictions/notes.jsonl")));
  }

  @Test
  void aBenchmarkJinjaTemplateRunsPerLabelWithListAnswers() throws IOException, URISyntaxException {
    // given: one note scored on condition; the benchmark asks for it with two query words
    Path notes = tmp.resolve("notes.jsonl");
    Files.writeString(
        notes,
        """
        {"id": "a", "text": "Fever and cough.", "entities": [{"start": 0, "end": 5, "label": "condition"}, {"start": 10, "end": 15, "label": "condition"}]}
        """);
    Path answers = tmp.resolve("answers.jsonl");
    Files.writeString(
        answers,
        """
        {"id": "a", "label": "condition", "query": "disease", "response": "['fever']"}
        {"id": "a", "label": "condition", "query": "medical condition", "response": "['cough', 'gout']"}
        """);
    String template =
        Path.of(getClass().getResource("/prompt/flags-per-label.jinja").toURI()).toString();

    // when
    Result r =
        ncer(
            "run",
            "--model",
            "replay:" + answers,
            "--dataset",
            notes.toString(),
            "--prompt",
            template,
            "--mode",
            "per-label",
            "--output",
            "list",
            "--out",
            tmp.resolve("run").toString());

    // then
    assertEquals(0, r.code(), r.err());
    JsonNode metrics = read(tmp.resolve("run/metrics/notes.json"));
    assertEquals(2, metrics.path("span").path("strict").path("correct").asInt());
    assertEquals(0, metrics.path("span").path("strict").path("spurious").asInt());
    JsonNode manifest = read(tmp.resolve("run/manifest.json"));
    assertEquals("per-label", manifest.path("settings").path("mode").asText());
    assertEquals("list", manifest.path("settings").path("output").asText());
    assertEquals(1, manifest.path("not_found_by_label").path("condition").asInt());
  }

  @Test
  void outputOverridesHowAnswersAreParsed() throws IOException {
    // given: a JSON object answer, read as a list when --output list overrides the prompt's json
    Path notes = tmp.resolve("notes.jsonl");
    Files.writeString(
        notes,
        """
        {"id": "a", "text": "Fever.", "entities": [{"start": 0, "end": 5, "label": "condition"}]}
        """);
    Path answers = tmp.resolve("answers.jsonl");
    Files.writeString(
        answers, "{\"id\": \"a\", \"response\": \"{\\\"condition\\\": [\\\"Fever\\\"]}\"}\n");

    // when
    Result asJson =
        ncer(
            "run",
            "--model",
            "replay:" + answers,
            "--dataset",
            notes.toString(),
            "--out",
            tmp.resolve("json").toString());
    Result asList =
        ncer(
            "run",
            "--model",
            "replay:" + answers,
            "--dataset",
            notes.toString(),
            "--output",
            "list",
            "--out",
            tmp.resolve("list").toString());

    // then
    assertEquals(0, asJson.code(), asJson.err());
    assertEquals(0, asList.code(), asList.err());
    assertEquals("ok", firstPrediction(tmp.resolve("json")).path("parse").asText());
    assertEquals("repaired", firstPrediction(tmp.resolve("list")).path("parse").asText());
    assertEquals(
        "list", read(tmp.resolve("list/manifest.json")).path("settings").path("output").asText());
    assertEquals(
        "json", read(tmp.resolve("json/manifest.json")).path("settings").path("output").asText());
  }

  private static JsonNode firstPrediction(Path run) throws IOException {
    return Json.mapper()
        .readTree(Files.readAllLines(run.resolve("predictions/notes.jsonl")).get(0));
  }

  @Test
  void replayWithoutRecordedAnswersForADatasetNamesTheMissingFile() {
    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--model",
            "replay:" + tmp,
            "--dataset",
            "ncbi",
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().contains("holds neither journal.jsonl nor answers/ncbi.jsonl"), r.err());
  }

  @Test
  void optionsThatDoNotApplyToTheBaselineAreRefused() {
    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            "ncbi",
            "--temperature",
            "0.7",
            "--prompt",
            "list-per-label",
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains("--prompt, --temperature do not apply to baseline:dictionary"), r.err());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  private Path replayFixture() throws IOException {
    Path notes = tmp.resolve("notes.jsonl");
    Files.writeString(
        notes,
        """
        {"id": "a", "text": "Fever.", "entities": [{"start": 0, "end": 5, "label": "condition"}]}
        {"id": "b", "text": "No cough.", "entities": [{"start": 3, "end": 8, "label": "condition"}]}
        """);
    Path answers = tmp.resolve("answers.jsonl");
    Files.writeString(
        answers,
        "{\"id\": \"a\", \"response\": \"{\\\"condition\\\": [\\\"Fever\\\"]}\"}\n"
            + "{\"id\": \"b\", \"response\": \"{\\\"condition\\\": [\\\"cough\\\"]}\"}\n");
    return notes;
  }

  @Test
  void aDryRunPrintsTheCallsAndWritesNothing() throws IOException {
    // given
    Path notes = replayFixture();

    // when
    Result r =
        ncer(
            "run",
            "--model",
            "replay:" + tmp.resolve("answers.jsonl"),
            "--dataset",
            notes.toString(),
            "--dry-run",
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("notes/file: 2 documents, 2 calls"), r.out());
    assertTrue(r.out().contains("Estimated input cost: $0.0000"), r.out());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void rescoreRegroundsARunFromItsJournal() throws IOException {
    // given
    Path notes = replayFixture();
    Path run = tmp.resolve("run");
    Result first =
        ncer(
            "run",
            "--model",
            "replay:" + tmp.resolve("answers.jsonl"),
            "--dataset",
            notes.toString(),
            "--out",
            run.toString());
    assertEquals(0, first.code(), first.err());
    String metrics = Files.readString(run.resolve("metrics/notes.json"));

    // when
    Result r = ncer("rescore", run.toString(), "--aligner", "compat");

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(metrics, Files.readString(run.resolve("metrics/notes.json")));
    JsonNode manifest = read(run.resolve("manifest.json"));
    assertEquals("compat", manifest.path("rescored").path("aligner").asText());
    assertEquals("smart", manifest.path("rescored").path("previous_aligner").asText());
    assertTrue(r.out().contains("Run folder: " + run), r.out());
  }

  @Test
  void aReplayInWhichNoCallMatchesExitsOne() throws IOException {
    // given: answers recorded for other documents
    Path notes = replayFixture();
    Path answers = tmp.resolve("other.jsonl");
    Files.writeString(answers, "{\"id\": \"zzz\", \"response\": \"[]\"}\n");

    // when
    Result r =
        ncer(
            "run",
            "--model",
            "replay:" + answers,
            "--dataset",
            notes.toString(),
            "--out",
            tmp.resolve("x").toString());

    // then
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("ncer: run failed: no answer recorded"), r.err());
  }

  @Test
  void aSubsetOfADevSplitSaysItIsNotComparable() throws IOException {
    // when
    Result r =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            "ncbi",
            "--split",
            "dev",
            "--limit",
            "10",
            "--quiet",
            "--out",
            tmp.resolve("dev").toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertFalse(Files.exists(tmp.resolve("dev/results.json")));
    JsonNode results = read(tmp.resolve("dev/results-dev.json"));
    assertFalse(results.path("leaderboard_comparable").asBoolean(true));
    assertTrue(
        r.out()
            .contains(
                "Not comparable with the leaderboard: this run evaluates a subset of the dev split."),
        r.out());
    assertEquals(10, Files.readAllLines(tmp.resolve("dev/predictions/ncbi.jsonl")).size());
  }

  private static double round2(double x) {
    return new java.math.BigDecimal(x).setScale(2, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }
}
