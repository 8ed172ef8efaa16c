package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.TestData;

/** The README's quick start shows what the main job prints. */
class ReadmeTest {
  @TempDir Path tmp;

  @Test
  void theQuickStartTableIsWhatTheBaselineRunPrints() throws IOException {
    // given: the table in README.md, from its header line to the line after the last metric
    List<String> readme = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = -1;
    for (int i = 0; i < readme.size(); i++) {
      if (readme.get(i).startsWith("F1 x 100 ")) {
        start = i;
        break;
      }
    }
    assertTrue(start > 0, "README.md shows the baseline's table");
    int end = start;
    while (!readme.get(end).startsWith("```")) {
      end++;
    }
    String shown = String.join("\n", readme.subList(start, end));

    // when
    Cli.Result r =
        Cli.ncer(
            "run",
            "--data-dir",
            TestData.dataDir().toString(),
            "--out",
            tmp.resolve("run").toString());

    // then
    assertEquals(0, r.code(), r.err());
    String printed =
        r.out()
            .lines()
            .dropWhile(l -> !l.startsWith("F1 x 100 "))
            .takeWhile(l -> !l.startsWith("Run folder:"))
            .collect(Collectors.joining("\n"));
    assertEquals(printed, shown);
  }
}
