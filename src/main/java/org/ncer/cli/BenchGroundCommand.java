package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code bench ground} command. */
@Command(name = "ground", description = "Not available yet.")
final class BenchGroundCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'bench ground' is not available yet");
  }
}
