package org.ncer.cli;

import picocli.CommandLine.Command;

/** Placeholder for the {@code prompts} command. */
@Command(name = "prompts", description = "Not available yet.")
final class PromptsCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new org.ncer.NcerException("'prompts' is not available yet");
  }
}
