package org.ncer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.report.ResultsTable;
import org.ncer.run.RunFolder;

/** The summary printed after a run or rescore: the results table, notes, calls, tokens, cost. */
final class RunSummary {
  private static final int FAILED_CALLS_SHOWN = 10;

  private RunSummary() {}

  static void print(PrintWriter out, Path folder, JsonNode manifest) {
    String split = manifest.path("split").asText("test");
    Path resultsFile = new RunFolder(folder).results(split);
    JsonNode results;
    try {
      results = Json.mapper().readTree(Files.readString(resultsFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new NcerException(resultsFile + ": could not be read: " + e.getMessage(), e);
    }
    out.println();
    out.print(ResultsTable.render(results));
    if (!manifest.path("leaderboard_comparable").asBoolean(true)) {
      List<String> why = new ArrayList<>();
      if (!manifest.path("subset").isNull() && !manifest.path("subset").isMissingNode()) {
        why.add("a subset");
      }
      if (!split.equals("test")) {
        why.add("the " + split + " split");
      }
      if (!why.isEmpty()) {
        out.println(
            "Not comparable with the leaderboard: this run evaluates "
                + String.join(" of ", why)
                + ".");
      }
    }
    JsonNode notFound = manifest.path("not_found_by_label");
    if (!notFound.isMissingNode()) {
      List<String> parts = new ArrayList<>();
      notFound.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asInt()));
      out.println(
          "Strings not found in their note (hallucinated): "
              + (parts.isEmpty() ? "none" : String.join(", ", parts))
              + "; see unaligned in predictions/ and grounding/.");
    }
    for (JsonNode note : manifest.path("notes")) {
      out.println("Note: " + note.asText());
    }
    JsonNode calls = manifest.path("calls");
    if (calls.path("planned").asLong() > 0) {
      List<String> kinds = new ArrayList<>();
      calls
          .path("failures_by_kind")
          .fields()
          .forEachRemaining(e -> kinds.add(e.getKey() + " " + e.getValue().asLong()));
      out.printf(
          Locale.ROOT,
          "Calls: %d planned, %d asked, %d from the cache, %d failed%s, %d truncated, %d retries%n",
          calls.path("planned").asLong(),
          calls.path("asked").asLong(),
          calls.path("cached").asLong(),
          calls.path("failed").asLong(),
          kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")",
          calls.path("truncated").asLong(),
          calls.path("retries").asLong());
      JsonNode tokens = manifest.path("tokens");
      JsonNode usd = manifest.path("cost").path("usd");
      out.printf(
          Locale.ROOT,
          "Tokens: %d in, %d out; cost %s%n",
          tokens.path("input").asLong(),
          tokens.path("output").asLong(),
          usd.isNumber() ? String.format(Locale.ROOT, "$%.4f", usd.doubleValue()) : "unknown");
      int shown = 0;
      for (JsonNode f : manifest.path("failed_calls")) {
        if (shown++ == FAILED_CALLS_SHOWN) {
          out.println(
              "  ... and "
                  + (manifest.path("failed_calls").size() - FAILED_CALLS_SHOWN)
                  + " more in manifest.json");
          break;
        }
        out.println(
            "  failed: "
                + f.path("dataset").asText()
                + " document "
                + f.path("document").asText()
                + (f.path("query").isTextual() ? " query '" + f.path("query").asText() + "'" : "")
                + ": "
                + f.path("kind").asText()
                + ": "
                + f.path("message").asText());
      }
    }
    out.println("Run folder: " + folder);
  }
}
