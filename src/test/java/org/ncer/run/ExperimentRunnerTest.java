package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;

/** Experiments: cells over one shared endpoint and cache, resumed as a whole, priced first. */
class ExperimentRunnerTest {
  @TempDir Path tmp;

  private static final String MATRIX =
      """
      name: two-prompts
      datasets: [ncbi]
      models: [openai:fake]
      prompts: [json-all-labels, list-per-label]
      limit: 3
      parallel: 2
      """;

  private ExperimentRunner.Options options(Path cache) {
    return new ExperimentRunner.Options(TestData.dataDir(), cache, null, "test", "none", Map.of());
  }

  private ExperimentRunner runner(FakeEndpoint ep, AtomicInteger opened) {
    Runner.EndpointOpener open = ep.opener(4);
    return new ExperimentRunner(
        Clock.systemUTC(),
        s -> {
          opened.incrementAndGet();
          return open.open(s);
        });
  }

  @Test
  void cellsShareOneEndpointAndTheCacheAndResumeAsAWhole() throws Exception {
    // given
    ExperimentConfig config = ExperimentConfig.parse(MATRIX, "matrix.yaml", "matrix");
    Path cache = tmp.resolve("cache");
    FakeEndpoint ep = FakeEndpoint.finding();
    AtomicInteger opened = new AtomicInteger();

    long planned =
        runner(FakeEndpoint.finding(), new AtomicInteger())
            .dryRun(config, tmp.resolve("exp"), options(cache))
            .calls();

    // when
    ExperimentRunner.Result first =
        runner(ep, opened).run(config, tmp.resolve("exp"), options(cache), r -> {});
    int sentFirst = ep.sent.get();
    int openedFirst = opened.get();
    ExperimentRunner.Result again =
        runner(ep, opened).run(config, tmp.resolve("exp"), options(cache), r -> {});
    ExperimentRunner.Result elsewhere =
        runner(ep, opened).run(config, tmp.resolve("exp2"), options(cache), r -> {});

    // then
    assertFalse(first.failed(), first.index().toString());
    assertEquals(2, first.cells().size());
    assertEquals(planned, sentFirst, "every planned call of both cells, once");
    assertEquals(1, openedFirst, "one endpoint for the experiment, whatever the number of cells");
    assertEquals(sentFirst, ep.sent.get(), "a finished experiment and a cached one send nothing");
    assertFalse(again.failed());
    assertFalse(elsewhere.failed());
    JsonNode index = Json.mapper().readTree(tmp.resolve("exp2/experiment.json").toFile());
    assertEquals(2, index.path("cells").size(), index.toString());
    for (ExperimentIndex.Entry e : ExperimentIndex.read(tmp.resolve("exp")).cells()) {
      assertEquals(ExperimentIndex.Status.SKIPPED, e.status(), "run again: " + e);
    }
    for (ExperimentRunner.CellResult c : first.cells()) {
      Path folder = tmp.resolve("exp").resolve(c.cell().folder());
      assertTrue(Files.isRegularFile(folder.resolve("manifest.json")), folder.toString());
    }
  }

  @Test
  void aDryRunPricesEveryCellAndCallsNothing() {
    // given
    ExperimentConfig config = ExperimentConfig.parse(MATRIX, "matrix.yaml", "matrix");
    FakeEndpoint ep = FakeEndpoint.finding();

    // when
    ExperimentRunner.DryRun dry =
        runner(ep, new AtomicInteger())
            .dryRun(config, tmp.resolve("exp"), options(tmp.resolve("cache")));

    // then
    assertEquals(2, dry.cells().size());
    // 3 notes: at least one call per note in each cell.
    assertTrue(dry.cells().stream().allMatch(c -> c.calls() >= 3), dry.toString());
    assertEquals(
        dry.cells().stream().mapToLong(ExperimentRunner.PricedCell::calls).sum(), dry.calls());
    assertTrue(dry.tokens() > 0);
    assertEquals(0, ep.sent.get());
    assertFalse(Files.exists(tmp.resolve("exp").resolve(ExperimentRunner.INDEX)));
  }

  @Test
  void aHalfFinishedExperimentResumesEachCellFromItsJournal() throws Exception {
    // given: cells over two datasets whose calls on notes with "aspirin" are refused the first time
    Path notes = tmp.resolve("notes.jsonl");
    Files.writeString(
        notes,
        """
        {"id": "a", "text": "Fever after aspirin.", "entities": [{"start": 0, "end": 5, "label": "condition"}]}
        {"id": "b", "text": "A cough.", "entities": [{"start": 2, "end": 7, "label": "condition"}]}
        """,
        java.nio.charset.StandardCharsets.UTF_8);
    ExperimentConfig config =
        ExperimentConfig.parse(
            "name: resumed\n"
                + "datasets: [ncbi, "
                + notes
                + "]\n"
                + "models: [openai:fake]\n"
                + "limit: 3\n"
                + "repeats: 2\n"
                + "max_failures: 0\n",
            "matrix.yaml",
            "matrix");
    AtomicInteger refused = new AtomicInteger();
    FakeEndpoint refusing =
        new FakeEndpoint(
            r -> {
              String note = r.messages().get(r.messages().size() - 1).content();
              if (note.contains("aspirin")) {
                refused.incrementAndGet();
                return FakeEndpoint.failure(org.ncer.model.FailureKind.BAD_REQUEST, 400);
              }
              return FakeEndpoint.find(r);
            },
            0);
    FakeEndpoint finding = FakeEndpoint.finding();
    Path out = tmp.resolve("exp");

    // when
    ExperimentRunner.Result first =
        runner(refusing, new AtomicInteger()).run(config, out, options(null), r -> {});
    ExperimentRunner.Result second =
        runner(finding, new AtomicInteger()).run(config, out, options(null), r -> {});

    // then
    assertEquals(2, first.cells().size());
    for (ExperimentRunner.CellResult c : first.cells()) {
      assertEquals(ExperimentIndex.Status.FAILED, c.status(), c.toString());
      assertEquals(List.of("ncbi", notes.toString()), c.cell().datasets());
    }
    assertEquals(2, refused.get(), "one refused call per cell");
    assertFalse(second.failed(), second.cells().toString());
    assertEquals(refused.get(), finding.sent.get(), "only the refused calls are asked again");
    ExperimentIndex index = ExperimentIndex.read(out);
    for (ExperimentIndex.Entry e : index.cells()) {
      assertEquals(ExperimentIndex.Status.DONE, e.status(), e.toString());
      assertEquals(java.util.Set.of("ncbi", "notes"), e.metrics().keySet());
    }
  }
}
