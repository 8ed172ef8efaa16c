package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.model.EndpointSettings;
import org.ncer.model.FailureKind;
import org.ncer.model.Sampling;

class RunnerTest {
  private static final List<String> LABELS = List.of("condition", "drug");
  private static final String[] WORDS = {"Fever", "cough", "aspirin", "rash"};
  private static final int DOCS = 12;

  @TempDir Path tmp;
  private Path notes;

  @BeforeEach
  void writeNotes() throws IOException {
    // Twelve notes, each with two or three of the known words; gold is every known word.
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      StringBuilder text = new StringBuilder("Note " + i + ":");
      StringBuilder entities = new StringBuilder();
      for (int w = 0; w < WORDS.length; w++) {
        if ((i + w) % 3 == 0) {
          continue;
        }
        text.append(' ');
        int start = text.length();
        text.append(WORDS[w]);
        String label = WORDS[w].equals("aspirin") ? "drug" : "condition";
        entities
            .append(entities.length() == 0 ? "" : ", ")
            .append("{\"start\": ")
            .append(start)
            .append(", \"end\": ")
            .append(text.length())
            .append(", \"label\": \"")
            .append(label)
            .append("\"}");
        text.append(" today.");
      }
      lines.add(
          "{\"id\": \"n" + i + "\", \"text\": \"" + text + "\", \"entities\": [" + entities + "]}");
    }
    notes = tmp.resolve("notes.jsonl");
    Files.write(notes, lines, StandardCharsets.UTF_8);
  }

  /** A run of the fake OpenAI model on {@link #conditionNotes()} with {@code prompt}. */
  private RunSettings conditionRun(Path prompt, Path out) throws IOException {
    return RunSettings.builder("openai:fake", List.of(conditionNotes().toString()), tmp, out)
        .labels(List.of("condition"))
        .prompt(prompt.toString())
        .endpoint(
            new EndpointSettings(
                "openai:fake", null, null, null, null, null, null, null, null, java.util.Map.of()))
        .build();
  }

  private RunSettings.Builder settings(Path out) {
    return RunSettings.builder("openai:fake", List.of(notes.toString()), tmp, out)
        .labels(LABELS)
        .endpoint(
            new EndpointSettings(
                "openai:fake", null, null, null, null, null, null, null, null, java.util.Map.of()));
  }

  private static Runner.RunResult run(FakeEndpoint ep, int concurrency, RunSettings s) {
    return new Runner(Clock.systemUTC(), ep.opener(concurrency)).run(s, new RunListener() {});
  }

  /** An endpoint that refuses the call for note n3 with 400 and answers the others. */
  private static FakeEndpoint refusingNote3() {
    return new FakeEndpoint(
        r ->
            r.messages().get(r.messages().size() - 1).content().contains("Note 3:")
                ? FakeEndpoint.failure(FailureKind.BAD_REQUEST, 400)
                : FakeEndpoint.find(r),
        0);
  }

  /** An endpoint that answers {@code answers} calls, then refuses every call with 401. */
  private static FakeEndpoint rejectingAfter(int answers) {
    AtomicInteger n = new AtomicInteger();
    return new FakeEndpoint(
        r ->
            n.incrementAndGet() <= answers
                ? FakeEndpoint.find(r)
                : FakeEndpoint.failure(FailureKind.AUTHENTICATION, 401),
        0);
  }

  private static JsonNode read(Path file) throws IOException {
    return Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  @Test
  void everyCallIsJournaledOnceAndTheManifestCountsThem() throws IOException {
    // given
    FakeEndpoint ep = FakeEndpoint.finding();
    Path out = tmp.resolve("run");

    // when
    Runner.RunResult r = run(ep, 4, settings(out).build());

    // then
    assertFalse(r.failed(), r.problems().toString());
    assertEquals(DOCS, ep.sent.get());
    List<JournalEntry> journal = Journal.read(out.resolve("journal.jsonl"));
    assertEquals(DOCS, journal.size());
    assertEquals(DOCS, journal.stream().map(JournalEntry::key).distinct().count());
    assertTrue(journal.stream().allMatch(e -> e.answered() && e.attempts() == 1 && !e.cached()));
    assertEquals(64, journal.get(0).requestHash().length());
    JsonNode m = read(out.resolve("manifest.json"));
    assertEquals(DOCS, m.path("calls").path("planned").asInt());
    assertEquals(DOCS, m.path("calls").path("asked").asInt());
    assertEquals(0, m.path("calls").path("failed").asInt());
    assertEquals(7L * DOCS, m.path("tokens").path("output").asLong());
    assertEquals("unknown", m.path("cost").path("usd").asText()); // openai:fake has no price
    assertEquals("http://127.0.0.1:9/v1", m.path("endpoint").path("base_url").asText());
    assertEquals(64, m.path("settings").path("prompt_sha256").asText().length());
    assertEquals(64, m.path("datasets").path("notes").path("original_sha256").asText().length());
    assertTrue(m.path("leaderboard_comparable").isBoolean());
    assertEquals(DOCS, Files.readAllLines(out.resolve("predictions/notes.jsonl")).size());
    // the fake finds every word, so every gold mention is predicted
    JsonNode metrics = read(out.resolve("metrics/notes.json"));
    assertEquals(0, metrics.path("span").path("strict").path("missed").asInt());
  }

  @Test
  void filesDoNotDependOnTimingOrConcurrency() throws IOException {
    // given
    Path one = tmp.resolve("one");
    Path eight = tmp.resolve("eight");

    // when
    run(FakeEndpoint.finding(), 1, settings(one).build());
    run(new FakeEndpoint(FakeEndpoint::find, 15), 8, settings(eight).build());

    // then
    for (String f :
        List.of("predictions/notes.jsonl", "metrics/notes.json", "grounding/notes.json")) {
      assertArrayEquals(bytes(one.resolve(f)), bytes(eight.resolve(f)), f);
    }
  }

  @Test
  void aCacheHitTakesNoCallAndCostsNothing() throws IOException {
    // given
    Path cache = tmp.resolve("cache");
    run(FakeEndpoint.finding(), 2, settings(tmp.resolve("first")).cacheDir(cache).build());
    FakeEndpoint second = FakeEndpoint.finding();

    // when
    Runner.RunResult r = run(second, 2, settings(tmp.resolve("second")).cacheDir(cache).build());

    // then
    assertEquals(0, second.sent.get());
    JsonNode m = r.manifest();
    assertEquals(DOCS, m.path("calls").path("cached").asInt());
    assertEquals(0, m.path("calls").path("asked").asInt());
    assertEquals(0, m.path("tokens").path("input").asLong());
    assertTrue(
        Journal.read(tmp.resolve("second/journal.jsonl")).stream().allMatch(JournalEntry::cached));
    assertArrayEquals(
        bytes(tmp.resolve("first/predictions/notes.jsonl")),
        bytes(tmp.resolve("second/predictions/notes.jsonl")));
  }

  @Test
  void aBadRequestFailsOneCallWhichIsListedAndNotCached() {
    // given: the note n3 is refused
    Path cache = tmp.resolve("cache");
    FakeEndpoint refusing = refusingNote3();

    // when
    Runner.RunResult r = run(refusing, 3, settings(tmp.resolve("a")).cacheDir(cache).build());
    FakeEndpoint again = FakeEndpoint.finding();
    run(again, 3, settings(tmp.resolve("b")).cacheDir(cache).build());

    // then
    assertFalse(r.failed(), "no --max-failures: the run succeeds: " + r.problems());
    assertEquals(DOCS, refusing.sent.get(), "a 400 is not retried");
    assertEquals(1, r.manifest().path("calls").path("failed").asInt());
    assertEquals(
        1, r.manifest().path("calls").path("failures_by_kind").path("bad_request").asInt());
    assertEquals("n3", r.manifest().path("failed_calls").path(0).path("document").asText());
    assertEquals(1, again.sent.get(), "only the failed call is asked again");
  }

  @Test
  void moreFailuresThanAllowedFailTheRunAfterWritingEverything() {
    // given: two notes draw server errors on every attempt
    FakeEndpoint failing =
        new FakeEndpoint(
            r -> {
              String note = r.messages().get(r.messages().size() - 1).content();
              return note.contains("Note 1:") || note.contains("Note 2:")
                  ? FakeEndpoint.failure(FailureKind.SERVER, 503)
                  : FakeEndpoint.find(r);
            },
            0);

    // when
    Runner.RunResult strict =
        run(
            failing,
            2,
            settings(tmp.resolve("strict")).maxFailures(FailureBudget.parse("1")).build());
    Runner.RunResult lenient =
        run(
            failing,
            2,
            settings(tmp.resolve("lenient")).maxFailures(FailureBudget.parse("20%")).build());

    // then
    assertTrue(strict.failed());
    assertTrue(
        strict.problems().get(0).contains("2 of 12 calls failed (server 2)"),
        strict.problems().toString());
    assertTrue(Files.exists(tmp.resolve("strict/metrics/notes.json")));
    assertEquals(2, strict.manifest().path("calls").path("retries").asInt());
    assertFalse(lenient.failed(), lenient.problems().toString());
  }

  @Test
  void aRejectedKeyStopsTheRunAtOnceAndKeepsTheAnswersSoFar() {
    // given: three answers, then 401 for every call
    FakeEndpoint ep = rejectingAfter(3);
    Path out = tmp.resolve("run");

    // when
    NcerException e = assertThrows(NcerException.class, () -> run(ep, 1, settings(out).build()));

    // then
    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    assertEquals(4, ep.sent.get(), "nothing is sent after the 401");
    List<JournalEntry> journal = Journal.read(out.resolve("journal.jsonl"));
    assertEquals(3, journal.stream().filter(JournalEntry::answered).count());
    assertEquals("authentication", journal.get(3).failure().kind());
    assertFalse(Files.exists(out.resolve("manifest.json")));
  }

  @Test
  void aResumeAfterACutAtAnyPointAsksOnlyTheMissingCallsAndGivesTheSamePredictions()
      throws IOException {
    // given: an uninterrupted run
    Path whole = tmp.resolve("whole");
    run(FakeEndpoint.finding(), 1, settings(whole).build());
    byte[] journal = bytes(whole.resolve("journal.jsonl"));
    byte[] predictions = bytes(whole.resolve("predictions/notes.jsonl"));
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < journal.length; i++) {
      if (journal[i] == '\n') {
        cuts.add(i + 1); // at a line end
        cuts.add(i + 1 + 20); // in the middle of the next line
      }
    }
    cuts.add(0);
    for (int cut : cuts) {
      int at = Math.min(cut, journal.length);
      Path run = tmp.resolve("cut-" + at);
      Files.createDirectories(run);
      Files.write(run.resolve("journal.jsonl"), java.util.Arrays.copyOf(journal, at));
      int complete = 0;
      for (int i = 0; i < at; i++) {
        complete += journal[i] == '\n' ? 1 : 0;
      }
      FakeEndpoint ep = FakeEndpoint.finding();

      // when
      run(ep, 3, settings(run).resume(true).build());

      // then
      assertEquals(DOCS - complete, ep.sent.get(), "cut at byte " + at);
      assertArrayEquals(predictions, bytes(run.resolve("predictions/notes.jsonl")), "cut " + at);
      assertEquals(DOCS, Journal.read(run.resolve("journal.jsonl")).size(), "cut " + at);
    }
  }

  @Test
  void aResumeKeepsTheJournalsFailuresUnlessToldToAskThemAgain() throws IOException {
    // given: a run whose call for n3 was refused with 400
    Path out = tmp.resolve("run");
    FakeEndpoint refusing = refusingNote3();
    run(refusing, 2, settings(out).build());
    FakeEndpoint kept = FakeEndpoint.finding();
    FakeEndpoint retried = FakeEndpoint.finding();

    // when
    Runner.RunResult resumed = run(kept, 2, settings(out).resume(true).build());
    Runner.RunResult again = run(retried, 2, settings(out).resume(true).retryFailed(true).build());

    // then: the plain resume asks nothing and keeps the failure; --retry-failed asks n3 only
    assertEquals(0, kept.sent.get());
    assertEquals(1, resumed.manifest().path("calls").path("failed").asInt());
    assertEquals("n3", resumed.manifest().path("failed_calls").path(0).path("document").asText());
    assertEquals(1, retried.sent.get());
    assertEquals(0, again.manifest().path("calls").path("failed").asInt());
    Path whole = tmp.resolve("whole");
    run(FakeEndpoint.finding(), 2, settings(whole).build());
    assertArrayEquals(
        bytes(whole.resolve("predictions/notes.jsonl")),
        bytes(out.resolve("predictions/notes.jsonl")));
  }

  @Test
  void aResumeAsksAgainTheCallThatStoppedTheRun() {
    // given: a run stopped by a 401 after three answers
    FakeEndpoint rejecting = rejectingAfter(3);
    Path out = tmp.resolve("run");
    assertThrows(NcerException.class, () -> run(rejecting, 1, settings(out).build()));
    FakeEndpoint fixed = FakeEndpoint.finding();

    // when: resumed with a key that works, without --retry-failed
    Runner.RunResult r = run(fixed, 1, settings(out).resume(true).build());

    // then: the refused call and the ones never sent are asked; the three answers are not
    assertEquals(DOCS - 3, fixed.sent.get());
    assertEquals(0, r.manifest().path("calls").path("failed").asInt());
  }

  @Test
  void aResumeRemovesTheTemporaryFilesAKilledWriterLeft() throws IOException {
    // given: a killed run that had a predictions file half written
    Path whole = tmp.resolve("whole");
    run(FakeEndpoint.finding(), 1, settings(whole).build());
    Path run = tmp.resolve("killed");
    Files.createDirectories(run.resolve("predictions"));
    Files.copy(whole.resolve("journal.jsonl"), run.resolve("journal.jsonl"));
    Path leftover = run.resolve("predictions/.notes.jsonl.3f2a.part");
    Files.writeString(leftover, "{\"id\":");
    Path unrelated = run.resolve("predictions/notes.part");
    Files.writeString(unrelated, "a user's file");

    // when
    run(FakeEndpoint.finding(), 1, settings(run).resume(true).build());

    // then
    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(unrelated), "only the writer's own temporary names are removed");
    assertArrayEquals(
        bytes(whole.resolve("predictions/notes.jsonl")),
        bytes(run.resolve("predictions/notes.jsonl")));
  }

  @Test
  void aChangedPromptIsADifferentRequestOnResume() {
    // given
    Path out = tmp.resolve("run");
    run(FakeEndpoint.finding(), 2, settings(out).build());
    FakeEndpoint ep = FakeEndpoint.finding();

    // when: the temperature changes every request
    run(ep, 2, settings(out).resume(true).sampling(new Sampling(0.5, null, null)).build());

    // then
    assertEquals(DOCS, ep.sent.get());
  }

  @Test
  void aStartedRunIsNotOverwrittenWithoutResume() throws IOException {
    // given
    Path out = tmp.resolve("run");
    Files.createDirectories(out);
    Files.writeString(out.resolve("journal.jsonl"), "");
    FakeEndpoint ep = FakeEndpoint.finding();

    // when
    NcerException e = assertThrows(NcerException.class, () -> run(ep, 1, settings(out).build()));

    // then
    assertTrue(e.getMessage().contains("already holds a run (journal.jsonl)"), e.getMessage());
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    assertEquals(0, ep.sent.get());
  }

  @Test
  void aFolderLockedByAnotherWriterIsRefused() {
    // given
    Path out = tmp.resolve("run");
    FakeEndpoint ep = FakeEndpoint.finding();
    try (RunLock held = RunLock.acquire(new RunFolder(out))) {
      // when
      NcerException e = assertThrows(NcerException.class, () -> run(ep, 1, settings(out).build()));

      // then
      assertTrue(e.getMessage().contains("another ncer process"), e.getMessage());
      assertEquals(0, ep.sent.get());
    }
  }

  @Test
  void aSubsetIsMarkedEverywhereAndNeverComparable() throws IOException {
    // given
    Path limited = tmp.resolve("limited");
    Path sampled = tmp.resolve("sampled");
    Path sampledAgain = tmp.resolve("sampled-again");

    // when
    run(FakeEndpoint.finding(), 2, settings(limited).subset(Subset.limit(5)).build());
    run(FakeEndpoint.finding(), 2, settings(sampled).subset(Subset.sample(5, 3)).build());
    run(FakeEndpoint.finding(), 2, settings(sampledAgain).subset(Subset.sample(5, 3)).build());

    // then
    List<String> lines = Files.readAllLines(limited.resolve("predictions/notes.jsonl"));
    assertEquals(5, lines.size());
    assertTrue(lines.get(0).contains("\"n0\"") && lines.get(4).contains("\"n4\""));
    JsonNode m = read(limited.resolve("manifest.json"));
    assertEquals("limit", m.path("subset").path("kind").asText());
    assertFalse(m.path("leaderboard_comparable").asBoolean(true));
    assertFalse(m.path("datasets").path("notes").path("leaderboard_comparable").asBoolean(true));
    assertEquals(DOCS, m.path("datasets").path("notes").path("documents_in_split").asInt());
    JsonNode results = read(limited.resolve("results.json"));
    assertFalse(results.path("leaderboard_comparable").asBoolean(true));
    assertEquals(5, results.path("subset").path("n").asInt());
    assertArrayEquals(
        bytes(sampled.resolve("predictions/notes.jsonl")),
        bytes(sampledAgain.resolve("predictions/notes.jsonl")));
    assertNotEquals(
        Files.readString(limited.resolve("predictions/notes.jsonl")),
        Files.readString(sampled.resolve("predictions/notes.jsonl")));
  }

  @Test
  void aDryRunPlansAndPricesWithoutCallingOrWriting() {
    // given
    FakeEndpoint ep = FakeEndpoint.finding();
    Path out = tmp.resolve("run");

    // when
    Runner.DryRun dry = new Runner(Clock.systemUTC(), ep.opener(1)).dryRun(settings(out).build());

    // then
    assertEquals(DOCS, dry.plan().calls());
    assertTrue(dry.plan().estimatedTokens() > DOCS * 10L);
    assertTrue(dry.inputCostUsd().isEmpty(), "openai:fake has no price");
    assertEquals(0, ep.sent.get());
    assertFalse(Files.exists(out));
  }

  @Test
  void aPlanErrorStopsTheRunBeforeAnyCall() throws IOException {
    // given: a prompt that draws few-shot examples from a training split a user file lacks
    FakeEndpoint ep = FakeEndpoint.finding();
    Path out = tmp.resolve("run");
    Path badTemplate = tmp.resolve("bad.yaml");
    Files.writeString(badTemplate, "name: bad\nversion: [1\n");

    // when
    NcerException fewShot =
        assertThrows(
            NcerException.class, () -> run(ep, 1, settings(out).prompt("json-few-shot").build()));
    NcerException template =
        assertThrows(
            NcerException.class,
            () -> run(ep, 1, settings(out).prompt(badTemplate.toString()).build()));

    // then
    assertTrue(fewShot.getMessage().contains("draws its examples"), fewShot.getMessage());
    assertTrue(template.getMessage().contains("bad.yaml"), template.getMessage());
    assertEquals(0, ep.sent.get());
    assertFalse(Files.exists(out));
  }

  @Test
  void rescoreReproducesTheRunsNumbersFromTheJournalWithoutACall() throws IOException {
    // given
    Path out = tmp.resolve("run");
    FakeEndpoint ep = FakeEndpoint.finding();
    run(ep, 2, settings(out).build());
    byte[] metrics = bytes(out.resolve("metrics/notes.json"));
    byte[] predictions = bytes(out.resolve("predictions/notes.jsonl"));
    JsonNode before = read(out.resolve("manifest.json"));

    // when
    Runner.RunResult r =
        new Runner(
                Clock.systemUTC(),
                s -> {
                  throw new AssertionError("a rescore opens no endpoint");
                })
            .rescore(out, null, null, new RunListener() {});

    // then
    assertEquals(DOCS, ep.sent.get());
    assertArrayEquals(metrics, bytes(out.resolve("metrics/notes.json")));
    assertArrayEquals(predictions, bytes(out.resolve("predictions/notes.jsonl")));
    JsonNode after = read(out.resolve("manifest.json"));
    assertEquals("smart", after.path("rescored").path("aligner").asText());
    assertEquals(before.path("calls"), after.path("calls"));
    assertEquals(before.path("tokens"), after.path("tokens"));
    assertFalse(r.failed());

    // and a rescore with the compat aligner says so
    new Runner(Clock.systemUTC()).rescore(out, "compat", null, new RunListener() {});
    assertEquals(
        "compat", read(out.resolve("manifest.json")).path("settings").path("aligner").asText());
  }

  @Test
  void aChunkedRunReplaysToTheSamePredictions() throws IOException {
    // given: notes split into chunks
    Path out = tmp.resolve("run");
    run(FakeEndpoint.finding(), 2, settings(out).maxChars(850).build());
    List<JournalEntry> journal = Journal.read(out.resolve("journal.jsonl"));
    assertTrue(journal.stream().anyMatch(e -> e.key().chunkStart() > 0), "some note was split");

    // when
    Path replayed = tmp.resolve("replayed");
    Runner.RunResult r =
        new Runner(Clock.systemUTC())
            .run(
                RunSettings.builder("replay:" + out, List.of(notes.toString()), tmp, replayed)
                    .labels(LABELS)
                    .maxChars(850)
                    .build(),
                new RunListener() {});

    // then
    assertFalse(r.failed(), r.problems().toString());
    assertArrayEquals(
        bytes(out.resolve("predictions/notes.jsonl")),
        bytes(replayed.resolve("predictions/notes.jsonl")));
  }

  @Test
  void aReplayWithNoMatchingAnswerFailsAndSaysSo() throws IOException {
    // given: a journal recorded for other notes
    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("journal.jsonl"), "");

    // when
    Runner.RunResult r =
        new Runner(Clock.systemUTC())
            .run(
                RunSettings.builder(
                        "replay:" + other, List.of(notes.toString()), tmp, tmp.resolve("x"))
                    .labels(LABELS)
                    .build(),
                new RunListener() {});

    // then
    assertTrue(r.failed());
    assertTrue(r.problems().get(0).startsWith("no answer recorded"), r.problems().toString());
  }

  @Test
  void theManifestIsReadBackByItsReader() {
    // given
    Path out = tmp.resolve("run");
    run(
        FakeEndpoint.finding(),
        1,
        settings(out).sampling(new Sampling(0.2, 42, 300)).subset(Subset.sample(4, 9)).build());

    // when
    RunManifest.Read read = RunManifest.read(new RunFolder(out));

    // then
    RunSettings s = read.settings();
    assertEquals("openai:fake", s.model());
    assertEquals(List.of(notes.toAbsolutePath().normalize().toString()), s.datasets());
    assertEquals(LABELS, s.labels());
    assertEquals(new Sampling(0.2, 42, 300), s.sampling());
    assertEquals(Subset.sample(4, 9), s.subset());
    assertEquals("http://127.0.0.1:9/v1", read.baseUrl());
    assertEquals("fake-profile", read.profile());
  }

  @Test
  void datasetFilesWithTheSameNameGetDistinctKeys() throws IOException {
    // given: notes.jsonl twice, from two folders, and a file named like a built-in dataset
    Path otherDir = Files.createDirectories(tmp.resolve("other"));
    Path copy = Files.copy(notes, otherDir.resolve("notes.jsonl"));
    Path ncbi = Files.copy(notes, otherDir.resolve("ncbi.jsonl"));
    Path out = tmp.resolve("run");

    // when
    run(
        FakeEndpoint.finding(),
        2,
        RunSettings.builder(
                "openai:fake",
                List.of(notes.toString(), copy.toString(), ncbi.toString()),
                tmp,
                out)
            .labels(LABELS)
            .endpoint(settings(out).build().endpoint())
            .build());

    // then
    assertTrue(Files.exists(out.resolve("predictions/notes.jsonl")));
    assertTrue(Files.exists(out.resolve("predictions/notes-2.jsonl")));
    assertTrue(Files.exists(out.resolve("predictions/ncbi-2.jsonl")));
    assertEquals(3 * DOCS, Journal.read(out.resolve("journal.jsonl")).size());
  }

  @Test
  void aForbiddenDatasetIsNotSentOffTheMachineWithoutAllowRemote() {
    // given
    RunPlan plan =
        new RunPlan(
            "openai:x",
            "https://api.example.com/v1",
            null,
            null,
            "estimate",
            List.of(
                new RunPlan.PlannedDataset(
                    "secret",
                    "secret",
                    new org.ncer.dataset.Dataset("secret", "test", LABELS, List.of()),
                    0,
                    null,
                    null,
                    "",
                    null,
                    true,
                    List.of(
                        new RunPlan.PlannedDocument(
                            new org.ncer.dataset.Document("d", "x", List.of()),
                            List.of(dummyCall()))))));

    // when
    NcerException e =
        assertThrows(NcerException.class, () -> Runner.checkRemote(plan, false, false));

    // then
    assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());
    Runner.checkRemote(plan, true, false); // a loopback endpoint is fine
    Runner.checkRemote(plan, false, true); // and so is the user's permission
  }

  /** A one-label prompt whose user message ends with the note, reading [[...]] when asked to. */
  private Path markupPrompt(String markupLine) throws IOException {
    Path prompt = tmp.resolve("brackets.yaml");
    Files.writeString(
        prompt,
        """
        name: brackets
        version: 1
        mode: all-labels
        output: html
        %s
        user: |
          Copy the text and put [[ ]] around each condition.
          Text:
          {{ text }}
        """
            .formatted(markupLine),
        StandardCharsets.UTF_8);
    return prompt;
  }

  /** Echoes the note with every known condition word in [[ ]]. */
  private static FakeEndpoint bracketing() {
    return new FakeEndpoint(
        r -> {
          String user = r.messages().get(r.messages().size() - 1).content();
          String note = user.substring(user.indexOf("Text:\n") + "Text:\n".length());
          String echo = note.replaceAll("(?i)\\b(fever|cough|rash)\\b", "[[$1]]");
          return new org.ncer.model.Attempt.Answered(
              echo, new org.ncer.model.Usage(1, 1), "stop", java.time.Duration.ZERO);
        },
        0);
  }

  private Path conditionNotes() throws IOException {
    Path file = tmp.resolve("conditions.jsonl");
    Files.writeString(
        file,
        """
        {"id": "a", "text": "Fever since Monday, then a rash.", "entities": [\
        {"start": 0, "end": 5, "label": "condition"}, {"start": 27, "end": 31, "label": "condition"}]}
        {"id": "b", "text": "No cough; the [rash] faded.", "entities": [\
        {"start": 3, "end": 8, "label": "condition"}, {"start": 15, "end": 19, "label": "condition"}]}
        """,
        StandardCharsets.UTF_8);
    return file;
  }

  private static List<String> predictedTexts(Path run) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("predictions/conditions.jsonl"))) {
      for (JsonNode e : Json.mapper().readTree(line).path("entities")) {
        texts.add(
            e.path("start").asInt() + "-" + e.path("end").asInt() + " " + e.path("text").asText());
      }
    }
    return texts;
  }

  @Test
  void aPromptsMarkupGroundsTheMarkedSpansInARunAReplayAndARescore() throws IOException {
    // given: a prompt that names markup brackets, and a model that marks with [[ ]]
    Path prompt = markupPrompt("markup: brackets");
    Path out = tmp.resolve("marked");
    RunSettings s = conditionRun(prompt, out);

    // when
    Runner.RunResult r = run(bracketing(), 1, s);

    // then: the marked words are the predictions, the brackets of "[rash]" are text
    assertFalse(r.failed(), r.problems().toString());
    List<String> expected = List.of("0-5 Fever", "27-31 rash", "3-8 cough", "15-19 rash");
    assertEquals(expected, predictedTexts(out));
    JsonNode m = read(out.resolve("manifest.json"));
    assertEquals("brackets", m.path("settings").path("markup").asText());
    assertTrue(m.path("settings").path("markup_override").isNull());
    assertEquals(
        1.0,
        read(out.resolve("metrics/conditions.json"))
            .path("span")
            .path("strict")
            .path("f1")
            .asDouble());

    // and a replay of the answers with the same prompt grounds them the same
    Runner.RunResult replay =
        new Runner(Clock.systemUTC())
            .run(
                RunSettings.builder(
                        "replay:" + out,
                        List.of(conditionNotes().toString()),
                        tmp,
                        tmp.resolve("replay"))
                    .labels(List.of("condition"))
                    .prompt(prompt.toString())
                    .build(),
                new RunListener() {});
    assertFalse(replay.failed(), replay.problems().toString());
    assertEquals(expected, predictedTexts(tmp.resolve("replay")));

    // and a rescore reads the markup from the manifest, even once the file no longer names it
    Files.writeString(prompt, Files.readString(prompt).replace("markup: brackets\n", ""));
    Runner.RunResult again =
        new Runner(Clock.systemUTC()).rescore(out, null, null, new RunListener() {});
    assertFalse(again.failed(), again.problems().toString());
    assertEquals(expected, predictedTexts(out));
    assertEquals(
        "brackets", read(out.resolve("manifest.json")).path("settings").path("markup").asText());
  }

  @Test
  void withoutTheMarkupFieldBracketsAreNotEntities() throws IOException {
    // given: the same model and a prompt that does not name the markup
    Path out = tmp.resolve("unmarked");
    RunSettings s = conditionRun(markupPrompt(""), out);

    // when
    Runner.RunResult r = run(bracketing(), 1, s);

    // then: the answers are echoes without tags, so nothing is predicted and nothing failed
    assertFalse(r.failed(), r.problems().toString());
    assertEquals(List.of(), predictedTexts(out));
    JsonNode m = read(out.resolve("manifest.json"));
    assertEquals("none", m.path("settings").path("markup").asText());
    assertEquals(
        0,
        m.path("datasets")
            .path("conditions")
            .path("grounding")
            .path("answers")
            .path("failed")
            .asInt(-1));

    // and --markup on the run overrides the prompt's, and is recorded as an override
    Path overridden = tmp.resolve("overridden");
    run(
        bracketing(),
        1,
        s.toBuilder().out(overridden).markup(org.ncer.prompt.Markup.BRACKETS).build());
    assertEquals(4, predictedTexts(overridden).size());
    assertEquals(
        "brackets",
        read(overridden.resolve("manifest.json"))
            .path("settings")
            .path("markup_override")
            .asText());
  }

  private static PlannedCall dummyCall() {
    var messages = List.of(org.ncer.prompt.Message.user("x"));
    var request =
        new org.ncer.model.ChatRequest(
            messages, Sampling.greedy(), org.ncer.model.ResponseFormat.text());
    return new PlannedCall(
        new CallKey("secret", "d", null, null, 0),
        new org.ncer.prompt.PromptCall(null, null, messages, 0, "x"),
        request,
        "0".repeat(64),
        1);
  }
}
