package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;
import org.ncer.model.Attempt;
import org.ncer.model.ChatRequest;
import org.ncer.model.Endpoints;
import org.ncer.model.FailureKind;
import org.ncer.model.Limits;
import org.ncer.model.LoopbackTestEndpoint;
import org.ncer.model.Usage;
import org.ncer.run.ExperimentConfig;
import org.ncer.run.ExperimentIndex;
import org.ncer.run.ExperimentRunner;

/**
 * {@code ncer run --config} and {@code ncer report} on its folder: the shipped offline experiment,
 * and a matrix of two models over two datasets, repeated with seeds their answers depend on.
 */
class ExperimentCommandTest {
  @TempDir Path tmp;

  @Test
  void theBaselineExperimentIsOneCellAgreeingWithAPlainRunAndReportsAsOneRow() throws Exception {
    // given
    Path out = tmp.resolve("exp");

    // when
    Result r =
        ncer(
            "run",
            "--config",
            "config/experiments/baseline.yaml",
            "--data-dir",
            TestData.dataDir().toString(),
            "--out",
            out.toString());
    Result plain =
        ncer(
            "run",
            "--dataset",
            "ncbi",
            "--data-dir",
            TestData.dataDir().toString(),
            "--out",
            tmp.resolve("plain").toString());
    Result report = ncer("report", out.toString(), "--out", tmp.resolve("report").toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(0, plain.code(), plain.err());
    assertEquals(0, report.code(), report.err());
    ExperimentIndex index = ExperimentIndex.read(out);
    assertEquals(1, index.cells().size(), index.toString());
    ExperimentIndex.Entry cell = index.cells().get(0);
    assertEquals(ExperimentIndex.Status.DONE, cell.status());
    assertEquals(List.of("ncbi", "chia", "biored", "bc5cdr"), cell.datasets());
    JsonNode plainMetrics = Json.mapper().readTree(tmp.resolve("plain/metrics/ncbi.json").toFile());
    JsonNode cellMetrics =
        Json.mapper()
            .readTree(ExperimentIndex.runFolder(out, cell).resolve("metrics/ncbi.json").toFile());
    assertEquals(plainMetrics, cellMetrics);
    JsonNode board = board(tmp.resolve("report"));
    assertEquals(1, board.path("runs").size(), board.path("runs").toString());
    JsonNode row = board.path("runs").path(0);
    assertEquals("baseline:dictionary", row.path("name").asText());
    for (String d : cell.datasets()) {
      assertTrue(row.path("by_dataset").path(d).isObject(), d);
    }
    assertEquals(0, board.path("comparisons").size());
    assertEquals(0, board.path("repeats").size());
    assertEquals(0, board.path("unreported").size());
  }

  @Test
  void repeatsOfTwoModelsReportOneRowPerModelAndRepeatWithTheirMeanSdAndPairedComparisons()
      throws Exception {
    // given: two models whose answers depend on the seed, two datasets, three repeats
    Path out = tmp.resolve("exp");
    ExperimentConfig config = matrix("models: [openai:fake-a, openai:fake-b]\nrepeats: 3\n");

    // when
    ExperimentRunner.Result run = runner().run(config, out, options(), x -> {});
    Result report = report(out, tmp.resolve("report"));

    // then: every cell ran both datasets
    assertFalse(run.failed(), run.cells().toString());
    assertEquals(0, report.code(), report.err());
    assertFalse(report.out().contains("No row"), report.out());
    ExperimentIndex index = ExperimentIndex.read(out);
    assertEquals(6, index.cells().size());
    JsonNode board = board(tmp.resolve("report"));

    // one row per model, prompt and repeat, each with both datasets
    JsonNode rows = board.path("runs");
    assertEquals(6, rows.size(), rows.toString());
    Set<String> seen = new HashSet<>();
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode row : rows) {
      byId.put(row.path("id").asText(), row);
      assertTrue(
          seen.add(
              row.path("model").asText()
                  + "|"
                  + row.path("prompt").asText()
                  + "|"
                  + row.path("repeat").asInt()),
          row.toString());
      assertTrue(row.path("by_dataset").path("alpha").isObject(), row.toString());
      assertTrue(row.path("by_dataset").path("beta").isObject(), row.toString());
      assertTrue(row.path("name").asText().endsWith(" · r" + row.path("repeat").asInt()));
    }
    assertEquals(
        Set.of(
            "openai:fake-a|json-all-labels|1",
            "openai:fake-a|json-all-labels|2",
            "openai:fake-a|json-all-labels|3",
            "openai:fake-b|json-all-labels|1",
            "openai:fake-b|json-all-labels|2",
            "openai:fake-b|json-all-labels|3"),
        seen);

    // the repeats: mean and sd of what the cells' own metrics files say
    JsonNode repeats = board.path("repeats");
    assertEquals(2, repeats.size(), repeats.toString());
    for (JsonNode g : repeats) {
      String model = g.path("model").asText();
      List<Path> cells = new ArrayList<>();
      for (ExperimentIndex.Entry e : index.cells()) {
        if (e.model().equals(model)) {
          cells.add(ExperimentIndex.runFolder(out, e));
        }
      }
      assertEquals(3, cells.size());
      assertEquals(3, g.path("n").asInt());
      for (String dataset : List.of("alpha", "beta")) {
        List<Double> entType = new ArrayList<>();
        List<Double> token = new ArrayList<>();
        for (Path c : cells) {
          JsonNode m = metrics(c, dataset);
          entType.add(100 * m.path("span").path("ent_type").path("f1").asDouble());
          token.add(100 * m.path("token").path("macro").path("f1").asDouble());
        }
        assertMeanSd(entType, g.path("by_dataset").path(dataset).path("ent_type"));
        assertMeanSd(token, g.path("by_dataset").path(dataset).path("token_macro"));
      }
      List<Double> spanAverage = new ArrayList<>();
      List<Double> tokenAverage = new ArrayList<>();
      List<Double> drug = new ArrayList<>();
      for (Path c : cells) {
        // each label: its mean F1 over the two datasets; the average: the mean of the labels
        double condition = labelMean(c, "condition", false);
        double aspirin = labelMean(c, "drug", false);
        spanAverage.add((condition + aspirin) / 2);
        tokenAverage.add((labelMean(c, "condition", true) + labelMean(c, "drug", true)) / 2);
        drug.add(aspirin);
      }
      assertMeanSd(spanAverage, g.path("span").path("average"));
      assertMeanSd(tokenAverage, g.path("token").path("average"));
      assertMeanSd(drug, g.path("span").path("by_label").path("drug"));
      assertTrue(
          g.path("span").path("average").path("sd").asDouble() > 0.5,
          "the seeds change the answers: " + g);
    }

    // paired comparisons between the two models, once per repeat
    JsonNode comparisons = board.path("comparisons");
    List<String> pairs = new ArrayList<>();
    comparisons.forEach(c -> pairs.add(c.path("a").asText() + " vs " + c.path("b").asText()));
    assertEquals(3, comparisons.size(), pairs.toString());
    Set<Integer> repeatsCompared = new HashSet<>();
    for (JsonNode c : comparisons) {
      JsonNode a = byId.get(c.path("a_id").asText());
      JsonNode b = byId.get(c.path("b_id").asText());
      assertEquals(
          Set.of("openai:fake-a", "openai:fake-b"),
          Set.of(a.path("model").asText(), b.path("model").asText()));
      assertEquals(a.path("repeat").asInt(), b.path("repeat").asInt());
      repeatsCompared.add(a.path("repeat").asInt());
      assertEquals(4, c.path("datasets").path("alpha").path("documents").path("shared").asInt());
      assertEquals(4, c.path("datasets").path("beta").path("documents").path("shared").asInt());
    }
    assertEquals(Set.of(1, 2, 3), repeatsCompared);
    String md = Files.readString(tmp.resolve("report/leaderboard.md"), StandardCharsets.UTF_8);
    assertTrue(md.contains("| openai:fake-a · json-all-labels · r3 |"), md);
    assertTrue(md.contains("## Repeats (mean ± sd)"), md);
  }

