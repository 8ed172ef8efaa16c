package org.ncer.cli;

import java.util.ArrayList;
import java.util.List;
import org.ncer.prompt.PromptTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ncer prompts list}: the shipped prompts, one per line. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "list",
    description = "Show the shipped prompts: name, version, mode, output and what each does.")
final class PromptsListCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("NAME", "VERSION", "MODE", "OUTPUT", "DESCRIPTION"));
    for (PromptTemplate t : PromptTemplate.shipped()) {
      String name = t.name().equals(PromptTemplate.DEFAULT) ? t.name() + " (default)" : t.name();
      rows.add(
          List.of(
              name,
              String.valueOf(t.version()),
              t.mode().key(),
              t.output().key(),
              t.description()));
    }
    Table.print(spec.commandLine().getOut(), rows);
  }
}
