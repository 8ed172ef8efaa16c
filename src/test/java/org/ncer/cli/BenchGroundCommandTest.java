package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;

class BenchGroundCommandTest {

  @Test
  void groundsTheGoldStringsOfASplitAndReportsTimeAndRecall() {
    // given the NCBI test split, one round

    // when
    Result r =
        ncer(
            "bench",
            "ground",
            "--dataset",
            "ncbi",
            "--rounds",
            "1",
            "--data-dir",
            TestData.dataDir().toString());

    // then
    String report = r.out();
    assertEquals(0, r.code(), r.err());
    assertTrue(report.startsWith("bench ground: ncbi test, 100 documents "), report);
    assertTrue(report.contains("time (parse and ground, one thread): best "), report);
    Matcher recall =
        Pattern.compile("recall: (\\d+) of (\\d+) gold mentions recovered").matcher(report);
    assertTrue(recall.find(), report);
    int recovered = Integer.parseInt(recall.group(1));
    int gold = Integer.parseInt(recall.group(2));
    // Gold strings are in the text by construction: only nested gold mentions of the same label
    // (merged away, as the benchmark does) and mentions inside longer words are lost.
    assertTrue(recovered > 0.95 * gold && recovered <= gold, report);
    assertTrue(report.contains("(ok 100, repaired 0, failed 0)"), report);
  }

  @Test
  void roundsMustBePositive() {
    // when
    Result r = ncer("bench", "ground", "--rounds", "0");

    // then
    assertEquals(2, r.code());
    assertEquals("ncer: --rounds must be at least 1, got 0\n", r.err());
  }
}