  @Test
  void cellsWithoutNumbersFailedCellsAndRepeatsThatMayNotBePooledAreShown() throws Exception {
    // given: a model refused with 401, one whose calls on notes with "rash" are refused (its cells
    // fail: no failure is tolerated), and a good one whose second repeat is rescored with corrected
    // matching
    Path out = tmp.resolve("exp");
    ExperimentConfig config =
        matrix(
            "models: [openai:fake-a, openai:fake-flaky, openai:fake-denied]\n"
                + "repeats: 2\n"
                + "max_failures: 0\n");
    runner().run(config, out, options(), x -> {});
    ExperimentIndex index = ExperimentIndex.read(out);
    Path second = null;
    for (ExperimentIndex.Entry e : index.cells()) {
      if (e.model().equals("openai:fake-a") && e.repeat() == 2) {
        second = ExperimentIndex.runFolder(out, e);
      }
    }
    Result rescore = ncer("rescore", String.valueOf(second), "--matching", "corrected");

    // when
    Result report = report(out, tmp.resolve("report"));

    // then
    assertEquals(0, rescore.code(), rescore.err());
    assertEquals(0, report.code(), report.err());
    JsonNode board = board(tmp.resolve("report"));
    assertEquals(4, board.path("runs").size(), board.path("runs").toString());
    JsonNode unreported = board.path("unreported");
    assertEquals(2, unreported.size(), unreported.toString());
    for (JsonNode u : unreported) {
      assertTrue(u.path("cell").asText().startsWith("openai-fake-denied__"), u.toString());
      assertTrue(Set.of("error", "stopped").contains(u.path("status").asText()), u.toString());
      assertTrue(
          report
              .out()
              .contains("No row (the cell has no finished run): " + u.path("folder").asText()),
          report.out());
    }
    String md = Files.readString(tmp.resolve("report/leaderboard.md"), StandardCharsets.UTF_8);
    assertTrue(md.contains("## Experiment cells without a row"), md);
    for (JsonNode row : board.path("runs")) {
      boolean flaky = row.path("model").asText().equals("openai:fake-flaky");
      assertEquals(flaky ? "failed" : "done", row.path("status").asText(), row.toString());
      if (flaky) {
        assertFalse(row.path("comparable").asBoolean());
        assertTrue(
            row.path("caveats").toString().contains("marked this cell failed"), row.toString());
      }
    }
    assertEquals(0, board.path("repeats").size(), board.path("repeats").toString());
    String notes = board.path("repeat_notes").toString();
    assertTrue(notes.contains("matching (compat / corrected)"), notes);
    assertTrue(notes.contains("openai:fake-flaky · json-all-labels · r1 is left out"), notes);
    assertTrue(md.contains("matching (compat / corrected)"), md);
  }

