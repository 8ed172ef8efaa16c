package org.ncer.cli;

import java.nio.file.Path;
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
      return option;
    }
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return projectHome().resolve("datasets").resolve("data");
  }

  /** The project folder the launcher runs from ({@code -Dncer.home}), else the working folder. */
  static Path projectHome() {
    String home = System.getProperty("ncer.home");
    return home == null || home.isBlank() ? Path.of("") : Path.of(home);
  }
}
