package org.ncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the code base, read from the sources: provider libraries stay in {@code
 * model}, only {@code cli} prints or exits, {@code score} and {@code align} touch no files, and
 * nothing depends on {@code cli}.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/ncer");

  private static final Pattern PROVIDER_IMPORT =
      Pattern.compile(
          "^import (static )?(dev\\.langchain4j|okhttp3|okio|io\\.github\\.resilience4j)\\.",
          Pattern.MULTILINE);
  private static final Pattern PRINT_OR_EXIT =
      Pattern.compile("System\\.(out|err|exit)\\b|Runtime\\.getRuntime\\(\\)\\.(exit|halt)");
  private static final Pattern FILE_IO =
      Pattern.compile("^import (static )?java\\.(nio\\.file|io\\.File)", Pattern.MULTILINE);
  private static final Pattern CLI_IMPORT =
      Pattern.compile("^import (static )?org\\.ncer\\.cli\\.", Pattern.MULTILINE);

  @Test
  void providerTypesStayInTheModelPackage() throws IOException {
    assertEquals(List.of(), offenders(PROVIDER_IMPORT, "model"));
  }

  @Test
  void onlyTheCommandLinePrintsOrExits() throws IOException {
    assertEquals(List.of(), offenders(PRINT_OR_EXIT, "cli"));
  }

  @Test
  void scoringAndGroundingTouchNoFiles() throws IOException {
    List<String> found = new ArrayList<>();
    for (String pkg : List.of("score", "align")) {
      for (Path f : sources(MAIN.resolve(pkg))) {
        if (FILE_IO.matcher(read(f)).find()) {
          found.add(MAIN.relativize(f).toString());
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void nothingDependsOnTheCommandLine() throws IOException {
    assertEquals(List.of(), offenders(CLI_IMPORT, "cli"));
  }

  @Test
  void theRulesSeeTheSources() throws IOException {
    // A moved source folder would make every rule above pass on nothing.
    assertTrue(sources(MAIN).size() > 50, "expected the main sources under " + MAIN);
  }

  /** Sources outside package {@code allowed} whose text matches {@code rule}. */
  private static List<String> offenders(Pattern rule, String allowed) throws IOException {
    List<String> found = new ArrayList<>();
    Path allowedDir = MAIN.resolve(allowed);
    for (Path f : sources(MAIN)) {
      if (!f.startsWith(allowedDir) && rule.matcher(read(f)).find()) {
        found.add(MAIN.relativize(f).toString());
      }
    }
    return found;
  }

  private static List<Path> sources(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String read(Path f) throws IOException {
    return Files.readString(f, StandardCharsets.UTF_8);
  }
}
