package org.ncer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import org.ncer.Json;
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

  /** Exit code of an evaluation that failed, or fell below a threshold the user set. */
  public static final int FAILED = 1;

  /** Exit code of a problem with the user's input or environment (see docs/exit-codes.md). */
  public static final int USAGE = 2;

  /** Exit code of an internal error: a bug in ncer, never the user's input. */
  public static final int INTERNAL = 3;

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

  /**
   * Prints a command's exception as one line and returns its exit code: {@link #USAGE} for a
   * problem with the user's input or environment ({@link NcerException}, a failed read or write
   * with the operating system's reason), {@link #INTERNAL} for anything else, which is a bug.
   */
  static int report(Exception ex, PrintWriter err, boolean verbose) {
    int code;
    if (ex instanceof NcerException) {
      err.println("ncer: " + ex.getMessage());
      code = USAGE;
    } else if (ex instanceof UncheckedIOException u) {
      err.println("ncer: " + ioMessage(u.getMessage(), u.getCause()));
      code = USAGE;
    } else if (ex instanceof IOException io) {
      err.println("ncer: " + ioMessage(null, io));
      code = USAGE;
    } else {
      String message = ex.getMessage() == null ? "no message" : Json.firstLine(ex.getMessage());
      err.println("ncer: internal error (a bug in ncer): " + message);
      code = INTERNAL;
    }
    if (verbose) {
      ex.printStackTrace(err);
    } else if (code == INTERNAL) {
      err.println("Run again with --verbose for the stack trace.");
    }
    return code;
  }

  /** {@code context} (such as "could not read F") and the operating system's reason. */
  private static String ioMessage(String context, IOException cause) {
    String reason = NcerException.reason(cause);
    if (context == null || context.isBlank()) {
      return cause instanceof FileSystemException f && f.getFile() != null
          ? f.getFile() + ": " + reason
          : reason;
    }
    return context.endsWith(reason) ? context : context + ": " + reason;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
