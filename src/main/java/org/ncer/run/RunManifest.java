package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.dataset.Datasets;
import org.ncer.model.Sampling;
import org.ncer.prompt.Markup;
import org.ncer.prompt.Mode;
import org.ncer.prompt.OutputFormat;
import org.ncer.prompt.PromptTemplate;
import org.ncer.score.Matching;

/**
 * The run's {@code manifest.json}, writer and reader side by side: what the run was and what a
 * reader needs to trust its numbers. See {@code docs/runs.md} for every field.
 */
public final class RunManifest {
  private RunManifest() {}

  /** Where the calls went; null fields for models that make no call over a network. */
  record Endpoint(String baseUrl, String profile, Boolean local) {}

  /** Everything the manifest is written from. */
  record Facts(
      RunSettings settings,
      RunPlan plan,
      Endpoint endpoint,
      List<DatasetOutcome> outcomes,
      CallStats calls,
      List<JournalEntry> failures,
      Prices prices,
      boolean resumed,
      Instant started,
      Instant finished,
      ObjectNode rescored) {}

  static ObjectNode build(Facts f) {
    RunSettings s = f.settings();
    ObjectNode m = Json.mapper().createObjectNode();
    ObjectNode ncer = m.putObject("ncer");
    ncer.put("version", s.version());
    ncer.put("commit", s.commit());
    m.put("model", s.model());
    ObjectNode endpoint = m.putObject("endpoint");
    endpoint.put("base_url", f.endpoint().baseUrl());
    endpoint.put("profile", f.endpoint().profile());
    endpoint.put("local", f.endpoint().local());
    m.put("split", s.split());
    boolean subset = s.subset() != null;
    boolean testSplit = s.split().equals("test");
    ObjectNode settings = m.putObject("settings");
    settings.put("matching", s.matching().key());
    settings.put("data_dir", s.dataDir().toAbsolutePath().normalize().toString());
    settings.putPOJO("labels", s.labels());
    PromptTemplate prompt = f.plan().template();
    if (prompt != null) {
      // The prompt as applied, overrides included.
      settings.put("prompt", prompt.name());
      settings.put("prompt_version", prompt.version());
      settings.put("prompt_ref", promptRef(s.prompt()));
      settings.put("prompt_sha256", f.plan().promptSha256());
      settings.put("mode", prompt.mode().key());
      settings.put("output", prompt.output().key());
      settings.put("mode_override", s.mode() == null ? null : s.mode().key());
      settings.put("output_override", s.output() == null ? null : s.output().key());
      settings.put("markup", prompt.markup().key());
      settings.put("markup_override", s.markup() == null ? null : s.markup().key());
      settings.put("aligner", s.aligner());
      settings.put("max_chars", s.maxChars());
      ObjectNode sampling = settings.putObject("sampling");
      sampling.put("temperature", s.sampling().temperature());
      sampling.put("seed", s.sampling().seed());
      sampling.put("max_tokens", s.sampling().maxTokens());
    }
    if (subset) {
      m.set("subset", s.subset().toJson());
    } else {
      m.putNull("subset");
    }
    ObjectNode ds = m.putObject("datasets");
    ArrayNode notes = Json.mapper().createArrayNode();
    Map<String, Integer> notFound = new TreeMap<>();
    boolean allComparable = testSplit && !subset;
    for (int i = 0; i < f.outcomes().size(); i++) {
      DatasetOutcome o = f.outcomes().get(i);
      RunPlan.PlannedDataset p = f.plan().datasets().get(i);
      ObjectNode d = ds.putObject(o.key());
      d.put("name", o.dataset().name());
      d.put("ref", p.ref());
      d.put("split", o.dataset().split());
      d.put("documents", o.dataset().documents().size());
      d.put("documents_in_split", p.fullSize());
      ObjectNode entities = d.putObject("entities");
      for (Map.Entry<String, Integer> e : o.dataset().mentionCounts().entrySet()) {
        entities.put(e.getKey(), e.getValue());
      }
      d.putPOJO("labels", o.dataset().labels());
      d.put("gold_sha256", o.goldSha256());
      // How a token whose characters tie between labels was labelled, winner first.
      d.putPOJO("token_tie_order", o.scores().token().tieOrder());
      // The file the split was read from; null for a split read from a folder of files.
      d.put("original_sha256", p.originalSha256());
      d.put("remote", p.remoteForbidden() ? "forbidden" : "allowed");
      if (o.grounding() != null) {
        d.set("grounding", PredictionJson.tally(o.grounding()));
        o.grounding()
            .notFoundByLabel()
            .forEach((label, n) -> notFound.merge(label, n, Integer::sum));
      }
      Optional<String> leaderboardNote = Datasets.leaderboardNote(o.dataset());
      boolean comparable =
          !o.dataset().fromFile() && leaderboardNote.isEmpty() && testSplit && !subset;
      allComparable &= comparable;
      d.put("leaderboard_comparable", comparable);
      leaderboardNote.ifPresent(notes::add);
    }
    m.put("leaderboard_comparable", allComparable);
    if (subset) {
      notes.add(
          "This run evaluates a subset ("
              + s.subset().describe()
              + "); its numbers are not comparable with the leaderboard's.");
    }
    if (!testSplit) {
      notes.add(
          "This run evaluates the "
              + s.split()
              + " split; the leaderboard scores the test split, so its numbers are not"
              + " comparable.");
    }
    if (s.matching() == Matching.CORRECTED) {
      notes.add(
          "Span metrics use corrected matching (one-to-one, half-open overlap), not the"
              + " leaderboard's nervaluate 0.1.8 matching; span numbers are not comparable with the"
              + " leaderboard's.");
    }
    CallStats c = f.calls();
    ObjectNode calls = m.putObject("calls");
    calls.put("planned", c.planned());
    calls.put("answered", c.answered());
    calls.put("asked", c.asked());
    calls.put("cached", c.cached());
    calls.put("failed", c.failed());
    ObjectNode byKind = calls.putObject("failures_by_kind");
    c.failuresByKind().forEach(byKind::put);
    calls.put("truncated", c.truncated());
    calls.put("retries", c.retries());
    calls.put("max_failures", s.maxFailures().describe());
    ObjectNode tokens = m.putObject("tokens");
    tokens.put("input", c.inputTokens());
    tokens.put("output", c.outputTokens());
    tokens.put("estimated_input", f.plan().estimatedTokens());
    tokens.put("estimator", f.plan().estimator());
    tokens.put("answers_without_usage", c.usageUnknown());
    ObjectNode cost = m.putObject("cost");
    Optional<Prices.Price> price = f.prices().of(s.model());
    if (price.isPresent()) {
      cost.put("usd", price.get().cost(c.inputTokens(), c.outputTokens()));
    } else {
      cost.put("usd", "unknown");
    }
    cost.put("prices", f.prices().origin());
    ArrayNode failed = m.putArray("failed_calls");
    for (JournalEntry e : f.failures()) {
      ObjectNode n = failed.addObject();
      n.put("dataset", e.key().dataset());
      n.put("document", e.key().document());
      n.put("label", e.key().label());
      n.put("query", e.key().query());
      n.put("chunk_start", e.key().chunkStart());
      n.put("kind", e.failure().kind());
      n.put("status", e.failure().status());
      n.put("message", e.failure().message());
    }
    m.put("remote_allowed", s.allowRemote());
    m.put("resumed", f.resumed());
    m.put("started", f.started().toString());
    m.put("finished", f.finished().toString());
    m.put("seconds", Duration.between(f.started(), f.finished()).toMillis() / 1000.0);
    if (f.outcomes().stream().anyMatch(o -> o.grounding() != null)) {
      ObjectNode totals = m.putObject("not_found_by_label");
      notFound.forEach(totals::put);
    }
    if (f.rescored() != null) {
      m.set("rescored", f.rescored());
    }
    m.set("notes", notes);
    return m;
  }

