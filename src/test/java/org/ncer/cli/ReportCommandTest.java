package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;

class ReportCommandTest {
  @TempDir Path tmp;

  private static JsonNode read(Path p) throws IOException {
    return Json.mapper().readTree(Files.readString(p, StandardCharsets.UTF_8));
  }

  @Test
  void reportHoldsTheRunsNumbersErrorKindsAndEscapesNoteText() throws IOException {
    // given
    ReportFixture f = ReportFixture.create(tmp);

    // when
    Result r = f.report(tmp.resolve("out"));

    // then
    assertEquals(0, r.code(), r.err());
    JsonNode board = read(tmp.resolve("out/leaderboard.json"));
    JsonNode runA = board.path("runs").path(0);
    JsonNode results = read(f.runA.resolve("results.json"));
    assertEquals(
        results
            .path("SpanBasedWithPartialOverlap")
            .path("dataset_results")
            .path("notes")
            .path("f1")
            .asDouble(),
        runA.path("by_dataset").path("notes").path("ent_type").asDouble());
    assertEquals(
        results
            .path("TokenBasedWithMacroAverage")
            .path("clinical_type_results")
            .path("drug")
            .path("f1")
            .asDouble(),
        runA.path("token").path("by_label").path("drug").asDouble());
    // A user dataset is not a leaderboard dataset: the run is marked, not mixed in silently.
    assertFalse(runA.path("comparable").asBoolean());
    assertTrue(runA.path("caveats").toString().contains("user dataset"));
    // Run B: "aspirin" right, "Fever" as drug (wrong label), "pain" inside "Chest pain"
    // (boundary), "cough" as drug (wrong label), "Took" spurious; "headache", "ibuprofen" missed.
    JsonNode kinds =
        board.path("runs").path(1).path("analysis").path("notes").path("error_counts").path("all");
    assertEquals(1, kinds.path("correct").asInt());
    assertEquals(2, kinds.path("wrong_label").asInt());
    assertEquals(1, kinds.path("boundary").asInt());
    assertEquals(1, kinds.path("spurious").asInt());
    assertEquals(2, kinds.path("missed").asInt());
    JsonNode confusion =
        board.path("runs").path(1).path("analysis").path("notes").path("confusion");
    assertEquals(2, confusion.path("matrix").path(0).path(1).asInt()); // gold condition, said drug
    assertEquals(1, board.path("comparisons").size());
    JsonNode all = board.path("comparisons").path(0).path("datasets").path("notes").path("all");
    assertTrue(all.path("span_ent_type").path("difference").asDouble() > 0);
    String html = Files.readString(tmp.resolve("out/report.html"), StandardCharsets.UTF_8);
    assertFalse(html.contains("<script>window.__pwned"), "note text must not appear as markup");
    assertFalse(html.contains("<img src=x"), "note text must not appear as markup");
    assertFalse(html.contains("\u2028"));
    assertFalse(html.contains("<!-- <img"));
    assertFalse(html.contains("http://") || html.contains("https://"), "nothing is fetched");
    String md = Files.readString(tmp.resolve("out/leaderboard.md"), StandardCharsets.UTF_8);
    assertTrue(md.contains("| Run |"), md);
    assertTrue(md.contains("†"), md);
  }

  @Test
  void compareJsonGivesDifferenceIntervalAndPValuePerDatasetLabelAndMetric() throws IOException {
    // given
    ReportFixture f = ReportFixture.create(tmp);

    // when
    Result r =
        ncer(
            "compare",
            f.runA.toString(),
            f.runB.toString(),
            "--gold",
            "notes=" + f.notes,
            "--json",
            "--seed",
            "7");
    Result again =
        ncer(
            "compare",
            f.runA.toString(),
            f.runB.toString(),
            "--gold",
            "notes=" + f.notes,
            "--json",
            "--seed",
            "7");

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(r.out(), again.out(), "the same seed gives the same result");
    JsonNode c = Json.mapper().readTree(r.out());
    JsonNode drug = c.path("datasets").path("notes").path("by_label").path("drug").path("token");
    for (String field : new String[] {"difference", "ci_low", "ci_high", "p_value"}) {
      assertTrue(drug.path(field).isNumber(), field + " in " + drug);
    }
    assertTrue(drug.path("ci_low").asDouble() <= drug.path("ci_high").asDouble());
    assertEquals(3, c.path("datasets").path("notes").path("documents").path("shared").asInt());
    assertEquals(1000, c.path("resamples").asInt());
  }

