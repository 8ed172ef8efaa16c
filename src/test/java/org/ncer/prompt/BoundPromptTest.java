package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;
import org.ncer.TestData;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.span.Mention;
import org.ncer.span.Span;

class BoundPromptTest {
  private static final ExampleSource NO_TRAIN = (dataset, split) -> List.of();

  private static final Document NOTE =
      new Document("d1", "Tamoxifen was stopped after a deep vein thrombosis.", List.of());

  private static Dataset dataset(String name, String... labels) {
    return new Dataset(name, "test", List.of(labels), List.of());
  }

  private static PromptTemplate yaml(String content) {
    return PromptFileReader.read(content, "p.yaml");
  }

  // ---- the shipped prompts, rendered; the expected messages are the contract with the model

  @Test
  void jsonAllLabelsAsksForEveryLabelOfTheDatasetInOneCall() {
    // when
    List<PromptCall> calls =
        PromptTemplate.load("json-all-labels")
            .bind(dataset("bc5cdr", "condition", "drug"), NO_TRAIN)
            .render(NOTE, 0);

    // then
    assertEquals(1, calls.size());
    PromptCall call = calls.get(0);
    assertEquals(null, call.label());
    assertEquals(
        List.of(
            Message.system(
                "You are a clinical annotation assistant. You find mentions of clinical entities in"
                    + " text and copy each one exactly as it is written."),
            Message.user(
                """
                Find every mention of these entity types in the text below:
                - condition: a disease, disorder, syndrome, injury, sign or symptom
                - drug: a medication, chemical or other substance given to prevent, diagnose or treat illness

                Rules:
                - Copy each mention character for character from the text. Do not correct, expand or explain it.
                - Give each distinct mention once, even when it occurs several times.
                - Keep a phrase that names several entities together, such as "breast and ovarian cancer", as one mention.
                - Give an empty list for a type the text does not mention.

                Answer with one JSON object and nothing else, with exactly these keys:
                {"condition": ["..."], "drug": ["..."]}

                Text:
                Tamoxifen was stopped after a deep vein thrombosis.""")),
        call.messages());
  }

  @Test
  void listPerLabelMakesOneCallPerBenchmarkQueryWord() {
    // given
    BoundPrompt bound =
        PromptTemplate.load("list-per-label")
            .bind(dataset("biored", "condition", "drug", "gene", "gene variant"), NO_TRAIN);

    // when
    List<PromptCall> calls = bound.render(NOTE, 0);

    // then: BENCHMARK.md 4.1, BIORED {disease, medical condition; drug, chemical; gene; gene
    // variant}
    assertEquals(
        List.of(
            "condition/disease",
            "condition/medical condition",
            "drug/drug",
            "drug/chemical",
            "gene/gene",
            "gene variant/gene variant"),
        calls.stream().map(c -> c.label() + "/" + c.query()).toList());
    assertEquals(
        List.of(
            Message.system(
                "You are a medical language assistant that picks out clinical entities from text."),
            Message.user(
                """
                Find the entities of type "chemical" in the text below and give them as a list of strings.
                Reply with a Python list only, with no comment, explanation or note around it.
                When entities are joined by "and" or "or", as in 'kidney and liver failure', keep the whole phrase as one string.
                If there is no such entity, reply with an empty list.
                A reply looks like this: ['first entity', 'second entity']

                Text: Tamoxifen was stopped after a deep vein thrombosis.""")),
        calls.get(3).messages());
  }

  @Test
  void listPerLabelAsksNcbiOnlyForConditions() {
    // when
    List<PromptCall> calls =
        PromptTemplate.load("list-per-label")
            .bind(dataset("ncbi", "condition"), NO_TRAIN)
            .render(NOTE, 0);

    // then: BENCHMARK.md 4.1, NCBI {disease, medical condition}
    assertEquals(
        List.of("disease", "medical condition"), calls.stream().map(PromptCall::query).toList());
  }

