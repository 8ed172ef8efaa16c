package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.score.ScoredDocument;

class BenchScoreCommandTest {

  @Test
  void scoresGeneratedDocumentsInBothModesAndPrintsTheTimes() {
    // when
    Cli.Result r = Cli.ncer("bench", "score", "--docs", "3", "--entities", "50", "--seed", "4");
    // then
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    assertTrue(
        lines.get(0).startsWith("3 documents x 50 gold mentions (seed 4): 150 gold and "), r.out());
    assertTrue(lines.get(1).matches("compat +\\d+\\.\\d{3} s   strict F1 0\\.\\d{4} .*"), r.out());
    assertTrue(
        lines.get(2).matches("corrected +\\d+\\.\\d{3} s   strict F1 0\\.\\d{4} .*"), r.out());
    assertTrue(lines.get(3).matches("scoring +\\d+\\.\\d{3} s in all"), r.out());
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
    Cli.Result r = Cli.ncer("bench", "score", "--docs", docs);
    // then
    assertEquals(2, r.code());
    assertEquals("ncer: --docs and --entities must be at least 1", r.err().strip());
  }
}
