package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.model.ResponseFormat;
import org.ncer.span.Mention;

class PromptFileReaderTest {

  private static final ExampleSource NO_TRAIN = (dataset, split) -> List.of();

  private static final String MINIMAL =
      """
      name: minimal
      version: 2
      mode: per-label
      output: list
      user: "Find {{ entity }} in: {{ text }}"
      """;

  private static String error(String yaml) {
    return assertThrows(NcerException.class, () -> PromptFileReader.read(yaml, "p.yaml"))
        .getMessage();
  }

  @Test
  void readsTheRequiredFieldsAndLeavesTheRestEmpty() {
    // when
    PromptTemplate t = PromptFileReader.read(MINIMAL, "p.yaml");

    // then
    assertEquals("minimal", t.name());
    assertEquals(2, t.version());
    assertEquals(Mode.PER_LABEL, t.mode());
    assertEquals(OutputFormat.LIST, t.output());
    assertEquals("", t.description());
    assertEquals(Map.of(), t.aliases());
    assertTrue(!t.drawsExamples());
    assertNull(((MessageLayout.Yaml) t.layout()).system());
  }

  @Test
  void anUnknownExampleSplitIsAnErrorAtItsLine() {
    assertEquals(
        "p.yaml line 7: field 'examples.split': unknown split 'trian'; use train, dev or test"
            + " (validation means dev)",
        error(
            MINIMAL
                + """
                examples:
                  split: trian
                """));
  }

  @Test
  void drawnExamplesCannotComeFromAUserFile() {
    // given: a user file named like a built-in dataset, whose train split the source would give
    PromptTemplate t =
        PromptFileReader.read(
            MINIMAL
                + """
                examples:
                  split: validation
                """,
            "p.yaml");
    Dataset file = new Dataset("ncbi", Datasets.FILE_SPLIT, List.of("condition"), List.of());
    ExampleSource source =
        (dataset, split) ->
            List.of(new Document("t", "fever", List.of(Mention.of(0, 5, "condition"))));

    // when
    String message = assertThrows(NcerException.class, () -> t.bind(file, source)).getMessage();

    // then
    assertEquals(
        "prompt minimal draws its examples from the dev split, and ncbi is a user file without"
            + " one; use a prompt without drawn examples",
        message);
  }

  @Test
  void badYamlNamesTheLine() {
    assertEquals(
        "p.yaml line 3: not valid YAML: mapping values are not allowed here",
        error(
            """
            name: x
            version: 1
            mode: all-labels: json
            """));
  }

  @Test
  void unknownModeNamesTheLineAndTheChoices() {
    assertEquals(
        "p.yaml line 3: field 'mode': unknown value 'per-doc'; expected all-labels or per-label",
        error(MINIMAL.replace("mode: per-label", "mode: per-doc")));
  }

  @Test
  void unknownOutputNamesTheLineAndTheChoices() {
    assertEquals(
        "p.yaml line 4: field 'output': unknown value 'xml'; expected json, list, html or auto",
        error(MINIMAL.replace("output: list", "output: xml")));
  }

  @Test
  void unknownFieldIsAnError() {
    assertEquals(
        "p.yaml line 6: unknown field 'lable_queries'; known: aliases, datasets, description,"
            + " examples, json_schema, label_queries, markup, mode, name, output, response_format,"
            + " system, user, version",
        error(MINIMAL + "lable_queries: {condition: disease}\n"));
  }

  @Test
  void missingUserTemplateIsAnError() {
    assertEquals(
        "p.yaml line 1: field 'user': missing; it is required",
        error(MINIMAL.replace("user: \"Find {{ entity }} in: {{ text }}\"\n", "")));
  }

  @Test
  void fieldGivenTwiceIsAnError() {
    assertEquals("p.yaml line 6: 'version' is given twice", error(MINIMAL + "version: 3\n"));
  }

  @Test
  void versionMustBeAPositiveWholeNumber() {
    assertEquals(
        "p.yaml line 2: field 'version': 'one' is not a positive whole number",
        error(MINIMAL.replace("version: 2", "version: one")));
  }

  @Test
  void emptyFileIsAnError() {
    assertEquals("p.yaml: the prompt file is empty", error("# nothing here\n"));
  }

  @Test
  void templateErrorLineCountsFromTheBlockScalarContent() {
    // given: the bad tag is on line 8 of the file, the second line of the block
    String yaml =
        """
        name: broken
        version: 1
        mode: all-labels
        output: json
        system: Be careful.
        user: |
          Text: {{ text }}
          {% if labels %}never closed
        """;
    PromptTemplate t = PromptFileReader.read(yaml, "p.yaml");
    TemplateText user = ((MessageLayout.Yaml) t.layout()).user();

    // when
    NcerException e =
        assertThrows(
            NcerException.class, () -> user.render(Map.of("text", "x", "labels", List.of("a"))));

    // then
    assertEquals(
        "p.yaml line 8: field 'user': Syntax error in '{% if labels %}': Missing end tag: endif"
            + " for tag defined as: {% if labels %}",
        e.getMessage());
  }