  @Test
  void htmlInlineListsTheClassesOfTheDatasetAndItsAliases() {
    // given
    BoundPrompt bound =
        PromptTemplate.load("html-inline").bind(dataset("ncbi", "condition"), NO_TRAIN);

    // when
    List<PromptCall> calls = bound.render(NOTE, 0);

    // then: no drug class for a dataset scored on conditions only (BENCHMARK.md 4.2)
    assertEquals(
        List.of(
            Message.system("You are an assistant that marks up clinical text."),
            Message.user(
                """
                Rewrite the text below as HTML: wrap every mention of the entity types listed here in a span tag whose class is the type.
                - <span class="disorder">...</span> marks a disorder: a disease or another condition that disturbs the normal working of body or mind
                - <span class="symptom">...</span> marks a symptom: a physical or mental sign of a condition, often one the patient notices

                Copy the text exactly, character for character, with its spacing and punctuation, and only add the tags. Do not summarise, reformat or explain it, and write nothing before or after it. Text without such entities stays as it is.

                Example
                Input: Her migraine improved on sumatriptan.
                Output: Her <span class="disorder">migraine</span> improved on sumatriptan.

                Text:
                Tamoxifen was stopped after a deep vein thrombosis.""")),
        calls.get(0).messages());
    assertEquals(
        Map.of("disorder", "condition", "symptom", "condition", "disease", "condition"),
        bound.aliases());
  }

  @Test
  void htmlInlineNamesAClassForALabelItDoesNotKnow() {
    // when
    String user =
        PromptTemplate.load("html-inline")
            .bind(dataset("mine", "adverse event"), NO_TRAIN)
            .render(NOTE, 0)
            .get(0)
            .messages()
            .get(1)
            .content();

    // then
    assertTrue(
        user.contains("\n- <span class=\"adverse-event\">...</span> marks a adverse-event\n"),
        user);
  }

  @Test
  void jsonFewShotShowsExamplesFromTheTrainingSplit() {
    // given: the training split the examples come from
    List<Document> train =
        List.of(
            new Document(
                "t1",
                "Warfarin was started for atrial fibrillation.",
                List.of(Mention.of(0, 8, "drug"), Mention.of(25, 44, "condition"))),
            new Document("t2", "No history of asthma.", List.of(Mention.of(14, 20, "condition"))));
    List<String> asked = new java.util.ArrayList<>();
    ExampleSource source =
        (name, split) -> {
          asked.add(name + "/" + split);
          return train;
        };

    // when
    BoundPrompt bound =
        PromptTemplate.load("json-few-shot").bind(dataset("bc5cdr", "condition", "drug"), source);
    String user = bound.render(NOTE, 0).get(0).messages().get(1).content();

    // then: t2 comes first in the seed's hash order
    assertEquals(List.of("bc5cdr/train"), asked);
    assertEquals(
        """
        Find every mention of these entity types in a text:
        - condition: a disease, disorder, syndrome, injury, sign or symptom
        - drug: a medication, chemical or other substance given to prevent, diagnose or treat illness

        Rules:
        - Copy each mention character for character from the text. Do not correct, expand or explain it.
        - Give each distinct mention once, even when it occurs several times.
        - Keep a phrase that names several entities together, such as "breast and ovarian cancer", as one mention.
        - Give an empty list for a type the text does not mention.
        - Answer with one JSON object and nothing else, keyed by the entity types, as in the examples.

        Example 1
        Text:
        No history of asthma.
        Answer:
        {"condition": ["asthma"], "drug": []}

        Example 2
        Text:
        Warfarin was started for atrial fibrillation.
        Answer:
        {"condition": ["atrial fibrillation"], "drug": ["Warfarin"]}

        Now the text to annotate.
        Text:
        Tamoxifen was stopped after a deep vein thrombosis.""",
        user);
  }

  @Test
  void fewShotDrawsTrimmedExamplesCoveringEveryLabelFromTheRealTrainingSplit() {
    // given
    Path dataDir = TestData.dataDir();
    Dataset test = Datasets.load(dataDir, "biored", "test");
    List<Document> train = Datasets.load(dataDir, "biored", "train").documents();

    // when
    List<Example> examples =
        PromptTemplate.load("json-few-shot").bind(test, ExampleSource.of(dataDir)).examples();

    // then: three, each the start of a training document, at most 600 characters, and
    // together showing every label
    assertEquals(3, examples.size());
    for (Example e : examples) {
      assertTrue(e.text().length() <= 600, e.text());
      assertTrue(train.stream().anyMatch(d -> d.text().startsWith(e.text())), e.text());
    }
    for (String label : test.labels()) {
      assertTrue(examples.stream().anyMatch(e -> !e.entities().get(label).isEmpty()), label);
    }
  }

