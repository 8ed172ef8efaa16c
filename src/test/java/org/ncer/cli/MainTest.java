package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ncer.cli.Cli.Result;

class MainTest {
  @Test
  void versionNamesTheVersionAndTheCommit() {
    // when
    Result r = ncer("--version");

    // then
    assertEquals(0, r.code());
    assertTrue(r.out().matches("ncer \\S+ \\(commit \\S+\\)\\n"), r.out());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "datasets",
        "datasets list",
        "datasets stats",
        "datasets export",
        "datasets pull",
        "score",
        "ground",
        "prompts",
        "prompts list",
        "prompts render",
        "bench",
        "bench score",
        "bench ground"
      })
  void everyCommandExplainsItselfWithHelp(String command) {
    // when
    Result r = ncer((command + " --help").split(" "));

    // then
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Usage: ncer " + command), r.out());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    // when
    Result r = ncer("evaluate");

    // then
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("ncer: Unmatched argument at index 0: 'evaluate'"), r.err());
  }
}
