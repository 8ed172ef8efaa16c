package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code run} command. */
@Command(name = "run", description = "Not available yet.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'run' is not available yet");
  }
}