  @Test
  void fewShotNeverDrawsFromTheSplitBeingEvaluated() {
    // given
    Dataset evaluated = new Dataset("bc5cdr", "train", List.of("condition", "drug"), List.of());
    PromptTemplate fewShot = PromptTemplate.load("json-few-shot");

    // when
    NcerException e = assertThrows(NcerException.class, () -> fewShot.bind(evaluated, NO_TRAIN));

    // then
    assertEquals(
        "prompt json-few-shot draws its examples from the train split, which is the split being"
            + " evaluated; evaluate another split",
        e.getMessage());
  }

  @Test
  void fewShotWithNothingToDrawIsAnError() {
    NcerException e =
        assertThrows(
            NcerException.class,
            () ->
                PromptTemplate.load("json-few-shot").bind(dataset("ncbi", "condition"), NO_TRAIN));
    assertEquals(
        "prompt json-few-shot: the train split of ncbi has no document with a mention of"
            + " condition to draw examples from",
        e.getMessage());
  }

  // ---- label queries and aliases per dataset

  private static final String PER_DATASET =
      """
      name: per-dataset
      version: 1
      mode: per-label
      output: list
      user: "{{ entity }}: {{ text }}"
      label_queries:
        condition: [disease, medical condition]
        drug: drug
      aliases:
        disorder: condition
        gene-variant: gene variant
      datasets:
        chia:
          label_queries:
            condition: [condition]
            procedure: [procedure, surgery]
          aliases:
            operation: procedure
      """;

  @Test
  void datasetSectionReplacesTheQueriesOfTheLabelsItNames() {
    // when
    BoundPrompt chia =
        yaml(PER_DATASET)
            .bind(dataset("chia", "condition", "drug", "procedure", "measurement"), NO_TRAIN);

    // then: condition and procedure from the chia section, drug global, measurement by name
    assertEquals(
        List.of(
            new LabelQuery("condition", "condition"),
            new LabelQuery("drug", "drug"),
            new LabelQuery("procedure", "procedure"),
            new LabelQuery("procedure", "surgery"),
            new LabelQuery("measurement", "measurement")),
        chia.queries());
  }

  @Test
  void otherDatasetsKeepTheGlobalQueries() {
    assertEquals(
        List.of(
            new LabelQuery("condition", "disease"),
            new LabelQuery("condition", "medical condition")),
        yaml(PER_DATASET).bind(dataset("ncbi", "condition"), NO_TRAIN).queries());
  }

  @Test
  void aliasesMergePerDatasetAndKeepOnlyThoseLeadingToTheDatasetsLabels() {
    // when
    Map<String, String> chia =
        yaml(PER_DATASET)
            .bind(dataset("chia", "condition", "drug", "procedure", "measurement"), NO_TRAIN)
            .aliases();

    // then: gene-variant leads to a label CHIA is not scored on
    assertEquals(Map.of("disorder", "condition", "operation", "procedure"), chia);
  }

  @Test
  void perLabelVariablesNameTheQueryAndItsLabel() {
    // given
    PromptTemplate t =
        yaml(
            """
            name: vars
            version: 1
            mode: per-label
            output: list
            user: "{{ dataset }} {{ label }} <- {{ entity }} of {{ labels | join('/') }}: {{ text }}"
            label_queries:
              drug: [chemical]
            """);

    // when
    PromptCall call =
        t.bind(dataset("bc5cdr", "drug", "condition"), NO_TRAIN).render(NOTE, 0).get(0);

    // then
    assertEquals(
        "bc5cdr drug <- chemical of drug/condition: " + NOTE.text(),
        call.messages().get(0).content());
  }

  // ---- long notes

  private static final String SHORT_PROMPT =
      """
      name: short
      version: 1
      mode: all-labels
      output: json
      system: List entities.
      user: "Text: {{ text }}"
      """;

