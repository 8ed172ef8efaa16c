package org.ncer.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.ncer.dataset.Dataset;
import org.ncer.run.CallProgress;
import org.ncer.run.DatasetOutcome;
import org.ncer.run.RunListener;
import org.ncer.score.Schema;

/**
 * Prints a run's progress on standard error: a line per dataset, and while calls run a bar redrawn
 * in place on a terminal, else a plain line every few seconds; nothing with {@code --quiet}.
 */
final class RunProgress implements RunListener {
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
  private static final long BAR_EVERY_NANOS = 200_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final boolean quiet;
  private final boolean terminal;
  private long startNanos = System.nanoTime();
  private long lastPrint;
  private long startDone;
  private boolean barShown;

  RunProgress(PrintWriter err, boolean quiet, boolean terminal) {
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
  }

  @Override
  public void datasetStarted(Dataset dataset, String modelDetail) {
    if (quiet) {
      return;
    }
    err.printf(
        Locale.ROOT,
        "%s/%s: %d documents, %d mentions; %s%n",
        dataset.name(),
        dataset.split(),
        dataset.documents().size(),
        dataset.mentionCount(),
        modelDetail);
  }

  @Override
  public void notice(String message) {
    if (!quiet) {
      end();
      err.println("ncer: " + message);
    }
  }

  @Override
  public void callsPlanned(CallProgress p) {
    startNanos = System.nanoTime();
    lastPrint = startNanos;
    startDone = p.done();
    if (quiet || p.planned() == 0) {
      return;
    }
    err.printf(
        Locale.ROOT,
        "%d calls planned%s%s%n",
        p.planned(),
        p.resumed() > p.resumedFailed()
            ? ", " + (p.resumed() - p.resumedFailed()) + " answered by the journal already"
            : "",
        p.resumedFailed() > 0
            ? ", "
                + p.resumedFailed()
                + " failed in the journal and kept as failed (--retry-failed asks them again)"
            : "");
  }

  @Override
  public void callCompleted(CallProgress p) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    boolean last = p.done() == p.planned();
    if (!last && now - lastPrint < (terminal ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
      return;
    }
    lastPrint = now;
    String line = line(p, now);
    if (terminal) {
      int filled = (int) (BAR_WIDTH * p.done() / Math.max(1, p.planned()));
      err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + line + "   ");
      barShown = true;
      if (last) {
        end();
      }
      err.flush();
    } else {
      err.println("  " + line);
    }
  }

  private String line(CallProgress p, long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double rate = (p.done() - startDone) / seconds;
    long left = p.planned() - p.done();
    String eta = rate > 0 ? formatDuration((long) (left / rate)) : "?";
    return String.format(
        Locale.ROOT,
        "%d/%d calls, %.1f/s, ETA %s, %d retries, %d failed, %d cached, tokens %d in %d out",
        p.done(),
        p.planned(),
        rate,
        eta,
        p.retries(),
        p.failed(),
        p.cached(),
        p.inputTokens(),
        p.outputTokens());
  }

  private static String formatDuration(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }

  @Override
  public void datasetFinished(DatasetOutcome outcome, Duration elapsed) {
    if (quiet) {
      return;
    }
    end();
    err.printf(
        Locale.ROOT,
        "  %s: span partial F1 %.2f, token macro F1 %.2f (%.1f s)%n",
        outcome.key(),
        100 * outcome.scores().span().overall().get(Schema.ENT_TYPE).f1(),
        100 * outcome.scores().token().macro().f1(),
        elapsed.toMillis() / 1000.0);
    if (outcome.grounding() != null) {
      err.println("  " + outcome.key() + ": " + outcome.grounding().summary());
    }
  }

  /** Ends a bar drawn in place, so that the next line starts on its own. */
  void end() {
    if (barShown) {
      err.println();
      barShown = false;
    }
  }
}
