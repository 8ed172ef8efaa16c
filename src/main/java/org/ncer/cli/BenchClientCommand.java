package org.ncer.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ncer.NcerException;
import org.ncer.model.ClientBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer bench client}: the call scheduler against a simulated endpoint on 127.0.0.1. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Send calls through the call scheduler to a simulated OpenAI-compatible endpoint on"
          + " 127.0.0.1, which answers after a set latency and refuses requests over its limit per"
          + " sliding second with 429 and Retry-After.",
      "Prints the elapsed and ideal time (calls / allowed rate + latency), the efficiency"
          + " (ideal / elapsed), the 429s drawn, the client's CPU per call and the attempt"
          + " latency. --rpm 0 leaves the rate unset, so the scheduler adapts its concurrency."
    })
final class BenchClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--calls",
      defaultValue = "500",
      paramLabel = "N",
      description = "Calls to make (default 500, at most 100000).")
  int calls;

  @Option(
      names = "--latency-ms",
      defaultValue = "300",
      paramLabel = "MS",
      description = "The server's answer time in milliseconds (default 300, at most 10000).")
  long latencyMs;

  @Option(
      names = "--server-rps",
      defaultValue = "50",
      paramLabel = "R",
      description =
          "Requests the server accepts per sliding second (default 50), or with --server-burst"
              + " the rate its token bucket refills at.")
  int serverRps;

  @Option(
      names = "--server-burst",
      defaultValue = "0",
      paramLabel = "B",
      description =
          "0 (the default) for the sliding one-second window; more for a token bucket of B"
              + " requests, full at the start, which lets a burst through after a quiet spell.")
  int serverBurst;

  @Option(
      names = "--rpm",
      defaultValue = "3000",
      paramLabel = "RPM",
      description =
          "The client's requests-per-minute limit (default 3000 = 50/s); 0 for none, which makes"
              + " the concurrency adaptive.")
  double rpm;

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      paramLabel = "C",
      description = "The most calls in flight (default 32).")
  int concurrency;

  @Option(
      names = "--warmup",
      defaultValue = "20000",
      paramLabel = "W",
      description =
          "Calls made first and not measured, to a second simulated server with 10 ms latency and"
              + " no limit, then a wait for the JIT compiler to fall idle, so that the measured"
              + " calls run compiled code (default 20000; 0 measures a cold start, class loading"
              + " and interpreted code included).")
  int warmup;

  @Override
  public Integer call() {
    ClientBench.Options options;
    try {
      options =
          new ClientBench.Options(
              calls,
              Duration.ofMillis(latencyMs),
              serverRps,
              serverBurst,
              rpm,
              concurrency,
              warmup);
    } catch (IllegalArgumentException e) {
      throw new NcerException("bench client: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    String mode =
        rpm > 0
            ? String.format(Locale.ROOT, "rpm %.0f, concurrency %d", rpm, concurrency)
            : String.format(Locale.ROOT, "adaptive concurrency up to %d", concurrency);
    out.printf(
        Locale.ROOT,
        "%d calls (after %d warm-up calls), server %d requests/s%s with %d ms latency, client %s%n",
        calls,
        warmup,
        serverRps,
        serverBurst > 0 ? " (token bucket, bursts of " + serverBurst + ")" : "",
        latencyMs,
        mode);
    out.flush();
    ClientBench.Result r = ClientBench.run(options);
    if (r.warmup() != null) {
      ClientBench.Warmup w = r.warmup();
      out.printf(
          Locale.ROOT,
          "warm-up     %d calls (%d answered) in %.3f s, %d ms latency, no limit   client CPU %.3f ms"
              + " a call (cold start included)   JIT idle after %.1f s more%n",
          w.calls(),
          w.answered(),
          w.elapsed().toNanos() / 1e9,
          ClientBench.WARMUP_LATENCY.toMillis(),
          w.clientThreadsCpuPerCall() / 1e6,
          w.settled().toNanos() / 1e9);
    }
    out.printf(
        Locale.ROOT,
        "elapsed     %7.3f s   ideal %.3f s   efficiency %.1f%%%n",
        r.elapsed().toNanos() / 1e9,
        options.ideal().toNanos() / 1e9,
        100 * r.efficiency());
    out.printf(
        Locale.ROOT,
        "answered    %d of %d calls   requests %d   429s %d (%.2f%% of requests)%n",
        r.answered(),
        calls,
        r.requests(),
        r.rateLimited(),
        100 * r.rateLimitedShare());
    out.printf(
        Locale.ROOT,
        "client CPU  %.3f ms a call (scheduler and caller threads)   %s%n",
        r.clientThreadsCpuPerCall() / 1e6,
        r.processCpuPerCall() < 0
            ? "process CPU not available"
            : String.format(
                Locale.ROOT,
                "%.3f ms a call (process less server threads, JIT and GC included)",
                r.processCpuPerCall() / 1e6));
    out.printf(
        Locale.ROOT,
        "latency     p50 %.1f ms   p95 %.1f ms (answered attempts)   concurrency at end %d%n",
        r.p50().toNanos() / 1e6,
        r.p95().toNanos() / 1e6,
        r.concurrency());
    out.flush();
    return r.answered() == calls ? Main.OK : Main.FAILED;
  }
}
