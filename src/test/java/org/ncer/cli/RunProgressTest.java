package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.ncer.run.CallProgress;

class RunProgressTest {

  private static String planned(CallProgress p) {
    StringWriter out = new StringWriter();
    RunProgress progress = new RunProgress(new PrintWriter(out, true), false, false);
    progress.callsPlanned(p);
    return out.toString().strip();
  }

  @Test
  void aResumeSaysWhatTheJournalAnsweredAndWhichFailuresItKept() {
    // 10 planned; the journal settles 4: 3 answers and 1 failure kept as failed
    assertEquals(
        "10 calls planned, 3 answered by the journal already, 1 failed in the journal and kept as"
            + " failed (--retry-failed asks them again)",
        planned(new CallProgress(10, 4, 4, 1, 0, 1, 0, 0, 0, 0)));
  }

  @Test
  void aFreshRunSaysOnlyHowManyCallsItPlanned() {
    assertEquals("10 calls planned", planned(new CallProgress(10, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
  }
}
