package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code bench} command. */
@Command(name = "bench", description = "Not available yet.")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'bench' is not available yet");
  }
}
