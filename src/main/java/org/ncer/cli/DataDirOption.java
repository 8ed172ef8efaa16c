package org.ncer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ncer.NcerException;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option shared by commands that read datasets: the option, else {@code
 * NCER_DATA_DIR}, else {@code datasets/data/} in the project.
 */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Folder holding <dataset>/raw/ (default: $NCER_DATA_DIR, else datasets/data/ in the project).")
  Path dataDir;

  /** The folder to read datasets from. */
  Path resolve() {
    return resolve(dataDir, System.getenv("NCER_DATA_DIR"));
  }

  static Path resolve(Path option, String env) {
    if (option != null) {
      return folder(option, "--data-dir");
    }
    if (env != null && !env.isBlank()) {
      return folder(Path.of(env), "NCER_DATA_DIR");
    }
    return projectHome().resolve("datasets").resolve("data");
  }

  /** {@code dir}, refused when it names something that is not a folder. */
  private static Path folder(Path dir, String from) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new NcerException(
          from + " " + dir + " is a file, not the folder holding <dataset>/raw/");
    }
    return dir;
  }

  /** The project folder the launcher runs from ({@code -Dncer.home}), else the working folder. */
  static Path projectHome() {
    String home = System.getProperty("ncer.home");
    return home == null || home.isBlank() ? Path.of("") : Path.of(home);
  }
}
