package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchClientCommandTest {

  @Test
  void runsPacedCallsAgainstTheSimulatedEndpointAndPrintsTheMeasures() {
    // when: 30 calls at 6,000 rpm against a server allowing 200 a second, after 40 warm-up calls
    Cli.Result r =
        Cli.ncer(
            "bench",
            "client",
            "--warmup",
            "40",
            "--calls",
            "30",
            "--latency-ms",
            "5",
            "--server-rps",
            "200",
            "--rpm",
            "6000",
            "--concurrency",
            "8");
    // then
    assertEquals(0, r.code(), r.err() + r.out());
    List<String> lines = r.out().lines().toList();
    assertEquals(6, lines.size(), r.out());
    assertEquals(
        "30 calls (after 40 warm-up calls), server 200 requests/s with 5 ms latency, client rpm"
            + " 6000, concurrency 8",
        lines.get(0));
    assertTrue(
        lines
            .get(1)
            .matches(
                "warm-up     40 calls \\(40 answered\\) in \\d+\\.\\d{3} s, 10 ms latency, no"
                    + " limit   client CPU \\d+\\.\\d{3} ms a call .*JIT idle after \\d+\\.\\d s more"),
        lines.get(1));
    lines = lines.subList(1, lines.size());
    // 30 calls at 100 a second (the client's limit) and 5 ms: 0.305 s at best
    assertTrue(
        lines.get(1).matches("elapsed +\\d+\\.\\d{3} s   ideal 0\\.305 s   efficiency \\d+\\.\\d%"),
        lines.get(1));
    assertTrue(
        lines.get(2).matches("answered    30 of 30 calls   requests 30   429s 0 \\(0\\.00% .*"),
        lines.get(2));
    assertTrue(lines.get(3).startsWith("client CPU  "), lines.get(3));
    assertTrue(lines.get(4).matches("latency     p50 \\d+\\.\\d ms   p95 .* concurrency at end 8"));
  }

  @Test
  void adaptsWithoutARateLimit() {
    // when
    Cli.Result r =
        Cli.ncer(
            "bench",
            "client",
            "--warmup",
            "0",
            "--calls",
            "20",
            "--latency-ms",
            "5",
            "--server-rps",
            "1000",
            "--rpm",
            "0",
            "--concurrency",
            "6");
    // then
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("client adaptive concurrency up to 6"), r.out());
    assertTrue(r.out().contains("answered    20 of 20 calls"), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("warm-up")), r.out());
  }

  @Test
  void rejectsOptionsOutOfRange() {
    // when
    Cli.Result r = Cli.ncer("bench", "client", "--calls", "0");
    // then
    assertEquals(2, r.code());
    assertEquals("ncer: bench client: calls 0 is not within 1..100000", r.err().strip());
  }
}
