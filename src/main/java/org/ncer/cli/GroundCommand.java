package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code ground} command. */
@Command(name = "ground", description = "Not available yet.")
final class GroundCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'ground' is not available yet");
  }
}
