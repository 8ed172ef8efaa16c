package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Document;

class PromptTemplateTest {
  private static final ExampleSource NO_TRAIN = (dataset, split) -> List.of();

  // A note with a Windows line end, braces that look like Jinja, and a trailing newline.
  private static final Document NOTE =
      new Document("n1", "Fever and {{ rash }} after insulin.\r\nNo relapse.\n", List.of());

  private static final Dataset NCBI = new Dataset("ncbi", "test", List.of("condition"), List.of());

  private static Path fixture(String name) {
    try {
      return Path.of(PromptTemplateTest.class.getResource("/prompt/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Message> firstCall(PromptTemplate t) {
    return t.bind(NCBI, NO_TRAIN).render(NOTE, 0).get(0).messages();
  }

  @Test
  void shippedPromptsLoadWithTheirSettings() {
    // when
    List<String> summary = PromptTemplate.shipped().stream().map(PromptTemplate::toString).toList();

    // then
    assertEquals(
        List.of(
            "json-all-labels v1 (all-labels, json)",
            "list-per-label v1 (per-label, list)",
            "html-inline v1 (all-labels, html)",
            "json-few-shot v1 (all-labels, json)"),
        summary);
  }

  @Test
  void everyShippedPromptHasAOneLineDescription() {
    for (PromptTemplate t : PromptTemplate.shipped()) {
      assertFalse(t.description().isBlank(), t.name());
      assertFalse(t.description().contains("\n"), t.name());
    }
  }

  @Test
  void promptsFolderHoldsExactlyTheShippedPrompts() throws IOException {
    // given: the folder packed into the jar
    try (Stream<Path> files = Files.list(Path.of("prompts"))) {
      List<String> yaml =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .map(n -> n.substring(0, n.length() - ".yaml".length()))
              .sorted()
              .toList();

      // then
      assertEquals(PromptTemplate.shippedNames().stream().sorted().toList(), yaml);
    }
  }

  @Test
  void onlyTheFewShotPromptDrawsExamples() {
    assertEquals(
        List.of("json-few-shot"),
        PromptTemplate.shipped().stream()
            .filter(PromptTemplate::drawsExamples)
            .map(PromptTemplate::name)
            .toList());
  }

  @Test
  void unknownNameListsTheShippedPrompts() {
    NcerException e = assertThrows(NcerException.class, () -> PromptTemplate.load("json"));
    assertEquals(
        "unknown prompt 'json'; shipped: json-all-labels, list-per-label, html-inline,"
            + " json-few-shot; or give a path to a .yaml, .yml or .jinja file",
        e.getMessage());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("mine.yaml");
    NcerException e =
        assertThrows(NcerException.class, () -> PromptTemplate.load(missing.toString()));
    assertEquals(missing + ": no such prompt file", e.getMessage());
  }

  @Test
  void yamlFileLoadsByPath(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("mine.yml");
    Files.writeString(
        file,
        """
        name: mine
        version: 3
        description: Asks for every label.
        mode: all-labels
        output: json
        user: "Labels: {{ labels | join(', ') }}. Note: {{ text }}"
        """);

    // when
    PromptTemplate t = PromptTemplate.load(file.toString());

    // then
    assertEquals("mine v3 (all-labels, json)", t.toString());
    assertEquals(file.toString(), t.origin());
    assertEquals(List.of(Message.user("Labels: condition. Note: " + NOTE.text())), firstCall(t));
  }

  @Test
  void typoInATemplateFailsAtLoadNamingTheFileAndLine(@TempDir Path dir) throws IOException {
    // given: line 6 uses a variable that does not exist
    Path file = dir.resolve("typo.yaml");
    Files.writeString(
        file,
        """
        name: typo
        version: 1
        mode: all-labels
        output: json
        user: |
          Find {{ lables | join(', ') }} in:
          {{ text }}
        """);

    // when
    NcerException e = assertThrows(NcerException.class, () -> PromptTemplate.load(file.toString()));

    // then
    assertEquals(
        file
            + " line 6: field 'user': unknown variable 'lables' (defined here: dataset, examples,"
            + " labels, text)",
        e.getMessage());
  }

  @Test
  void perLabelVariablesAreUndefinedInAllLabelsMode() {
    // when: list-per-label asks for {{ entity }}, which only per-label mode defines
    NcerException e =
        assertThrows(
            NcerException.class,
            () -> PromptTemplate.load("list-per-label", Mode.ALL_LABELS, null));

    // then
    assertEquals(
        "prompts/list-per-label.yaml line 11: field 'user': unknown variable 'entity' (defined"
            + " here: dataset, examples, labels, text)",
        e.getMessage());
  }

  @Test
  void overridesReplaceModeAndOutput() {
    PromptTemplate t = PromptTemplate.load("json-all-labels", null, OutputFormat.AUTO);
    assertEquals("json-all-labels v1 (all-labels, auto)", t.toString());
  }

  // ---- benchmark .jinja templates; expected messages produced by Jinja2 3.1.6 the way the
  // benchmark's PromptTemplate.create_model_input renders them.

  @Test
  void jinjaWithInstructionFlagsRendersSystemAndUserAsTheBenchmarkDoes() {
    // given
    PromptTemplate t =
        PromptTemplate.load(
            fixture("flags-per-label.jinja").toString(), Mode.PER_LABEL, OutputFormat.LIST);

    // when
    PromptCall call = t.bind(NCBI, NO_TRAIN).render(NOTE, 0).get(0);

    // then
    assertEquals("disease", call.query());
    assertEquals(
        List.of(
            Message.system(
                "You are a clinical assistant that lists medical entities found in a text."),
            Message.user(
                """
                Read the Text and list the entities that are a kind of disease, as a list of strings.
                Print only the python list, with nothing else such as a remark or an explanation.
                Keep phrases like 'heart and kidney disease' whole, as one entity.
                Print an empty list if the Text has none.
                For example: '['first_entity', 'second_entity']'

                Text: Fever and {{ rash }} after insulin.\r
                No relapse.
                """)),
        call.messages());
  }

  @Test
  void jinjaTakesTheBenchmarkQueryWordsAndAliases() {
    // given
    PromptTemplate t =
        PromptTemplate.load(
            fixture("flags-per-label.jinja").toString(), Mode.PER_LABEL, OutputFormat.LIST);
    Dataset biored =
        new Dataset(
            "biored", "test", List.of("condition", "drug", "gene", "gene variant"), List.of());

    // when
    BoundPrompt bound = t.bind(biored, NO_TRAIN);

    // then: BENCHMARK.md 4.1 (queries) and 4.2 (HTML classes)
    assertEquals(
        List.of(
            "disease -> condition",
            "medical condition -> condition",
            "drug",
            "chemical -> drug",
            "gene",
            "gene variant"),
        bound.queries().stream().map(LabelQuery::toString).toList());
    assertEquals(
        Map.of(
            "disorder", "condition",
            "symptom", "condition",
            "disease", "condition",
            "gene-variant", "gene variant"),
        bound.aliases());
  }

  @Test
  void jinjaHtmlTemplateKeepsItsBlankLinesAndDropsTheFileEndNewline() {
    // when
    List<Message> messages = firstCall(PromptTemplate.load(fixture("flags-html.jinja").toString()));

    // then: "Input: " and "Output: " end with a space, as in the file
    assertEquals(
        List.of(
            Message.system("You are an assistant."),
            Message.user(
                """
                You mark up clinical entities in a text as HTML.

                ## Task
                Copy the input and wrap each disorder, symptom or drug in <span class='TYPE' > tags.

                ## Example
                Input:\s
                He takes insulin for diabetes .
                Output:\s
                He takes <span class="drug" >insulin</span >for <span class="disorder" >diabetes</span >.

                ## Input:
                Fever and {{ rash }} after insulin.\r
                No relapse.



                ## Output:
                """)),
        messages);
  }

  @Test
  void jinjaModeDefaultsFromWhetherItAsksForAnEntity() {
    assertEquals(
        Mode.PER_LABEL, PromptTemplate.load(fixture("flags-per-label.jinja").toString()).mode());
    assertEquals(
        Mode.ALL_LABELS, PromptTemplate.load(fixture("flags-html.jinja").toString()).mode());
    assertEquals(
        OutputFormat.AUTO, PromptTemplate.load(fixture("flags-html.jinja").toString()).output());
  }

  @Test
  void jinjaWithoutInstructionFlagsIsOneUserMessage() {
    // when
    List<Message> messages =
        firstCall(PromptTemplate.load(fixture("single-message.jinja").toString()));

    // then
    assertEquals(
        List.of(
            Message.user(
                """
                An assistant answers a user's questions about a text.
                USER: Text: Fever and {{ rash }} after insulin.\r
                No relapse.

                ASSISTANT: I have read the text.
                USER: Which parts of the text describe disease?
                ASSISTANT:\s""")),
        messages);
  }

  @Test
  void jinjaWithoutTheNoteIsTheSystemMessageAndTheNoteFollows() {
    // when
    List<Message> messages =
        firstCall(PromptTemplate.load(fixture("instruction-only.jinja").toString()));

    // then
    assertEquals(
        List.of(
            Message.system(
                """
                You are a medical assistant that finds entities in the text you are given.
                List the entities that describe disease as a python list of strings.
                Print nothing but the list."""),
            Message.user(NOTE.text())),
        messages);
  }

  @Test
  void jinjaSyntaxErrorNamesTheFileAndLine(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("bad.jinja");
    Files.writeString(file, "Text: {{ text }}\n{% for x in %}\n");

    // when
    NcerException e = assertThrows(NcerException.class, () -> PromptTemplate.load(file.toString()));

    // then
    assertTrue(e.getMessage().startsWith(file + " line 2: "), e.getMessage());
  }
}
