package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code datasets} command. */
@Command(name = "datasets", description = "Not available yet.")
final class DatasetsCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'datasets' is not available yet");
  }
}
