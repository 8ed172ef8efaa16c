package org.ncer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ncer.Json;
import org.ncer.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ncer compare A B}: the paired bootstrap of two runs' F1 difference. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Compare two runs with a paired bootstrap over documents: the F1 difference A - B with its"
          + " 95%% interval and a two-sided p-value, per dataset and per label, for span ent_type,"
          + " span strict and token F1.",
      "p = (1 + #{b : |d_b - d| >= |d|}) / (B + 1), d the observed difference, d_b the resampled"
          + " ones. Only the documents both runs have are compared; the command says so when they"
          + " differ."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "Run folder A.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Run folder B.")
  Path b;

  @Mixin BootstrapOptions bootstrap = new BootstrapOptions();

  @Option(names = "--json", description = "Print the comparison as JSON.")
  boolean json;

  @Override
  public Integer call() {
    ObjectNode c = Reports.compare(a, b, bootstrap.options(0));
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(Json.line(c));
      return Main.OK;
    }
    o.printf(
        Locale.ROOT,
        "A: %s%nB: %s%nPaired bootstrap, %d resamples, seed %d; F1 x 100, difference A - B [95%%"
            + " interval] p%n",
        c.path("a").asText(),
        c.path("b").asText(),
        bootstrap.resamples,
        bootstrap.seed);
    c.path("notes").forEach(n -> o.println("Note: " + n.asText()));
    for (var it = c.path("datasets").fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode d = e.getValue();
      o.printf(
          Locale.ROOT,
          "%n%s: %d shared documents (A %d, B %d)%n",
          e.getKey(),
          d.path("documents").path("shared").asInt(),
          d.path("documents").path("a").asInt(),
          d.path("documents").path("b").asInt());
      d.path("notes").forEach(n -> o.println("  Note: " + n.asText()));
      o.printf(
          Locale.ROOT,
          "  %-14s %-28s %-28s %-28s%n",
          "label",
          "span ent_type",
          "span strict",
          "token");
      line(o, "all", d.path("all"));
      d.path("by_label").fields().forEachRemaining(l -> line(o, l.getKey(), l.getValue()));
    }
    return Main.OK;
  }

  private static void line(PrintWriter o, String label, JsonNode m) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-14s", label));
    for (String metric : new String[] {"span_ent_type", "span_strict", "token"}) {
      JsonNode x = m.path(metric);
      b.append(
          String.format(
              Locale.ROOT,
              " %-28s",
              String.format(
                  Locale.ROOT,
                  "%+.2f [%+.2f, %+.2f] %.3f",
                  100 * x.path("difference").asDouble(),
                  100 * x.path("ci_low").asDouble(),
                  100 * x.path("ci_high").asDouble(),
                  x.path("p_value").asDouble())));
    }
    o.println(b.toString().stripTrailing());
  }
}
