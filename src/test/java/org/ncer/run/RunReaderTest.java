package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.span.Mention;

class RunReaderTest {
  @TempDir Path tmp;

  private RunFolder replayRun() throws IOException {
    Path notes = tmp.resolve("notes.jsonl");
    Files.writeString(
        notes,
        "{\"id\": \"a\", \"text\": \"Fever after aspirin.\", \"entities\": [{\"start\": 0, \"end\":"
            + " 5, \"label\": \"condition\"}]}\n",
        StandardCharsets.UTF_8);
    Path answers = tmp.resolve("answers.jsonl");
    Files.writeString(
        answers,
        "{\"id\": \"a\", \"response\": \"{\\\"condition\\\": [\\\"Fever\\\", \\\"cough\\\"],"
            + " \\\"drug\\\": [\\\"aspirin\\\"]}\"}\n",
        StandardCharsets.UTF_8);
    Path out = tmp.resolve("run");
    new Runner(Clock.systemUTC())
        .run(
            RunSettings.builder("replay:" + answers, List.of(notes.toString()), tmp, out)
                .labels(List.of("condition", "drug"))
                .version("test", "none")
                .build(),
            new RunListener() {});
    return new RunFolder(out);
  }

  @Test
  void readsBackWhatTheRunnerWrote() throws IOException {
    // given
    RunFolder run = replayRun();

    // when
    ManifestSummary m = RunManifest.read(run).summary();
    List<PredictedDocument> p = RunReader.predictions(run, "notes");
    GroundingCounts g = RunReader.grounding(run, "notes").orElseThrow();
    Map<String, List<RawAnswer>> raw = RunReader.rawAnswers(run, "notes");

    // then
    assertTrue(m.model().startsWith("replay:"));
    assertEquals("compat", m.matching());
    assertEquals("json-all-labels", m.prompt());
    assertEquals(List.of("condition", "drug"), m.dataset("notes").labels());
    assertEquals(1, m.dataset("notes").documents());
    assertNull(m.usage());
    assertEquals(
        List.of(Mention.of(0, 5, "condition"), Mention.of(12, 19, "drug")), p.get(0).spans());
    assertEquals("exact", p.get(0).mentions().get(0).match());
    assertEquals("cough", p.get(0).unaligned().get(0).text());
    assertEquals("ok", p.get(0).parse());
    assertEquals(1, g.notFoundByLabel().get("condition"));
    assertEquals(1, g.answers());
    assertTrue(raw.get("a").get(0).text().contains("aspirin"));
    assertTrue(RunReader.metrics(run, "notes").path("span").path("ent_type").isObject());
  }

  @Test
  void readsRawAnswersFromTheRunsJournalAndToleratesNone() throws IOException {
    // given
    RunFolder run = replayRun();

    // when
    Map<String, List<RawAnswer>> raw = RunReader.rawAnswers(run, "notes");
    Map<String, List<RawAnswer>> otherDataset = RunReader.rawAnswers(run, "other");
    Files.delete(run.journal());

    // then
    assertEquals(1, raw.get("a").size());
    assertTrue(raw.get("a").get(0).text().contains("aspirin"), raw.toString());
    assertTrue(otherDataset.isEmpty());
    assertTrue(RunReader.rawAnswers(run, "notes").isEmpty());
  }
}
