package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * Answers recorded earlier: a run folder's journal for {@code replay:PATH} and for rescoring, or an
 * answers file of the older layout ({@code answers/<dataset>.jsonl}, lines {@code {"id", "label",
 * "query", "chunk_start", "response" | "error"}}).
 *
 * <p>A replay matches calls on their call key only, so that answers can be grounded again under
 * other settings; a rescore also requires the request hash to match, so that it reads exactly the
 * calls of the run. A call with no recorded answer fails as {@link JournalEntry#NOT_RECORDED}. When
 * the journal holds a call twice (a failure asked again on resume), its answer wins over its
 * failure and the later entry over the earlier.
 */
final class RecordedAnswers implements AnswerSource {
  private final String name;
  private final Path path;
  private final boolean matchHash;
  private final Map<CallKey, JournalEntry> journal;
  // For an answers file of the older layout: entries keyed with an empty dataset serve every one.
  private final Map<String, Map<CallKey, JournalEntry>> legacy = new HashMap<>();
  private int matched;

  private RecordedAnswers(
      String name, Path path, boolean matchHash, Map<CallKey, JournalEntry> journal) {
    this.name = name;
    this.path = path;
    this.matchHash = matchHash;
    this.journal = journal;
  }

  /** The answers of {@code replay:PATH}. */
  static RecordedAnswers replay(String model) {
    Path path = Path.of(model.substring(Planner.REPLAY.length()));
    if (!Files.exists(path)) {
      throw new NcerException(model + ": " + path + " does not exist");
    }
    Path journal = Files.isDirectory(path) ? new RunFolder(path).journal() : path;
    Map<CallKey, JournalEntry> entries = null;
    if (Files.isRegularFile(journal) && isJournal(journal)) {
      entries = latest(Journal.read(journal));
    }
    return new RecordedAnswers(model, path, false, entries);
  }

  /** The answers in a run folder's own journal, matched on call key and request hash. */
  static RecordedAnswers ownJournal(RunFolder folder) {
    return new RecordedAnswers(
        "journal", folder.root(), true, latest(Journal.read(folder.journal())));
  }

  /**
   * Reads the recorded answers of every dataset of {@code plan} now, so that a missing or
   * unreadable answers file stops the run before it starts.
   */
  RecordedAnswers load(RunPlan plan) {
    if (journal == null) {
      plan.datasets().forEach(d -> legacyFor(d.key()));
    }
    return this;
  }

  /** How many calls found a recorded answer or failure. */
  int matched() {
    return matched;
  }

  private static boolean isJournal(Path file) {
    List<Boolean> first =
        Json.readLines(file, (node, line) -> Journal.isEntry(node)).stream().limit(1).toList();
    return first.isEmpty() || first.get(0);
  }

  /** Per call key, the last answer recorded, else the last failure. */
  static Map<CallKey, JournalEntry> latest(List<JournalEntry> entries) {
    Map<CallKey, JournalEntry> out = new HashMap<>();
    for (JournalEntry e : entries) {
      JournalEntry before = out.get(e.key());
      if (before == null || e.answered() || !before.answered()) {
        out.put(e.key(), e);
      }
    }
    return out;
  }

  @Override
  public void answer(List<PlannedCall> calls, Sink sink) {
    for (PlannedCall c : calls) {
      sink.completed(c, lookup(c), false);
    }
  }

  private JournalEntry lookup(PlannedCall c) {
    JournalEntry recorded;
    if (journal != null) {
      recorded = journal.get(c.key());
    } else {
      recorded = legacyFor(c.key().dataset()).get(c.key().inDataset(""));
    }
    if (recorded != null && (!matchHash || recorded.requestHash().equals(c.hash()))) {
      matched++;
      if (matchHash) {
        return recorded;
      }
      return recorded.answered()
          ? JournalEntry.free(c.key(), c.hash(), recorded.answer(), recorded.finishReason(), false)
          : JournalEntry.failed(c.key(), c.hash(), recorded.failure());
    }
    return JournalEntry.failed(
        c.key(),
        c.hash(),
        new JournalEntry.Failure(
            JournalEntry.NOT_RECORDED,
            0,
            name
                + ": no recorded answer for "
                + c.key().describe()
                + (recorded != null ? " with this request (the prompt or settings changed)" : "")));
  }

  private Map<CallKey, JournalEntry> legacyFor(String dataset) {
    return legacy.computeIfAbsent(dataset, d -> readLegacy(legacyFile(d)));
  }

  private Path legacyFile(String dataset) {
    if (Files.isDirectory(path)) {
      Path file = path.resolve("answers").resolve(dataset + ".jsonl");
      if (!Files.exists(file)) {
        throw new NcerException(
            name
                + ": "
                + path
                + " holds neither journal.jsonl nor answers/"
                + dataset
                + ".jsonl (no answers recorded for "
                + dataset
                + ")");
      }
      return file;
    }
    return path;
  }

  private static Map<CallKey, JournalEntry> readLegacy(Path file) {
    record Recorded(JournalEntry entry, long line) {}
    Map<CallKey, JournalEntry> answers = new HashMap<>();
    for (Recorded r :
        Json.readLines(file, (node, line) -> new Recorded(legacy(node, file, line), line))) {
      if (answers.put(r.entry().key(), r.entry()) != null) {
        throw NcerException.at(
            file, r.line(), "a second answer for the same call: " + r.entry().key().describe());
      }
    }
    return answers;
  }

  private static JournalEntry legacy(JsonNode node, Path file, long line) {
    String id = Journal.text(node, "id");
    if (id == null) {
      throw NcerException.at(file, line, "field 'id' is missing");
    }
    // Older runs wrote chunkStart and read chunk_start; both are accepted.
    JsonNode chunk = node.has("chunk_start") ? node.path("chunk_start") : node.path("chunkStart");
    CallKey key =
        new CallKey(
            "",
            id,
            Journal.text(node, "label"),
            Journal.text(node, "query"),
            chunk.isInt() ? chunk.intValue() : 0);
    String response = Journal.text(node, "response");
    String error = Journal.text(node, "error");
    if (response == null && error == null) {
      throw NcerException.at(file, line, "neither 'response' nor 'error' is given");
    }
    return response != null
        ? JournalEntry.free(key, "", response, null, false)
        : JournalEntry.failed(key, "", new JournalEntry.Failure("other", 0, error));
  }
}
