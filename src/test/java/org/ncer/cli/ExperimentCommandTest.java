package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;

/** {@code ncer run --config}: the shipped offline experiment, end to end. */
class ExperimentCommandTest {
  @TempDir Path tmp;

  @Test
  void theBaselineExperimentRunsEveryCellAndAgreesWithAPlainRun() throws Exception {
    // given
    Path out = tmp.resolve("exp");

    // when
    Result r =
        ncer(
            "run",
            "--config",
            "config/experiments/baseline.yaml",
            "--data-dir",
            TestData.dataDir().toString(),
            "--out",
            out.toString());
    Result plain =
        ncer(
            "run",
            "--dataset",
            "ncbi",
            "--data-dir",
            TestData.dataDir().toString(),
            "--out",
            tmp.resolve("plain").toString());

    // then
    assertEquals(0, r.code(), r.err());
    assertEquals(0, plain.code(), plain.err());
    JsonNode index = Json.mapper().readTree(out.resolve("experiment.json").toFile());
    assertEquals(4, index.path("cells").size(), index.toString());
    for (JsonNode cell : index.path("cells")) {
      assertEquals("done", cell.path("status").asText(), cell.toString());
    }
    JsonNode plainMetrics = Json.mapper().readTree(tmp.resolve("plain/metrics/ncbi.json").toFile());
    JsonNode ncbiCell = null;
    for (JsonNode cell : index.path("cells")) {
      if (cell.path("id").asText().contains("ncbi")) {
        ncbiCell = cell;
      }
    }
    assertTrue(ncbiCell != null, index.toString());
    JsonNode cellMetrics =
        Json.mapper()
            .readTree(
                out.resolve(ncbiCell.path("folder").asText())
                    .resolve("metrics/ncbi.json")
                    .toFile());
    assertEquals(plainMetrics, cellMetrics);
  }
}
