package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.score.ScoredDocument;

class BenchScoreCommandTest {

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new String[] {
      String.valueOf(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void scoresGeneratedDocumentsInBothModesAndPrintsTheTimes() {
    // when
    String[] r = run("bench", "score", "--docs", "3", "--entities", "50", "--seed", "4");
    // then
    assertEquals("0", r[0], r[2]);
    List<String> lines = r[1].lines().toList();
    assertEquals(4, lines.size(), r[1]);
    assertTrue(
        lines.get(0).startsWith("3 documents x 50 gold mentions (seed 4): 150 gold and "), r[1]);
    assertTrue(lines.get(1).matches("compat +\\d+\\.\\d{3} s   strict F1 0\\.\\d{4} .*"), r[1]);
    assertTrue(lines.get(2).matches("corrected +\\d+\\.\\d{3} s   strict F1 0\\.\\d{4} .*"), r[1]);
    assertTrue(lines.get(3).matches("scoring +\\d+\\.\\d{3} s in all"), r[1]);
  }

  @Test
  void sameSeedGivesTheSameDocuments() {
    // when
    List<ScoredDocument> a = BenchScoreCommand.Synthetic.documents(2, 30, 9);
    List<ScoredDocument> b = BenchScoreCommand.Synthetic.documents(2, 30, 9);
    List<ScoredDocument> c = BenchScoreCommand.Synthetic.documents(2, 30, 10);
    // then
    assertEquals(a, b);
    assertEquals(30, a.get(0).gold().size());
    assertTrue(!a.equals(c));
  }

  @Test
  void rejectsEmptyRuns() {
    // given
    String docs = "0";
    // when
    String[] r = run("bench", "score", "--docs", docs);
    // then
    assertEquals("2", r[0]);
    assertEquals("ncer: --docs and --entities must be at least 1", r[2].strip());
  }
}
