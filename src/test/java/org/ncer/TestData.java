package org.ncer;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the original dataset files are: {@code NCER_DATA_DIR}, else the first {@code
 * shared/datasets} found beside the project or one of its parents. Tests that need the data fail,
 * never skip, when it is absent.
 */
public final class TestData {
  private TestData() {}

  public static Path dataDir() {
    String env = System.getenv("NCER_DATA_DIR");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env).toAbsolutePath();
      if (!Files.isDirectory(p)) {
        fail("NCER_DATA_DIR=" + env + " is not a folder");
      }
      return p;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("dataset files not found: set NCER_DATA_DIR to the folder holding <dataset>/raw/");
  }
}
