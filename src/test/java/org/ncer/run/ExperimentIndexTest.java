package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;

/** The experiment index: what is written is read back, and a damaged one names file and field. */
class ExperimentIndexTest {
  @TempDir Path tmp;

  private static ExperimentIndex.Entry entry(
      String group, int repeat, ExperimentIndex.Status status, double f1) {
    return new ExperimentIndex.Entry(
        group + "__r" + repeat,
        group,
        "openai:fake",
        null,
        List.of("ncbi", "notes.jsonl"),
        repeat,
        41 + repeat,
        "cells/" + group + "__r" + repeat,
        status,
        status == ExperimentIndex.Status.FAILED ? "2 of 9 calls failed" : null,
        status.hasNumbers()
            ? Map.of(
                "ncbi",
                Map.of("span_ent_type_f1", f1, "span_strict_f1", f1 / 2, "token_macro_f1", f1))
            : Map.of());
  }

  private static final ExperimentIndex INDEX =
      new ExperimentIndex(
          "matrix",
          Instant.parse("2026-01-31T12:00:00Z"),
          3,
          0.5,
          List.of(
              entry("a", 1, ExperimentIndex.Status.DONE, 0.5),
              entry("a", 2, ExperimentIndex.Status.SKIPPED, 0.6),
              entry("a", 3, ExperimentIndex.Status.DONE, 0.7),
              entry("b", 1, ExperimentIndex.Status.FAILED, 0.1),
              entry("b", 2, ExperimentIndex.Status.STOPPED, 0),
              entry("b", 3, ExperimentIndex.Status.DONE, 0.4)));

  private void write(String json) throws IOException {
    Files.writeString(tmp.resolve("experiment.json"), json, StandardCharsets.UTF_8);
  }

  @Test
  void readsBackWhatItWrote() {
    // when
    INDEX.write(tmp);
    ExperimentIndex read = ExperimentIndex.read(tmp);

    // then
    assertEquals(INDEX, read);
    assertEquals(tmp.resolve("cells/a__r2"), ExperimentIndex.runFolder(tmp, read.cells().get(1)));
  }

  @Test
  void theSummaryPoolsTheFinishedRepeatsOfEachGroupOnly() {
    // when
    List<ExperimentIndex.Group> summary = INDEX.summary();

    // then: a over r1..r3 (0.5, 0.6, 0.7); b over r3 alone (r1 failed, r2 stopped)
    assertEquals(2, summary.size(), summary.toString());
    ExperimentIndex.Stat a = summary.get(0).metrics().get("span_ent_type_f1");
    assertEquals(3, summary.get(0).runs());
    assertEquals(0.6, a.mean(), 1e-12);
    assertEquals(0.1, a.sd(), 1e-12);
    ExperimentIndex.Stat b = summary.get(1).metrics().get("span_ent_type_f1");
    assertEquals(List.of(0.4), b.values());
    assertNull(b.sd());
  }

  @Test
  void meanAndSampleStandardDeviation() {
    assertEquals(2.0, ExperimentIndex.mean(List.of(1.0, 2.0, 3.0)), 1e-12);
    assertEquals(1.0, ExperimentIndex.sd(List.of(1.0, 2.0, 3.0)), 1e-12);
  }

  @Test
  void aDamagedIndexIsAnErrorNamingTheFileAndTheField() throws IOException {
    // given: each damage, and the field its error must name
    String valid =
        """
        {"experiment": "m", "updated": "2026-01-31T12:00:00Z", "repeats": 1, "temperature": 0,
         "cells": [{"id": "x__r1", "model": "m", "prompt": null, "datasets": ["ncbi"],
                    "repeat": 1, "seed": null, "folder": "cells/x__r1", "status": "done"}]}
        """;
    Map<String, String> damaged =
        Map.of(
            valid.replace("\"done\"", "\"finished\""), "cells[0].status 'finished' is not one of",
            valid.replace("\"folder\": \"cells/x__r1\", ", ""), "cells[0].folder is missing",
            valid.replace("cells/x__r1", "../elsewhere"), "cells[0].folder '../elsewhere'",
            valid.replace("[\"ncbi\"]", "[]"), "cells[0].datasets is missing",
            valid.replace("\"repeats\": 1", "\"repeats\": \"one\""), "repeats is missing",
            valid.replace("\"seed\": null", "\"seed\": \"42\""), "cells[0].seed is not",
            valid.replace("2026-01-31T12:00:00Z", "yesterday"), "updated 'yesterday'",
            valid.substring(0, 40), "not valid JSON");

    for (var d : damaged.entrySet()) {
      write(d.getKey());

      // when
      NcerException e = assertThrows(NcerException.class, () -> ExperimentIndex.read(tmp));

      // then
      assertTrue(
          e.getMessage().startsWith(tmp.resolve("experiment.json").toString()), e.getMessage());
      assertTrue(e.getMessage().contains(d.getValue()), d.getValue() + " in " + e.getMessage());
    }
    write(valid);
    assertEquals(1, ExperimentIndex.read(tmp).cells().size());
  }
}
