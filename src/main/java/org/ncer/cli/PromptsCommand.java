package org.ncer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ncer prompts}: list the shipped prompts and show what a prompt sends. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "prompts",
    description = "List the shipped prompts and print the exact messages a prompt sends.",
    subcommands = {PromptsListCommand.class, PromptsRenderCommand.class})
final class PromptsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