  @Test
  void labelQueriesTakeOneWordOrAListPerLabel() {
    // given
    String yaml =
        MINIMAL
            + """
            label_queries:
              condition: [disease, medical condition]
              drug: chemical
            """;

    // when
    PromptTemplate t = PromptFileReader.read(yaml, "p.yaml");

    // then: gene has no words, so it is asked by its own name
    assertEquals(
        List.of(
            new LabelQuery("condition", "disease"),
            new LabelQuery("condition", "medical condition"),
            new LabelQuery("drug", "chemical"),
            new LabelQuery("gene", "gene")),
        t.bind(
                new Dataset("any", "test", List.of("condition", "drug", "gene"), List.of()),
                NO_TRAIN)
            .queries());
  }

  @Test
  void emptyQueryListIsAnError() {
    assertEquals(
        "p.yaml line 7: field 'label_queries.drug': is an empty list",
        error(MINIMAL + "label_queries:\n  drug: []\n"));
  }

  @Test
  void literalExampleMentionMustOccurInItsText() {
    // given
    String yaml =
        MINIMAL
            + """
            examples:
              - text: Fever after aspirin.
                entities:
                  condition: [fever]
            """;

    // then: matching is exact, so the lower-case "fever" is not in the text
    assertEquals(
        "p.yaml line 9: field 'examples[0].entities.condition': 'fever' does not occur in the"
            + " example's text",
        error(yaml));
  }

  @Test
  void exampleRuleOutsideItsLimitsIsAnError() {
    assertEquals(
        "p.yaml line 7: field 'examples': example count 50 is not between 1 and 20",
        error(MINIMAL + "examples:\n  count: 50\n"));
  }

  @Test
  void exampleRuleFillsItsDefaults() {
    // when
    PromptTemplate t = PromptFileReader.read(MINIMAL + "examples: {count: 2}\n", "p.yaml");

    // then
    assertTrue(t.drawsExamples());
  }

  @Test
  void responseFormatIsTextUnlessGiven() {
    assertEquals(ResponseFormat.text(), PromptFileReader.read(MINIMAL, "p.yaml").responseFormat());
    assertEquals(
        new ResponseFormat.JsonObject(),
        PromptFileReader.read(MINIMAL + "response_format: json\n", "p.yaml").responseFormat());
  }

  @Test
  void jsonSchemaIsReadAsJson() {
    String yaml =
        MINIMAL
            + """
            response_format: json_schema
            json_schema:
              type: object
              properties:
                condition: {type: array, items: {type: string}}
              required: [condition]
            """;
    ResponseFormat f = PromptFileReader.read(yaml, "p.yaml").responseFormat();
    assertEquals(
        new ResponseFormat.JsonSchema(
            "minimal",
            "{\"type\":\"object\",\"properties\":{\"condition\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"string\"}}},\"required\":[\"condition\"]}"),
        f);
  }

  @Test
  void markupIsNoneUnlessGivenAndNamesItsMarks() {
    assertEquals(Markup.NONE, PromptFileReader.read(MINIMAL, "p.yaml").markup());
    assertEquals(
        Markup.BRACKETS, PromptFileReader.read(MINIMAL + "markup: brackets\n", "p.yaml").markup());
    assertEquals(Markup.BOLD, PromptFileReader.read(MINIMAL + "markup: Bold\n", "p.yaml").markup());
  }

  @Test
  void unknownMarkupNamesTheLineAndTheChoices() {
    assertEquals(
        "p.yaml line 6: field 'markup': unknown value 'underline'; expected none, brackets or bold",
        error(MINIMAL + "markup: underline\n"));
    assertEquals(
        "p.yaml line 6: field 'markup': expected text, found a list",
        error(MINIMAL + "markup: [brackets]\n"));
  }

  @Test
  void responseFormatErrorsNameLineAndField() {
    assertEquals(
        "p.yaml line 6: field 'response_format': unknown value 'xml'; expected text, json or"
            + " json_schema",
        error(MINIMAL + "response_format: xml\n"));
    assertEquals(
        "p.yaml line 6: field 'json_schema': missing; response_format json_schema needs it",
        error(MINIMAL + "response_format: json_schema\n"));
    assertEquals(
        "p.yaml line 6: field 'json_schema': is only read with response_format: json_schema",
        error(MINIMAL + "json_schema: {type: object}\n"));
  }
}