  private static String promptRef(String prompt) {
    if (prompt == null) {
      return PromptTemplate.DEFAULT;
    }
    Path p = Path.of(prompt);
    return Files.exists(p) ? p.toAbsolutePath().normalize().toString() : prompt;
  }

  static void write(RunFolder folder, ObjectNode manifest) {
    Json.writePretty(folder.manifest(), manifest);
  }

  /**
   * A manifest as read back.
   *
   * @param node the whole manifest
   * @param settings the settings that reproduce the run's plan, in {@code folder}
   * @param baseUrl the endpoint's base URL, part of every request hash
   * @param profile the endpoint profile; null when none
   * @param started when the run started
   * @param finished when the run finished
   * @param summary what reports need of it
   */
  public record Read(
      ObjectNode node,
      RunSettings settings,
      String baseUrl,
      String profile,
      Instant started,
      Instant finished,
      ManifestSummary summary) {}

  /**
   * Reads the manifest of {@code folder}: the one reader of {@code manifest.json}, for resume,
   * rescore, replay and reports alike. Errors name the file and the field.
   */
  public static Read read(RunFolder folder) {
    Path file = folder.manifest();
    JsonNode n;
    try {
      n = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new NcerException(file + ": no such file (not a run folder)");
    } catch (IOException e) {
      throw new NcerException(file + ": not valid JSON: " + Json.firstLine(e.getMessage()), e);
    }
    if (!n.isObject()) {
      throw new NcerException(file + ": not a JSON object");
    }
    String model = required(n, "model", file);
    JsonNode st = n.path("settings");
    List<String> refs = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.path("datasets").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String ref = Journal.text(e.getValue(), "ref");
      refs.add(ref == null ? e.getKey() : ref);
    }
    if (refs.isEmpty()) {
      throw new NcerException(file + ": field 'datasets' lists no dataset");
    }
    List<String> labels = null;
    if (st.path("labels").isArray()) {
      labels = new ArrayList<>();
      for (JsonNode l : st.path("labels")) {
        labels.add(l.asText());
      }
    }
    JsonNode sampling = st.path("sampling");
    try {
      RunSettings settings =
          RunSettings.builder(model, refs, Path.of(required(st, "data_dir", file)), folder.root())
              .labels(labels)
              .split(required(n, "split", file))
              .matching(Matching.fromKey(st.path("matching").asText("compat")))
              .prompt(Journal.text(st, "prompt_ref"))
              .mode(
                  st.path("mode_override").isTextual()
                      ? Mode.fromKey(st.path("mode_override").asText()).orElse(null)
                      : null)
              .output(
                  st.path("output_override").isTextual()
                      ? OutputFormat.fromKey(st.path("output_override").asText()).orElse(null)
                      : null)
              .markup(markup(st, "markup_override", file))
              .aligner(st.path("aligner").asText("smart"))
              .maxChars(st.path("max_chars").asInt(0))
              .version(
                  n.path("ncer").path("version").asText("unknown"),
                  n.path("ncer").path("commit").asText("unknown"))
              .sampling(
                  new Sampling(
                      sampling.path("temperature").asDouble(0),
                      sampling.path("seed").isInt() ? sampling.path("seed").intValue() : null,
                      sampling.path("max_tokens").isInt()
                          ? sampling.path("max_tokens").intValue()
                          : null))
              .subset(Subset.fromJson(n.get("subset")))
              .allowRemote(n.path("remote_allowed").asBoolean(false))
              .build();
      JsonNode ep = n.path("endpoint");
      String baseUrl = ep.path("base_url").isTextual() ? ep.path("base_url").asText() : "";
      String profile = Journal.text(ep, "profile");
      String started = Journal.text(n, "started");
      String finished = Journal.text(n, "finished");
      return new Read(
          (ObjectNode) n,
          settings,
          baseUrl,
          profile,
          started == null ? null : Instant.parse(started),
          finished == null ? null : Instant.parse(finished),
          summary(n, settings, baseUrl, profile, file));
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new NcerException(file + ": " + e.getMessage(), e);
    }
  }

  private static ManifestSummary summary(
      JsonNode n, RunSettings s, String baseUrl, String profile, Path file) {
    JsonNode st = n.path("settings");
    List<ManifestSummary.DatasetEntry> datasets = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.path("datasets").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode d = e.getValue();
      List<String> labels = new ArrayList<>();
      d.path("labels").forEach(l -> labels.add(l.asText()));
      if (labels.isEmpty()) {
        throw new NcerException(file + ": datasets." + e.getKey() + ".labels is missing or empty");
      }
      Map<String, Integer> entities = new LinkedHashMap<>();
      d.path("entities")
          .fields()
          .forEachRemaining(x -> entities.put(x.getKey(), x.getValue().asInt()));
      datasets.add(
          new ManifestSummary.DatasetEntry(
              e.getKey(),
              d.path("split").asText(s.split()),
              d.path("documents").asInt(-1),
              labels,
              entities,
              Journal.text(d, "gold_sha256"),
              d.path("leaderboard_comparable").asBoolean(false)));
    }
    List<String> notes = new ArrayList<>();
    n.path("notes").forEach(x -> notes.add(x.asText()));
    String prompt = Journal.text(st, "prompt");
    int promptVersion = st.path("prompt_version").asInt(0);
    Map<String, String> conditions = new LinkedHashMap<>();
    conditions.put("model", s.model());
    conditions.put(
        "endpoint",
        baseUrl.isEmpty()
            ? "none"
            : baseUrl + (profile == null ? "" : " (profile " + profile + ")"));
    conditions.put("prompt", prompt == null ? "none" : prompt);
    conditions.put("prompt version", Integer.toString(promptVersion));
    conditions.put("prompt text", String.valueOf(Journal.text(st, "prompt_sha256")));
    conditions.put("mode", String.valueOf(Journal.text(st, "mode")));
    conditions.put("output", String.valueOf(Journal.text(st, "output")));
    conditions.put("markup", String.valueOf(Journal.text(st, "markup")));
    conditions.put("aligner", s.aligner());
    conditions.put("max chars", Integer.toString(s.maxChars()));
    conditions.put("temperature", Double.toString(s.sampling().temperature()));
    conditions.put("max tokens", String.valueOf(s.sampling().maxTokens()));
    conditions.put("matching", s.matching().key());
    conditions.put("split", s.split());
    conditions.put("subset", s.subset() == null ? "all documents" : s.subset().describe());
    conditions.put("datasets", String.join(", ", datasets.stream().map(d -> d.name()).toList()));
    conditions.put(
        "gold data",
        String.join(", ", datasets.stream().map(d -> String.valueOf(d.goldSha256())).toList()));
    JsonNode calls = n.path("calls");
    ManifestSummary.Usage usage = null;
    if (calls.isObject() && calls.path("asked").asLong(0) != 0) {
      JsonNode cost = n.path("cost").path("usd");
      usage =
          new ManifestSummary.Usage(
              calls.path("asked").asLong(-1),
              n.path("tokens").path("input").asLong(-1),
              n.path("tokens").path("output").asLong(-1),
              cost.isNumber() ? cost.asDouble() : -1);
    }
    return new ManifestSummary(
        s.model(),
        s.split(),
        s.matching().key(),
        s.dataDir(),
        prompt,
        promptVersion,
        datasets,
        notes,
        n.path("seconds").asDouble(0),
        usage,
        s.sampling().seed(),
        conditions);
  }

  /**
   * The inline markup the run applied ({@code settings.markup}), which a rescore applies again
   * whatever the prompt file now says; null when the manifest does not record it (runs of span
   * models, and manifests written before the field existed).
   */
  static Markup appliedMarkup(Read read) {
    return markup(
        read.node().path("settings"), "markup", new RunFolder(read.settings().out()).manifest());
  }

  private static Markup markup(JsonNode settings, String field, Path file) {
    JsonNode v = settings.path(field);
    if (!v.isTextual()) {
      return null;
    }
    return Markup.fromKey(v.asText())
        .orElseThrow(
            () ->
                new NcerException(
                    file
                        + ": field 'settings."
                        + field
                        + "': unknown value '"
                        + v.asText()
                        + "'; expected "
                        + Markup.keys()));
  }

  private static String required(JsonNode n, String field, Path file) {
    String v = Journal.text(n, field);
    if (v == null) {
      throw new NcerException(file + ": field '" + field + "' is missing");
    }
    return v;
  }
}
