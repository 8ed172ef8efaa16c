package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code score} command. */
@Command(name = "score", description = "Not available yet.")
final class ScoreCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'score' is not available yet");
  }
}
