package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ncer.cli.Cli.Result;

/**
 * Two replay runs on a small invented dataset whose notes hold markup, and the report of both: the
 * fixture of the report, compare and browser tests.
 */
final class ReportFixture {
  /** A note that would run script if it were not escaped. */
  static final String HOSTILE =
      "Fever <script>window.__pwned=1</script> and </script><!-- <img src=x"
          + " onerror=\"window.__pwned=2\"> after aspirin\u2028.";

  final Path notes;
  final Path runA;
  final Path runB;

  private ReportFixture(Path notes, Path runA, Path runB) {
    this.notes = notes;
    this.runA = runA;
    this.runB = runB;
  }

  /**
   * Notes: a (hostile text: "Fever" condition 0..5, "aspirin" drug), b ("Chest pain and cough.":
   * "Chest pain" condition, "cough" condition), c ("Took ibuprofen for headache.": drug,
   * condition). Run A finds most; run B misses and mislabels.
   */
  static ReportFixture create(Path tmp) throws IOException {
    Path notes = tmp.resolve("notes.jsonl");
    int aspirin = HOSTILE.indexOf("aspirin");
    Files.write(
        notes,
        List.of(
            "{\"id\": \"a\", \"text\": "
                + quote(HOSTILE)
                + ", \"entities\": [{\"start\": 0, \"end\": 5, \"label\": \"condition\"},"
                + " {\"start\": "
                + aspirin
                + ", \"end\": "
                + (aspirin + 7)
                + ", \"label\": \"drug\"}]}",
            "{\"id\": \"b\", \"text\": \"Chest pain and cough.\", \"entities\": [{\"start\": 0,"
                + " \"end\": 10, \"label\": \"condition\"}, {\"start\": 15, \"end\": 20, \"label\":"
                + " \"condition\"}]}",
            "{\"id\": \"c\", \"text\": \"Took ibuprofen for headache.\", \"entities\": [{\"start\":"
                + " 5, \"end\": 14, \"label\": \"drug\"}, {\"start\": 19, \"end\": 27, \"label\":"
                + " \"condition\"}]}"));
    Path answersA = tmp.resolve("answers-a.jsonl");
    Files.write(
        answersA,
        List.of(
            answer(
                "a",
                "{\\\"condition\\\": [\\\"Fever\\\", \\\"<b>bold</b>\\\"], \\\"drug\\\":"
                    + " [\\\"aspirin\\\"]}"),
            answer(
                "b", "{\\\"condition\\\": [\\\"Chest pain\\\", \\\"cough\\\"], \\\"drug\\\": []}"),
            answer(
                "c",
                "{\\\"condition\\\": [\\\"headache\\\"], \\\"drug\\\": [\\\"ibuprofen\\\"]}")));
    Path answersB = tmp.resolve("answers-b.jsonl");
    Files.write(
        answersB,
        List.of(
            answer("a", "{\\\"condition\\\": [], \\\"drug\\\": [\\\"aspirin\\\", \\\"Fever\\\"]}"),
            answer("b", "{\\\"condition\\\": [\\\"pain\\\"], \\\"drug\\\": [\\\"cough\\\"]}"),
            answer("c", "{\\\"condition\\\": [\\\"Took\\\"], \\\"drug\\\": []}")));
    Path runA = tmp.resolve("runA");
    Path runB = tmp.resolve("runB");
    run(answersA, notes, runA);
    run(answersB, notes, runB);
    return new ReportFixture(notes, runA, runB);
  }

  private static void run(Path answers, Path notes, Path out) {
    Result r =
        Cli.ncer(
            "run",
            "--model",
            "replay:" + answers,
            "--dataset",
            notes.toString(),
            "--labels",
            "condition,drug",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
  }

  private static String answer(String id, String json) {
    return "{\"id\": \"" + id + "\", \"response\": \"" + json + "\"}";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\u2028' -> b.append("\\u2028");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** Writes the report of both runs into {@code out}. */
  Result report(Path out) {
    return Cli.ncer(
        "report",
        runA.toString(),
        runB.toString(),
        "--gold",
        "notes=" + notes,
        "--resamples",
        "200",
        "--out",
        out.toString());
  }
}
