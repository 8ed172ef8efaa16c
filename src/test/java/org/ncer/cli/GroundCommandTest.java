package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.cli.Cli.Result;

class GroundCommandTest {
  @TempDir Path tmp;

  private Path input(String jsonl) throws IOException {
    Path file = tmp.resolve("answers.jsonl");
    Files.writeString(file, jsonl, StandardCharsets.UTF_8);
    return file;
  }

  private String output(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  @Test
  void groundsAnswersOfSeveralStylesAndMergesLinesOfOneDocument() throws IOException {
    // given an all-labels JSON answer in a fence, and two per-label answers about one document
    Path in =
        input(
            """
            {"id": "d1", "text": "Aspirin-induced asthma with heart\\nfailure.", "response": "```json\\n{\\"drug\\": [\\"aspirin\\"], \\"condition\\": [\\"asthma\\", \\"heart failure\\", \\"gout\\"], \\"Disease\\": [\\"asthma\\"]}\\n```"}
            {"id": "d2", "text": "Fever and cough.", "response": "<think>two symptoms</think>['fever', 'cough']", "label": "condition"}
            {"id": "d2", "text": "Fever and cough.", "response": "None", "label": "drug"}
            {"id": 3, "text": "x", "response": "<think>cut off"}
            """);
    Path out = tmp.resolve("grounded.jsonl");

    // when
    Result r = ncer("ground", "--input", in.toString(), "--out", out.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(
        """
        {"id":"d1","text":"Aspirin-induced asthma with heart\\nfailure.","entities":[{"start":0,"end":7,"label":"drug","text":"Aspirin","match":"case"},{"start":16,"end":22,"label":"condition","text":"asthma","match":"exact"},{"start":28,"end":41,"label":"condition","text":"heart\\nfailure","match":"normalized"}],"unaligned":[{"text":"asthma","label":"Disease","reason":"unknown-label"},{"text":"gout","label":"condition","reason":"not-found"}],"parse":"ok"}
        {"id":"d2","text":"Fever and cough.","entities":[{"start":0,"end":5,"label":"condition","text":"Fever","match":"case"},{"start":10,"end":15,"label":"condition","text":"cough","match":"exact"}],"unaligned":[],"parse":"ok"}
        {"id":"3","text":"x","entities":[],"unaligned":[],"parse":"failed\"}""",
        output(out));
    assertEquals(
        "3 documents, 4 answers (ok 3, repaired 0, failed 1), 7 strings: exact 2, case 2,"
            + " normalized 1, fuzzy 0, not found 1, empty 0, unknown label 1, no label 0;"
            + " 5 mentions; wrote "
            + out
            + "\n",
        r.err());
  }

  @Test
  void aliasesAndLabelsResolveTheAnswersLabelNames() throws IOException {
    // given
    Path in =
        input(
            """
            {"id": "d", "text": "Fever after aspirin.", "response": "- fever (Disease)\\n- aspirin (drug)"}
            """);
    Path out = tmp.resolve("grounded.jsonl");

    // when
    Result r =
        ncer(
            "ground",
            "--input",
            in.toString(),
            "--out",
            out.toString(),
            "--labels",
            "condition",
            "--alias",
            "disease=condition");

    // then: "drug" is not among the labels, so the parenthesis stays part of the string
    assertEquals(0, r.code(), r.err());
    assertEquals(
        """
        {"id":"d","text":"Fever after aspirin.","entities":[{"start":0,"end":5,"label":"condition","text":"Fever","match":"case"}],"unaligned":[{"text":"aspirin (drug)","label":"condition","reason":"not-found"}],"parse":"ok"}""",
        output(out));
  }

  @Test
  void compatAlignerMatchesInsideWordsLikeTheBenchmark() throws IOException {
    // given
    Path in =
        input(
            """
            {"id": "d", "text": "Aspirinate, not aspirin.", "response": "['aspirin']", "label": "drug"}
            """);
    Path smart = tmp.resolve("smart.jsonl");
    Path compat = tmp.resolve("compat.jsonl");

    // when
    Result a = ncer("ground", "--input", in.toString(), "--out", smart.toString());
    Result b =
        ncer("ground", "--input", in.toString(), "--out", compat.toString(), "--aligner", "compat");

    // then
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    assertTrue(output(smart).contains("\"entities\":[{\"start\":16,\"end\":23,"), output(smart));
    assertTrue(
        output(compat)
            .contains(
                "\"entities\":[{\"start\":0,\"end\":7,\"label\":\"drug\",\"text\":\"Aspirin\","
                    + "\"match\":\"case\"},{\"start\":16,\"end\":23,"),
        output(compat));
  }

  @Test
  void writesCodePointOffsets() throws IOException {
    // given an emoji, two UTF-16 units but one code point
    Path in =
        input(
            """
            {"id": "d", "text": "😀 fever", "response": "[\\"fever\\"]", "label": "condition"}
            """);
    Path out = tmp.resolve("grounded.jsonl");

    // when
    Result r = ncer("ground", "--input", in.toString(), "--out", out.toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(output(out).contains("{\"start\":2,\"end\":7,"), output(out));
  }

  @Test
  void aMalformedLineIsAnErrorNamingFileAndLine() throws IOException {
    // given
    Path in =
        input(
            """
            {"id": "a", "text": "t", "response": "[]"}
            {"id": "b", "text": "t"
            """);

    // when
    Result r = ncer("ground", "--input", in.toString(), "--out", tmp.resolve("o.jsonl").toString());

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("ncer: " + in + " line 2: not valid JSON"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  /** The error output of grounding a file holding {@code line}. */
  private String errorFor(String line) throws IOException {
    Path in = input(line + "\n");
    Result r = ncer("ground", "--input", in.toString(), "--out", tmp.resolve("o.jsonl").toString());
    assertEquals(2, r.code(), r.err());
    return r.err().replace(in.toString(), "IN");
  }

  @Test
  void missingFieldsWrongTypesAndUnknownQueryLabelsAreErrors() throws IOException {
    // given / when / then
    assertEquals(
        "ncer: IN line 1: field 'response' is missing\n",
        errorFor("{\"id\": \"a\", \"text\": \"t\"}"));
    assertEquals(
        "ncer: IN line 1: field 'id' is missing\n",
        errorFor("{\"text\": \"t\", \"response\": \"[]\"}"));
    assertEquals(
        "ncer: IN line 1: field 'text' must be a string, found NUMBER\n",
        errorFor("{\"id\": \"a\", \"text\": 5, \"response\": \"[]\"}"));
    assertEquals("ncer: IN line 1: expected a JSON object, found ARRAY\n", errorFor("[1, 2]"));
    assertEquals(
        "ncer: IN line 1: label 'disease' is not one of condition, drug, procedure, measurement,"
            + " gene, gene variant or their aliases\n",
        errorFor("{\"id\": \"a\", \"text\": \"t\", \"response\": \"[]\", \"label\": \"disease\"}"));
  }

  @Test
  void linesOfOneIdMustShareTheText() throws IOException {
    // given
    Path in =
        input(
            """
            {"id": "a", "text": "one", "response": "[]", "label": "drug"}
            {"id": "a", "text": "two", "response": "[]", "label": "condition"}
            """);

    // when
    Result r = ncer("ground", "--input", in.toString(), "--out", tmp.resolve("o.jsonl").toString());

    // then
    assertEquals(2, r.code());
    assertEquals(
        "ncer: " + in + " line 2: document 'a' has a different text than on line 1\n", r.err());
  }

  @Test
  void badOptionValuesAreUsageErrors() throws IOException {
    // given
    Path in = input("{\"id\": \"a\", \"text\": \"t\", \"response\": \"[]\"}\n");
    String o = tmp.resolve("o.jsonl").toString();

    // when / then
    Result parser = ncer("ground", "--input", in.toString(), "--out", o, "--parser", "yaml");
    assertEquals(2, parser.code());
    assertEquals(
        "ncer: --parser 'yaml' is unknown; expected json, list, html or auto\n", parser.err());
    Result aligner = ncer("ground", "--input", in.toString(), "--out", o, "--aligner", "fuzzy");
    assertEquals(2, aligner.code());
    assertEquals("ncer: --aligner: unknown aligner 'fuzzy'; known: smart, compat\n", aligner.err());
    Result alias = ncer("ground", "--input", in.toString(), "--out", o, "--alias", "x=nothing");
    assertEquals(2, alias.code());
    assertTrue(alias.err().startsWith("ncer: alias 'x' points to 'nothing'"), alias.err());
    Result fuzzy = ncer("ground", "--input", in.toString(), "--out", o, "--fuzzy", "1.5");
    assertEquals(2, fuzzy.code());
    assertEquals(
        "ncer: --fuzzy: fuzzy threshold 1.5 is not between 0 and 1 (exclusive)\n", fuzzy.err());
    Result missing = ncer("ground", "--input", tmp.resolve("none.jsonl").toString(), "--out", o);
    assertEquals(2, missing.code());
    assertEquals("ncer: " + tmp.resolve("none.jsonl") + ": no such file\n", missing.err());
  }

  @Test
  void fuzzyMatchingIsAvailableWithTheSmartAligner() throws IOException {
    // given
    Path in =
        input(
            """
            {"id": "d", "text": "hypertensive crisis", "response": "['hypertensive crises']", "label": "condition"}
            """);
    Path out = tmp.resolve("grounded.jsonl");

    // when
    Result r = ncer("ground", "--input", in.toString(), "--out", out.toString(), "--fuzzy", "0.9");

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(output(out).contains("\"match\":\"fuzzy\""), output(out));
  }

  private static final String ANSWER =
      "{\"id\": \"d\", \"text\": \"Fever.\", \"response\": \"fever\", \"label\": \"condition\"}\n";

  @Test
  void existingOutputIsKeptWithoutForceAndReplacedWithIt() throws IOException {
    // given
    Path in = input(ANSWER);
    Path out = Files.writeString(tmp.resolve("grounded.jsonl"), "mine\n");
    // when
    Result refused = ncer("ground", "--input", in.toString(), "--out", out.toString());
    String kept = Files.readString(out);
    Result forced = ncer("ground", "--input", in.toString(), "--out", out.toString(), "--force");
    // then
    assertEquals(2, refused.code(), refused.err());
    assertEquals(
        "ncer: --out "
            + out
            + " already exists; use --force to replace it, or choose another file\n",
        refused.err());
    assertEquals("mine\n", kept);
    assertEquals(0, forced.code(), forced.err());
    assertTrue(output(out).startsWith("{\"id\":\"d\""), output(out));
  }

  @Test
  void dashWritesToStandardOutputAndTheSummaryToStandardError() throws IOException {
    // given
    Path in = input(ANSWER);
    // when
    Result r = ncer("ground", "--input", in.toString(), "--out", "-");
    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("{\"id\":\"d\",\"text\":\"Fever.\",\"entities\":[{"), r.out());
    assertTrue(r.err().endsWith("; wrote standard output\n"), r.err());
    assertFalse(r.err().startsWith("ncer:"), r.err());
  }

  @Test
  void folderAsOutputIsRefusedBeforeAnyWork() throws IOException {
    // given
    Path in = input(ANSWER);
    // when
    Result r = ncer("ground", "--input", in.toString(), "--out", tmp.toString());
    // then
    assertEquals(2, r.code(), r.err());
    assertEquals("ncer: --out " + tmp + " is a folder; give a file name\n", r.err());
  }
}
