package org.ncer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ncer.prompt.OutputFormat;

class AnswerParserTest {

  /**
   * Answer styles real models return, each as {@code === name}, the answer, {@code --- status},
   * then the expected candidates one per line as {@code text | label} ({@code text} alone when the
   * answer gives no label). Read with the default parser (auto) and the benchmark's labels.
   */
  private static final String STYLES =
      """
      === json object, labels as keys
      {"condition": ["fever", "cough"], "drug": ["aspirin"]}
      --- ok
      fever | condition
      cough | condition
      aspirin | drug
      === json array of entity objects
      [{"text": "fever", "label": "condition"}, {"text": "aspirin", "label": "drug"}]
      --- ok
      fever | condition
      aspirin | drug
      === entities wrapper with entity and type fields
      {"entities": [{"entity": "fever", "type": "Condition"}, {"entity": "aspirin", "type": "DRUG"}]}
      --- ok
      fever | Condition
      aspirin | DRUG
      === span and category, name and label fields, extra fields ignored
      [{"span": "fever", "category": "condition", "start": 4}, {"name": "aspirin", "label": "drug", "confidence": 0.9}]
      --- ok
      fever | condition
      aspirin | drug
      === plain array of strings
      ["fever", "cough"]
      --- ok
      fever
      cough
      === labels nested under a wrapper
      {"result": {"entities": {"condition": ["fever"], "drug": [{"text": "aspirin"}]}}}
      --- ok
      fever | condition
      aspirin | drug
      === strings mapped to labels
      {"aspirin": "drug", "fever": "condition"}
      --- ok
      aspirin | drug
      fever | condition
      === pairs of string and label
      [["aspirin", "drug"], ["fever", "condition"]]
      --- ok
      aspirin | drug
      fever | condition
      === a label with a list of mentions
      [{"label": "condition", "mentions": ["fever", "cough"]}]
      --- ok
      fever | condition
      cough | condition
      === json in a code fence
      ```json
      {"drug": ["aspirin"]}
      ```
      --- ok
      aspirin | drug
      === python list in a code fence without a language
      ```
      ['fever', 'cough']
      ```
      --- ok
      fever
      cough
      === json in prose before and after
      Sure! Here are the entities: {"condition": ["fever"]} Let me know if you need more.
      --- ok
      fever | condition
      === a citation in prose is not the answer
      As noted [1], the entities are: ["fever"]
      --- ok
      fever
      === trailing commas
      {"condition": ["fever", "cough",], "drug": ["aspirin",],}
      --- repaired
      fever | condition
      cough | condition
      aspirin | drug
      === python list with single quotes
      ['fever', 'cough']
      --- ok
      fever
      cough
      === python dict with constants
      {'condition': ['fever'], 'drug': None, 'negated': False}
      --- ok
      fever | condition
      === python string prefixes
      [u'fever', r"cough"]
      --- ok
      fever
      cough
      === python tuple
      ('fever', 'cough')
      --- ok
      fever
      cough
      === apostrophe inside a single-quoted string
      ['Crohn's disease', 'colitis']
      --- repaired
      Crohn's disease
      colitis
      === escaped apostrophe and unicode escapes
      ['Crohn\\'s disease', "Sj\\u00f6gren syndrome"]
      --- ok
      Crohn's disease
      Sjögren syndrome
      === truncated inside a string: the complete items are kept
      ["fever", "cough", "head
      --- repaired
      fever
      cough
      === truncated inside an entity object: the incomplete entity is dropped
      [{"text": "fever", "label": "condition"}, {"text": "aspirin", "lab
      --- repaired
      fever | condition
      === truncated after a complete string
      {"condition": ["fever", "cough"
      --- repaired
      fever | condition
      cough | condition
      === reasoning block before the answer
      <think>The user wants drugs. [Maybe "aspirin"?] Let me check.</think>
      ["ibuprofen"]
      --- ok
      ibuprofen
      === reasoning block whose opening tag was cut off
      the text mentions a drug, so...</think>["ibuprofen"]
      --- ok
      ibuprofen
      === numbered list
      1. fever
      2. cough
      3) headache
      --- ok
      fever
      cough
      headache
      === bulleted list with emphasis and a lead-in
      Here are the conditions I found:
      - **fever**
      * cough
      • "headache"
      --- ok
      fever
      cough
      headache
      === bullets grouped under label headers
      **Condition:**
      - fever
      - cough
      ### Drug
      - aspirin
      --- ok
      fever | Condition
      cough | Condition
      aspirin | Drug
      === label prefix lines
      Condition: fever, cough
      Drug: aspirin
      --- ok
      fever | Condition
      cough | Condition
      aspirin | Drug
      === labels after the string, only when they name a label
      - aspirin (drug)
      - fever - condition
      - CHF (congestive heart failure)
      --- ok
      aspirin | drug
      fever | condition
      CHF (congestive heart failure)
      === a markdown table with a header
      | # | Entity | Type |
      |---|--------|------|
      | 1 | fever | condition |
      | 2 | **aspirin** | Drug |
      --- ok
      fever | condition
      aspirin | Drug
      === items after a lead-in
      The entities are: fever, cough.
      --- ok
      fever
      cough
      === a label prefix in emphasis
      **Condition**: fever
      --- ok
      fever | Condition
      === one string per line
      fever
      cough
      --- ok
      fever
      cough
      === one line of comma-separated strings
      fever, cough; headache
      --- repaired
      fever
      cough
      headache
      === unquoted list
      [fever, heart failure]
      --- repaired
      fever
      heart failure
      === None
      None
      --- ok
      === no entities found
      No entities found.
      --- ok
      === empty list
      []
      --- ok
      === a sentence saying there is nothing
      There are no drugs mentioned in the text.
      --- ok
      === placeholder items are not entities
      {"condition": ["fever"], "drug": ["None"], "gene": ["N/A", ""]}
      --- ok
      fever | condition
      === bullets that say none
      Condition:
      - None
      --- ok
      === several json values in a row
      {"condition": ["fever"]}
      {"drug": ["aspirin"]}
      --- ok
      fever | condition
      aspirin | drug
      === html spans as the benchmark's prompt asks
      The patient had <span class='condition' >fever</span > after <span class='drug' >aspirin</span >.
      --- ok
      fever | condition
      aspirin | drug
      === html spans in other spellings
      <SPAN CLASS="condition">fever</SPAN> and <span style="x" class=drug>aspirin &amp; codeine</span>
      --- ok
      fever | condition
      aspirin & codeine | drug
      === nested html spans each give a string
      <span class="condition">breast <span class="condition">cancer</span></span>
      --- ok
      cancer | condition
      breast cancer | condition
      === tags named after a label
      <drug>aspirin</drug> for <condition>fever</condition>
      --- ok
      aspirin | drug
      fever | condition
      === html cut off inside a span
      <span class="condition">fever</span> and <span class="drug">aspi
      --- repaired
      fever | condition
      === empty answer
      \s
      --- failed
      === prose only
      The text describes a patient who recovered well after treatment.
      --- failed
      === reasoning that never ends
      <think>First, the conditions. Fever is
      --- failed
      === only reasoning
      <think>nothing to report</think>
      --- failed
      """;