  @Test
  void noteThatFitsIsSentWhole() {
    // given: 14 + 6 + 51 = 71 characters
    List<PromptCall> calls =
        yaml(SHORT_PROMPT).bind(dataset("x", "condition"), NO_TRAIN).render(NOTE, 71);

    // then
    assertEquals(1, calls.size());
    assertEquals(71, calls.get(0).promptChars());
  }

  @Test
  void longNoteIsSplitAtSentencesSoEveryCallFits() {
    // given: 20 characters of prompt around the note leave 30 for the text; the second piece
    // ends at the sentence end within its 30 characters, and the rest fits
    Document note =
        new Document(
            "d2",
            "Fever began on day one. Aspirin was given. The rash faded.",
            List.of(Mention.of(24, 31, "drug")));

    // when
    List<PromptCall> calls =
        yaml(SHORT_PROMPT).bind(dataset("x", "drug"), NO_TRAIN).render(note, 50);

    // then
    assertEquals(
        List.of("Fever began on day one. ", "Aspirin was given. ", "The rash faded."),
        calls.stream().map(PromptCall::chunkText).toList());
    assertEquals(List.of(0, 24, 43), calls.stream().map(PromptCall::chunkStart).toList());
    assertEquals(
        List.of(Message.system("List entities."), Message.user("Text: Aspirin was given. ")),
        calls.get(1).messages());
    calls.forEach(c -> assertTrue(c.promptChars() <= 50, c.toString()));
  }

  @Test
  void spanFoundInAChunkShiftsBackToTheNote() {
    // given: the second chunk starts at 24; the model finds "Aspirin" at [0..7) of it
    Document note =
        new Document("d2", "Fever began on day one. Aspirin was given. The rash faded.", List.of());
    PromptCall second =
        yaml(SHORT_PROMPT).bind(dataset("x", "drug"), NO_TRAIN).render(note, 50).get(1);

    // when
    Span inNote = second.toDocument(Span.of(0, 7));

    // then
    assertEquals(Span.of(24, 31), inNote);
    assertEquals("Aspirin", inNote.of(note.text()));
  }

  @Test
  void perLabelCallsAreMadeForEveryChunk() {
    // given
    PromptTemplate t =
        yaml(
            """
            name: pl
            version: 1
            mode: per-label
            output: list
            user: "{{ entity }}: {{ text }}"
            label_queries:
              drug: [drug, chemical]
            """);
    Document note = new Document("d3", "One two. Three four.", List.of());

    // when: "chemical: " is 10 characters, so 10 are left for the note: "One two. " fits, "Three
    // four." does not and is cut at the space
    List<PromptCall> calls = t.bind(dataset("x", "drug"), NO_TRAIN).render(note, 20);

    // then
    assertEquals(
        List.of("drug@0", "chemical@0", "drug@9", "chemical@9", "drug@15", "chemical@15"),
        calls.stream().map(c -> c.query() + "@" + c.chunkStart()).toList());
  }

  @Test
  void noteShownTwiceGetsSmallerChunks() {
    // given: the prompt carries the note twice
    PromptTemplate t =
        yaml(
            """
            name: twice
            version: 1
            mode: all-labels
            output: json
            user: "{{ text }}|{{ text }}"
            """);
    Document note = new Document("d4", "aaaa bbbb cccc dddd", List.of());

    // when
    List<PromptCall> calls = t.bind(dataset("x", "drug"), NO_TRAIN).render(note, 11);

    // then
    assertEquals(
        List.of("aaaa ", "bbbb ", "cccc ", "dddd"),
        calls.stream().map(PromptCall::chunkText).toList());
    calls.forEach(c -> assertTrue(c.promptChars() <= 11, c.toString()));
  }

  @Test
  void maxCharsBelowThePromptItselfIsAnError() {
    // given: "List entities." and "Text: " take 20 characters
    BoundPrompt bound = yaml(SHORT_PROMPT).bind(dataset("x", "drug"), NO_TRAIN);

    // when
    NcerException e = assertThrows(NcerException.class, () -> bound.render(NOTE, 20));

    // then
    assertEquals(
        "prompt short takes 20 characters for x before any note text; --max-chars 20 leaves no"
            + " room for the note",
        e.getMessage());
  }
}
