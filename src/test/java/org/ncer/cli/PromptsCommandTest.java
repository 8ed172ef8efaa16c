package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;

class PromptsCommandTest {
  @TempDir Path tmp;

  private static Result render(String... args) {
    List<String> all = new ArrayList<>(List.of("prompts", "render", "--data-dir", data()));
    all.addAll(List.of(args));
    return ncer(all.toArray(String[]::new));
  }

  private static String data() {
    return TestData.dataDir().toString();
  }

  private static Document ncbiDocument(String id) {
    return Datasets.load(TestData.dataDir(), "ncbi", "test").documents().stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static String fixture(String name) {
    try {
      return Path.of(PromptsCommandTest.class.getResource("/prompt/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void listShowsTheShippedPrompts() {
    // when
    Result r = ncer("prompts", "list");

    // then
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(5, lines.size(), r.out());
    assertEquals(
        "NAME                       VERSION  MODE        OUTPUT  DESCRIPTION", lines.get(0));
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "json-all-labels (default)        1  all-labels  json    One call per note"),
        lines.get(1));
    assertTrue(
        lines
            .get(2)
            .startsWith("list-per-label                   1  per-label   list    The benchmark's"),
        lines.get(2));
    assertTrue(lines.get(3).startsWith("html-inline                      1  all-labels  html    "));
    assertTrue(lines.get(4).startsWith("json-few-shot                    1  all-labels  json    "));
  }

  @Test
  void renderPrintsEveryCallWithRoleHeadersAndVerbatimContent() {
    // given: a real NCBI test document
    Document doc = ncbiDocument("9949209");

    // when
    Result r = render("--prompt", "list-per-label", "--dataset", "ncbi", "--doc", "9949209");

    // then: two calls, for the benchmark's two NCBI query words
    assertEquals(0, r.code(), r.err());
    String n = String.valueOf(doc.text().length());
    String user =
        """
        Reply with a Python list only, with no comment, explanation or note around it.
        When entities are joined by "and" or "or", as in 'kidney and liver failure', keep the whole phrase as one string.
        If there is no such entity, reply with an empty list.
        A reply looks like this: ['first entity', 'second entity']

        Text:\s"""
            + doc.text()
            + "\n";
    String system =
        "--- system ---\n"
            + "You are a medical language assistant that picks out clinical entities from text.\n"
            + "--- user ---\n";
    assertEquals(
        "# prompt list-per-label v1 (per-label, list) from prompts/list-per-label.yaml\n"
            + "# dataset ncbi, split test, document 9949209 ("
            + n
            + " characters): 2 calls\n"
            + "=== call 1 of 2, label condition, query \"disease\", text [0.."
            + n
            + ") ===\n"
            + system
            + "Find the entities of type \"disease\" in the text below and give them as a list of"
            + " strings.\n"
            + user
            + "=== call 2 of 2, label condition, query \"medical condition\", text [0.."
            + n
            + ") ===\n"
            + system
            + "Find the entities of type \"medical condition\" in the text below and give them as a"
            + " list of strings.\n"
            + user,
        r.out());
  }

  @Test
  void benchmarkJinjaTemplateRendersAsTheBenchmarkSendsIt() throws IOException {
    // given: a template built like the benchmark's llama_70B_ner.jinja
    Document doc = ncbiDocument("9949209");

    // when
    Result r =
        render(
            "--prompt",
            fixture("flags-per-label.jinja"),
            "--mode",
            "per-label",
            "--output",
            "list",
            "--dataset",
            "ncbi",
            "--doc",
            "9949209",
            "--json");

    // then
    assertEquals(0, r.code(), r.err());
    JsonNode root = Json.mapper().readTree(r.out());
    assertEquals("list", root.get("output").asText());
    JsonNode first = root.get("calls").get(0);
    assertEquals("disease", first.get("query").asText());
    assertEquals("condition", first.get("label").asText());
    JsonNode messages = first.get("messages");
    assertEquals(2, messages.size());
    assertEquals("system", messages.get(0).get("role").asText());
    assertEquals(
        "You are a clinical assistant that lists medical entities found in a text.",
        messages.get(0).get("content").asText());
    assertEquals(
        """
        Read the Text and list the entities that are a kind of disease, as a list of strings.
        Print only the python list, with nothing else such as a remark or an explanation.
        Keep phrases like 'heart and kidney disease' whole, as one entity.
        Print an empty list if the Text has none.
        For example: '['first_entity', 'second_entity']'

        Text:\s"""
            + doc.text(),
        messages.get(1).get("content").asText());
  }

  @Test
  void maxCharsSplitsTheNoteIntoPiecesThatCoverIt() throws IOException {
    // given
    Document doc = ncbiDocument("9949209");

    // when
    Result r =
        render(
            "--prompt",
            "json-all-labels",
            "--dataset",
            "ncbi",
            "--doc",
            "9949209",
            "--max-chars",
            "1500",
            "--json");

    // then: every call fits and the pieces are the note, in order
    assertEquals(0, r.code(), r.err());
    JsonNode calls = Json.mapper().readTree(r.out()).get("calls");
    assertTrue(calls.size() > 1, r.out());
    int expectedStart = 0;
    StringBuilder joined = new StringBuilder();
    for (JsonNode call : calls) {
      int start = call.get("chunk_start").asInt();
      int end = call.get("chunk_end").asInt();
      assertEquals(expectedStart, start);
      int chars = 0;
      for (JsonNode m : call.get("messages")) {
        chars += m.get("content").asText().length();
      }
      assertTrue(chars <= 1500, "call of " + chars + " characters");
      joined.append(doc.text(), start, end);
      expectedStart = end;
    }
    assertEquals(doc.text(), joined.toString());
  }

  @Test
  void renderReadsAUsersJsonLinesDataset() throws IOException {
    // given
    Path file = tmp.resolve("notes.jsonl");
    Files.writeString(
        file,
        "{\"id\": \"n1\", \"text\": \"Rash after penicillin.\", \"entities\": []}\n",
        StandardCharsets.UTF_8);

    // when
    Result r =
        render(
            "--prompt",
            "json-all-labels",
            "--dataset",
            file.toString(),
            "--labels",
            "adverse event,drug",
            "--doc",
            "n1");

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("{\"adverse event\": [\"...\"], \"drug\": [\"...\"]}\n"), r.out());
    assertTrue(r.out().endsWith("Text:\nRash after penicillin.\n"), r.out());
  }

  @Test
  void fewShotOnTheTrainingSplitIsAUsageError() {
    // when
    Result r =
        render("--prompt", "json-few-shot", "--dataset", "ncbi", "--split", "train", "--doc", "x");

    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: prompt json-few-shot draws its examples from the train split, which is the split"
            + " being evaluated; evaluate another split\n",
        r.err());
  }

  @Test
  void unknownDocumentIsAUsageError() {
    Result r = render("--prompt", "list-per-label", "--dataset", "ncbi", "--doc", "nope");
    assertEquals(2, r.code());
    assertEquals(
        "ncer: document 'nope' is not in ncbi test (100 documents; the first ids: 9949209,"
            + " 9950360, 9634518)\n",
        r.err());
  }

  @Test
  void unknownModeIsAUsageError() {
    Result r =
        render(
            "--prompt", "list-per-label", "--mode", "per-doc", "--dataset", "ncbi", "--doc", "x");
    assertEquals(2, r.code());
    assertEquals("ncer: --mode 'per-doc' is unknown; expected all-labels or per-label\n", r.err());
  }

  @Test
  void badPromptFileIsAUsageErrorNamingTheLine() throws IOException {
    // given
    Path file = tmp.resolve("bad.yaml");
    Files.writeString(file, "name: bad\nversion: 1\nmode: all-labels\noutput: csv\nuser: x\n");

    // when
    Result r = render("--prompt", file.toString(), "--dataset", "ncbi", "--doc", "9949209");

    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: "
            + file
            + " line 4: field 'output': unknown value 'csv'; expected json, list, html or auto\n",
        r.err());
  }
}
