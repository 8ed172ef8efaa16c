package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;
import org.ncer.model.EndpointSettings;
import org.ncer.model.Sampling;
import org.ncer.score.Matching;

/** The one reader of {@code manifest.json}: the summary reports read, and its errors. */
class RunManifestTest {
  @TempDir Path tmp;

  private Path notes() throws IOException {
    Path notes = tmp.resolve("notes.jsonl");
    Files.writeString(
        notes,
        "{\"id\": \"a\", \"text\": \"Fever after aspirin.\", \"entities\": [{\"start\": 0, \"end\":"
            + " 5, \"label\": \"condition\"}, {\"start\": 12, \"end\": 19, \"label\": \"drug\"}]}\n",
        StandardCharsets.UTF_8);
    return notes;
  }

  private ManifestSummary run(String name, Sampling sampling, Matching matching)
      throws IOException {
    Path out = tmp.resolve(name);
    new Runner(Clock.systemUTC(), FakeEndpoint.finding().opener(2))
        .run(
            RunSettings.builder("openai:fake", List.of(notes().toString()), tmp, out)
                .version("test", "none")
                .sampling(sampling)
                .matching(matching)
                .endpoint(
                    new EndpointSettings(
                        "openai:fake", null, null, null, null, null, null, null, null, Map.of()))
                .build(),
            new RunListener() {});
    return RunManifest.read(new RunFolder(out)).summary();
  }

  @Test
  void theSummaryCarriesTheSeedAndTheConditionsOfPooling() throws IOException {
    // when
    ManifestSummary a = run("a", new Sampling(0, 42, null), Matching.COMPAT);
    ManifestSummary b = run("b", new Sampling(0, 43, null), Matching.COMPAT);
    ManifestSummary c = run("c", new Sampling(0, 44, null), Matching.CORRECTED);

    // then
    assertEquals(42, a.seed());
    assertEquals(43, b.seed());
    assertEquals("json-all-labels", a.prompt());
    assertEquals(List.of("condition", "drug"), a.dataset("notes").labels());
    assertEquals(a.conditions(), b.conditions(), "the seed is not a condition");
    assertNotEquals(a.conditions(), c.conditions());
    assertEquals("corrected", c.conditions().get("matching"));
    assertEquals("http://127.0.0.1:9/v1 (profile fake-profile)", a.conditions().get("endpoint"));
    assertTrue(a.usage().calls() > 0, a.usage().toString());
  }

  @Test
  void aManifestWithoutModelFailsNamingTheField() throws IOException {
    // given
    Files.writeString(tmp.resolve("manifest.json"), "{\"datasets\": {}}", StandardCharsets.UTF_8);

    // when
    NcerException e = assertThrows(NcerException.class, () -> RunManifest.read(new RunFolder(tmp)));

    // then
    assertTrue(e.getMessage().contains("'model'"), e.getMessage());
    assertTrue(e.getMessage().startsWith(tmp.resolve("manifest.json").toString()));
  }
}