  @Test
  void compareSaysWhenRunsWereNotMadeOnTheSameDocuments() throws IOException {
    // given: run B on two of the three notes
    ReportFixture f = ReportFixture.create(tmp);
    Path predictions = f.runB.resolve("predictions/notes.jsonl");
    var lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
    Files.write(predictions, lines.subList(0, 2), StandardCharsets.UTF_8);

    // when
    Result r = ncer("compare", f.runA.toString(), f.runB.toString(), "--gold", "notes=" + f.notes);

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("not run on the same documents"), r.out());
    assertTrue(r.out().contains("2 shared documents (A 3, B 2)"), r.out());
  }

  @Test
  void baselineRunReportNamesTheChiaCaveatAndAnalysesEveryDataset() throws IOException {
    // given
    Path run = tmp.resolve("base");
    Result ran =
        ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--dataset",
            "ncbi",
            "--dataset",
            "chia",
            "--out",
            run.toString());
    assertEquals(0, ran.code(), ran.err());

    // when
    Result r =
        ncer(
            "report",
            run.toString(),
            "--data-dir",
            TestData.dataDir().toString(),
            "--out",
            tmp.resolve("out").toString());

    // then
    assertEquals(0, r.code(), r.err());
    JsonNode board = read(tmp.resolve("out/leaderboard.json"));
    assertTrue(board.path("notes").toString().contains("CHIA"), board.path("notes").toString());
    JsonNode ncbi = board.path("runs").path(0).path("analysis").path("ncbi");
    JsonNode metrics = read(run.resolve("metrics/ncbi.json")).path("span").path("ent_type");
    JsonNode kinds = ncbi.path("error_counts").path("all");
    // ent_type correct = correct + boundary; missed and spurious agree with the scorer.
    assertEquals(
        metrics.path("correct").asInt(),
        kinds.path("correct").asInt() + kinds.path("boundary").asInt());
    assertEquals(metrics.path("missed").asInt(), kinds.path("missed").asInt());
    assertEquals(metrics.path("spurious").asInt(), kinds.path("spurious").asInt());
    assertEquals(2, ncbi.path("by_seen").size());
    assertTrue(ncbi.path("by_seen").path(0).path("gold").asInt() > 0);
    assertTrue(board.path("runs").path(0).path("by_dataset").path("ncbi").path("notes").isEmpty());
  }

  @Test
  void submissionWritesResultsAndARequestWithTheLabelMapPerDataset() throws IOException {
    // given
    Path run = tmp.resolve("base");
    assertEquals(
        0,
        ncer(
                "run",
                "--data-dir",
                TestData.dataDir().toString(),
                "--dataset",
                "ncbi",
                "--out",
                run.toString())
            .code());

    // when
    Result noRevision =
        ncer("report", "--submission", run.toString(), "--out", tmp.resolve("s").toString());
    Result r =
        ncer(
            "report",
            "--submission",
            "--revision",
            "abc123",
            run.toString(),
            "--out",
            tmp.resolve("s").toString());

    // then
    assertEquals(2, noRevision.code());
    assertEquals(0, r.code(), r.err());
    JsonNode request = read(tmp.resolve("s/request.json"));
    assertEquals("baseline:dictionary", request.path("model_name").asText());
    assertEquals("abc123", request.path("revision").asText());
    assertEquals("Decoder", request.path("model_architecture").asText());
    assertEquals("zero-shot", request.path("model_type").asText());
    assertEquals(
        "condition",
        request
            .path("inference_config")
            .path("label_normalization_map")
            .path("NCBI")
            .path("condition")
            .asText());
    assertEquals(read(run.resolve("results.json")), read(tmp.resolve("s/results.json")));
  }

  @Test
  void reportOfAFolderThatIsNoRunFailsWithExitCode2() {
    // when
    Result r = ncer("report", tmp.toString(), "--out", tmp.resolve("out").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().contains("neither a run folder"), r.err());
  }
}
