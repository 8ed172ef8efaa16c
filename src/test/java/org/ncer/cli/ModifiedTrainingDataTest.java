package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;

/** A run that learns from a modified training file is refused, or marked not comparable. */
class ModifiedTrainingDataTest {
  @TempDir Path tmp;

  private Path dataWithEditedTrainingFile() throws Exception {
    Path src = TestData.dataDir().resolve("ncbi-disease");
    Path dst = tmp.resolve("data").resolve("ncbi-disease");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    // One more line at the end of the training file: its test split is untouched.
    Files.writeString(
        dst.resolve("raw/NCBItrainset_corpus.txt"),
        "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    return tmp.resolve("data");
  }

  @Test
  void theBaselineTrainedOnAnEditedFileStopsOrIsMarked() throws Exception {
    // given
    Path data = dataWithEditedTrainingFile();
    Path out = tmp.resolve("run");

    // when
    Result refused =
        ncer("run", "--dataset", "ncbi", "--data-dir", data.toString(), "--out", out.toString());
    Result allowed =
        ncer(
            "run",
            "--dataset",
            "ncbi",
            "--data-dir",
            data.toString(),
            "--out",
            tmp.resolve("run2").toString(),
            "--allow-modified-data");

    // then
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("NCBItrainset_corpus.txt"), refused.err());
    assertEquals(0, allowed.code(), allowed.err());
    JsonNode manifest = Json.mapper().readTree(tmp.resolve("run2/manifest.json").toFile());
    assertFalse(manifest.path("leaderboard_comparable").asBoolean(true), manifest.toString());
    assertFalse(
        manifest.path("datasets").path("ncbi").path("leaderboard_comparable").asBoolean(true),
        manifest.toString());
  }
}