  static Stream<Arguments> styles() {
    List<Arguments> cases = new ArrayList<>();
    for (String block : STYLES.split("(?m)^=== ")) {
      if (block.isBlank()) {
        continue;
      }
      int nl = block.indexOf('\n');
      int sep = block.indexOf("\n--- ");
      String name = block.substring(0, nl);
      String answer = block.substring(nl + 1, sep);
      String expected = block.substring(sep + 5).strip();
      cases.add(Arguments.of(name, answer, expected));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("styles")
  void readsEachAnswerStyle(String name, String answer, String expected) {
    // given the answer and its expectation from the table above

    // when
    ParsedAnswer parsed = AnswerParser.read(answer, OutputFormat.AUTO, LabelResolver.benchmark());

    // then
    assertEquals(expected, describe(parsed), name + " (note: " + parsed.note() + ")");
  }

  /** The status and candidates in the table's notation. */
  static String describe(ParsedAnswer p) {
    StringBuilder b = new StringBuilder(p.status().key());
    for (Candidate c : p.candidates()) {
      b.append('\n').append(c.text());
      if (c.label() != null) {
        b.append(" | ").append(c.label());
      }
    }
    return b.toString();
  }

  @Test
  void candidatePositionsPointAtTheStringInTheAnswer() {
    // given answers of every style whose strings have no escapes
    List<String> answers =
        List.of(
            "```json\n{\"condition\": [\"fever\", \"cough\"], \"drug\": [\"aspirin\"]}\n```",
            "<think>x</think> ['fever', 'cough']",
            "Condition:\n- fever\n- **cough**\nDrug: aspirin, ibuprofen",
            "<span class='condition' > fever</span > and <span class=drug>aspirin</span>",
            "{\"aspirin\": \"drug\"}");
    for (String answer : answers) {
      // when
      ParsedAnswer parsed = AnswerParser.parse(answer, OutputFormat.AUTO);

      // then
      assertTrue(parsed.candidates().size() >= 2 || answer.startsWith("{\"aspirin"), answer);
      for (Candidate c : parsed.candidates()) {
        assertTrue(
            answer.startsWith(c.text(), c.position()), c + " is not at its position in " + answer);
      }
    }
  }

  @Test
  void jsonFormatMarksPythonSyntaxAsRepaired() {
    // given
    String answer = "{'condition': ['fever']}";

    // when
    ParsedAnswer asJson = AnswerParser.parse(answer, OutputFormat.JSON);
    ParsedAnswer asAuto = AnswerParser.parse(answer, OutputFormat.AUTO);

    // then
    assertEquals("repaired\nfever | condition", describe(asJson));
    assertTrue(asJson.note().contains("not json: single quotes"), asJson.note());
    assertEquals("ok\nfever | condition", describe(asAuto));
  }

  @Test
  void listFormatAcceptsJsonAndPythonListsButRepairsOtherStyles() {
    // given
    String python = "['fever', 'cough']";
    String json = "[\"fever\", \"cough\"]";
    String bullets = "- fever\n- cough";
    String object = "{\"condition\": [\"fever\"]}";

    // when / then
    assertEquals("ok\nfever\ncough", describe(AnswerParser.parse(python, OutputFormat.LIST)));
    assertEquals("ok\nfever\ncough", describe(AnswerParser.parse(json, OutputFormat.LIST)));
    ParsedAnswer lines = AnswerParser.parse(bullets, OutputFormat.LIST);
    assertEquals("repaired\nfever\ncough", describe(lines));
    assertTrue(lines.note().contains("expected a list, read lines"), lines.note());
    assertEquals(
        "repaired\nfever | condition", describe(AnswerParser.parse(object, OutputFormat.LIST)));
  }

  @Test
  void htmlFormatRepairsAnAnswerWithoutTags() {
    // given
    String answer = "{\"drug\": [\"aspirin\"]}";

    // when
    ParsedAnswer parsed = AnswerParser.parse(answer, OutputFormat.HTML);

    // then
    assertEquals("repaired\naspirin | drug", describe(parsed));
    assertTrue(parsed.note().contains("expected inline tags"), parsed.note());
  }

  @Test
  void nullAnswerFailsWithAReason() {
    // when
    ParsedAnswer parsed = AnswerParser.parse(null, OutputFormat.AUTO);

    // then
    assertEquals(ParseStatus.FAILED, parsed.status());
    assertEquals("no answer", parsed.note());
  }

  @Test
  void noteSaysWhatWasReadAndRepaired() {
    // given
    String answer = "Here you go:\n```json\n[\"fever\", \"cough\",]\n```";

    // when
    ParsedAnswer parsed = AnswerParser.parse(answer, OutputFormat.JSON);

    // then
    assertEquals("json list; in a code fence; repaired: trailing comma", parsed.note());
  }

  @Test
  void labelNamesAreRecognisedThroughTheGivenResolver() {
    // given a resolver that knows "disorder" as an alias
    LabelResolver labels =
        LabelResolver.of(List.of("condition"), java.util.Map.of("disorder", "condition"));
    String answer = "- fever (disorder)\n- cough (symptom)";

    // when
    ParsedAnswer parsed = AnswerParser.parse(answer, OutputFormat.AUTO, labels);

    // then "symptom" names no label, so the parenthesis stays part of the string
    assertEquals("ok\nfever | disorder\ncough (symptom)", describe(parsed));
  }

  /**
   * Answers the benchmark's {@code parse_generated_list} reads correctly give the same strings
   * here. Expectations from running that function (list_parsers.py) on each answer.
   */
  @ParameterizedTest
  @MethodSource("benchmarkParses")
  void readsWhatTheBenchmarksListParserReads(String answer, List<String> benchmark) {
    // when
    ParsedAnswer parsed = AnswerParser.parse(answer, OutputFormat.LIST);

    // then
    assertEquals(benchmark, parsed.candidates().stream().map(Candidate::text).toList(), answer);
  }

  static Stream<Arguments> benchmarkParses() {
    return Stream.of(
        Arguments.of("['aspirin', 'ibuprofen']", List.of("aspirin", "ibuprofen")),
        Arguments.of("[\"aspirin\", \"ibuprofen\"]", List.of("aspirin", "ibuprofen")),
        Arguments.of("[]", List.of()),
        Arguments.of("['breast and lung cancer']", List.of("breast and lung cancer")),
        Arguments.of("Here is the list: ['fever', 'cough']", List.of("fever", "cough")),
        Arguments.of("[aspirin, heart failure]", List.of("aspirin", "heart failure")),
        Arguments.of("[\"Crohn's disease\", \"colitis\"]", List.of("Crohn's disease", "colitis")),
        Arguments.of("['fever',\n 'cough']", List.of("fever", "cough")),
        Arguments.of("[\"fever\", \"cough\",]", List.of("fever", "cough")));
  }

  /**
   * Where the benchmark's regex shortcut loses or cuts strings, the whole strings are kept. The
   * benchmark gives, in order: {@code ["s disease", "colitis"]}, {@code ["cough"]}, {@code
   * ["cough"]}, {@code ["fever"]}, and {@code []} for a bare string.
   */
  @Test
  void keepsStringsTheBenchmarksListParserLoses() {
    // given / when / then
    assertEquals(List.of("Crohn's disease", "colitis"), texts("['Crohn\\'s disease', 'colitis']"));
    assertEquals(List.of("fever", "cough"), texts("[\"fever\", 'cough']"));
    assertEquals(List.of("fever", "cough"), texts("['fever' , 'cough']"));
    assertEquals(List.of("fever", "cough"), texts("('fever', 'cough')"));
    assertEquals(List.of("aspirin"), texts("aspirin"));
  }

  private static List<String> texts(String answer) {
    return AnswerParser.parse(answer, OutputFormat.LIST).candidates().stream()
        .map(Candidate::text)
        .toList();
  }
}