  // ---- fixtures

  /** Notes of two small datasets with conditions (fever, cough, rash) and a drug (aspirin). */
  private ExperimentConfig matrix(String models) throws IOException {
    Path alpha =
        dataset(
            "alpha",
            "Fever and cough after aspirin.",
            "Rash on the arm; no fever.",
            "Took aspirin for the cough.",
            "Mild fever, then a rash.");
    Path beta =
        dataset(
            "beta",
            "Cough with rash, given aspirin.",
            "Aspirin stopped; the fever resolved.",
            "Reports cough and fever.",
            "A new rash today.");
    Path file = tmp.resolve("matrix.yaml");
    Files.writeString(
        file,
        "name: seeded\n"
            + "datasets: ["
            + alpha
            + ", "
            + beta
            + "]\n"
            + models
            + "seed: 42\n"
            + "parallel: 2\n",
        StandardCharsets.UTF_8);
    return ExperimentConfig.read(file);
  }

  private static final List<String> CONDITIONS = List.of("fever", "cough", "rash");

  /** A JSON Lines dataset whose gold marks every known word of each note. */
  private Path dataset(String name, String... notes) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < notes.length; i++) {
      ObjectNode d = Json.mapper().createObjectNode();
      d.put("id", name + "-" + i);
      d.put("text", notes[i]);
      ArrayNode entities = d.putArray("entities");
      String lower = notes[i].toLowerCase(Locale.ROOT);
      for (String w : List.of("fever", "cough", "rash", "aspirin")) {
        int at = lower.indexOf(w);
        if (at >= 0) {
          entities
              .addObject()
              .put("start", at)
              .put("end", at + w.length())
              .put("label", CONDITIONS.contains(w) ? "condition" : "drug");
        }
      }
      lines.add(Json.line(d));
    }
    Path file = tmp.resolve(name + ".jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private ExperimentRunner runner() {
    Limits limits = new Limits(4, 0, 0, 2, Duration.ZERO, Duration.ZERO);
    return new ExperimentRunner(
        Clock.systemUTC(),
        s -> new Endpoints.Opened(new SeededEndpoint(s.model()), limits, "fake-profile"));
  }

  private ExperimentRunner.Options options() {
    return new ExperimentRunner.Options(tmp, null, null, "test", "none", Map.of());
  }

  private Result report(Path experiment, Path into) {
    return ncer(
        "report",
        experiment.toString(),
        "--out",
        into.toString(),
        "--gold",
        "alpha=" + tmp.resolve("alpha.jsonl"),
        "--gold",
        "beta=" + tmp.resolve("beta.jsonl"),
        "--resamples",
        "200");
  }

  private static JsonNode board(Path report) throws IOException {
    return Json.mapper().readTree(report.resolve("leaderboard.json").toFile());
  }

  private static JsonNode metrics(Path run, String dataset) throws IOException {
    return Json.mapper().readTree(run.resolve("metrics").resolve(dataset + ".json").toFile());
  }

  /** A label's F1 × 100, span ent_type or token, averaged over the two datasets. */
  private static double labelMean(Path run, String label, boolean token) throws IOException {
    double sum = 0;
    for (String dataset : List.of("alpha", "beta")) {
      JsonNode m = metrics(run, dataset);
      JsonNode f1 =
          token
              ? m.path("token").path("by_label").path(label).path("f1")
              : m.path("span").path("by_label").path(label).path("ent_type").path("f1");
      assertTrue(f1.isNumber(), dataset + " " + label + ": " + m);
      sum += 100 * f1.asDouble();
    }
    return sum / 2;
  }

  private static void assertMeanSd(List<Double> values, JsonNode stat) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.size();
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(squares / (values.size() - 1));
    assertEquals(mean, stat.path("mean").asDouble(), 1e-9, stat.toString() + " vs " + values);
    assertEquals(sd, stat.path("sd").asDouble(), 1e-9, stat.toString() + " vs " + values);
    assertEquals(values.size(), stat.path("n").asInt());
  }

  /**
   * Answers with the known words found in the note, minus some that depend on the model and on the
   * request's seed, so that repeats differ: fake-a drops "cough" with seed 43 and "aspirin" with
   * seed 44; fake-b never finds "rash", and drops "fever" with seed 42 and "cough" with seed 44.
   * fake-flaky refuses (400) every note with "rash"; fake-denied answers every call with a 401.
   */
  private static final class SeededEndpoint extends LoopbackTestEndpoint {
    private final String model;

    SeededEndpoint(String model) {
      super("http://127.0.0.1:9/v1");
      this.model = model;
    }

    @Override
    public Attempt send(ChatRequest r) {
      String note = r.messages().get(r.messages().size() - 1).content().toLowerCase(Locale.ROOT);
      int seed = r.sampling().seed() == null ? 0 : r.sampling().seed();
      if (model.endsWith("denied")) {
        return new Attempt.Failed(
            FailureKind.AUTHENTICATION, 401, "HTTP 401 from the fake", null, Duration.ZERO);
      }
      if (model.endsWith("flaky") && note.contains("rash")) {
        return new Attempt.Failed(
            FailureKind.BAD_REQUEST, 400, "HTTP 400 from the fake", null, Duration.ZERO);
      }
      Set<String> dropped = new HashSet<>();
      if (model.endsWith("fake-a")) {
        dropped.add(seed == 43 ? "cough" : seed == 44 ? "aspirin" : "");
      } else if (model.endsWith("fake-b")) {
        dropped.add("rash");
        dropped.add(seed == 42 ? "fever" : seed == 44 ? "cough" : "");
      }
      List<String> conditions = new ArrayList<>();
      for (String w : CONDITIONS) {
        if (note.contains(w) && !dropped.contains(w)) {
          conditions.add('"' + w + '"');
        }
      }
      String drugs = note.contains("aspirin") && !dropped.contains("aspirin") ? "\"aspirin\"" : "";
      String answer =
          "{\"condition\": [" + String.join(", ", conditions) + "], \"drug\": [" + drugs + "]}";
      return new Attempt.Answered(
          answer, new Usage(r.chars() / 4, 7), "stop", Duration.ofMillis(1));
    }

    @Override
    public String model() {
      return model;
    }
  }
}
