package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code bench score} command. */
@Command(name = "score", description = "Not available yet.")
final class BenchScoreCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'bench score' is not available yet");
  }
}
