package org.ncer.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.ncer.NcerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ncer} command line. */
@Command(
    name = "ncer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Evaluates language models on clinical named-entity recognition.",
    subcommands = {
      RunCommand.class,
      RescoreCommand.class,
      DatasetsCommand.class,
      ScoreCommand.class,
      GroundCommand.class,
      PromptsCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code of a successful command. */
  public static final int OK = 0;

  /** Exit code of a run that failed or fell below a threshold. */
  public static final int FAILED = 1;

  /** Exit code of a usage or input error. */
  public static final int USAGE = 2;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter o =
        new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e =
        new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Main main = new Main();
    CommandLine cmd = new CommandLine(main);
    cmd.setOut(o);
    cmd.setErr(e);
    cmd.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          boolean verboseFlag = parsed.hasMatchedOption("--verbose") || main.verbose;
          return report(ex, line.getErr(), verboseFlag);
        });
    cmd.setParameterExceptionHandler(
        (ex, args1) -> {
          PrintWriter w = ex.getCommandLine().getErr();
          w.println("ncer: " + ex.getMessage());
          w.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    int code = cmd.execute(args);
    o.flush();
    e.flush();
    return code;
  }

  private static int report(Exception ex, PrintWriter err, boolean verbose) {
    if (ex instanceof NcerException) {
      err.println("ncer: " + ex.getMessage());
      if (verbose) {
        ex.printStackTrace(err);
      }
      return USAGE;
    }
    err.println("ncer: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
    if (verbose) {
      ex.printStackTrace(err);
    } else {
      err.println("Run again with --verbose for the stack trace.");
    }
    return FAILED;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
