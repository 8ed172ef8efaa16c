package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import org.junit.jupiter.api.Test;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;

class BenchGroundEvalCommandTest {

  @Test
  void printsF1AndStatusesPerStyleForASlice() {
    // when
    Result r =
        ncer(
            "bench",
            "ground-eval",
            "--dataset",
            "ncbi",
            "--limit",
            "10",
            "--styles",
            "span-class,changed-region,json-object",
            "--data-dir",
            TestData.dataDir().toString());

    // then
    String out = r.out();
    assertEquals(0, r.code(), r.err());
    assertTrue(out.startsWith("bench ground-eval: ncbi dev, documents 1-10 of 100, seed 1;"), out);
    assertTrue(out.contains("3 styles"), out);
    assertTrue(out.contains("not against real model answers"), out);
    assertTrue(out.matches("(?s).*\\nspan-class +echo +10 +\\d+ \\| +100\\.00 .*"), out);
    assertTrue(out.matches("(?s).*\\njson-object +list .*"), out);
    assertTrue(out.matches("(?s).*\\nchanged-region +smart .*"), out);
    assertTrue(
        out.contains("smart below compat in strict F1: 0 style(s); unfaithful spans: smart 0"),
        out);
  }

  @Test
  void anUnknownStyleIsAnInputError() {
    // when
    Result r = ncer("bench", "ground-eval", "--styles", "span-class,sparkles");

    // then
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("ncer: --styles: unknown style 'sparkles'; known: span-class,"),
        r.err());
  }
}
