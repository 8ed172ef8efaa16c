package org.ncer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Datasets;
import org.ncer.dataset.Document;
import org.ncer.prompt.BoundPrompt;
import org.ncer.prompt.ExampleSource;
import org.ncer.prompt.Markup;
import org.ncer.prompt.Message;
import org.ncer.prompt.PromptCall;
import org.ncer.prompt.PromptTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer prompts render}: the exact messages a prompt sends for one document. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    name = "render",
    description = {
      "Print the exact messages a prompt sends for one document, call by call.",
      "Each message is printed under a '--- role ---' line, its content verbatim and followed by"
          + " one newline."
    })
final class PromptsRenderCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDirOption;
  @Mixin SplitOptions splitOptions;

  @Option(
      names = "--prompt",
      required = true,
      paramLabel = "P",
      description = "A shipped prompt (see 'ncer prompts list') or a .yaml, .yml or .jinja file.")
  String prompt;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "N",
      description = "A dataset key (ncbi, chia, biored, bc5cdr) or a .jsonl file.")
  String dataset;

  @Option(names = "--doc", required = true, paramLabel = "ID", description = "The document id.")
  String doc;

  @Option(
      names = "--max-chars",
      paramLabel = "C",
      defaultValue = "0",
      description =
          "Split the note so that each call's messages have at most C characters (0: never split).")
  int maxChars;

  @Mixin PromptOverrides overrides = new PromptOverrides();

  @Option(names = "--json", description = "Print the calls as one JSON object.")
  boolean json;

  @Override
  public void run() {
    if (maxChars < 0) {
      throw new NcerException("--max-chars " + maxChars + " is negative; use 0 for no limit");
    }
    PromptTemplate template =
        PromptTemplate.load(prompt, overrides.mode(), overrides.output(), overrides.markup());
    Path dataDir = dataDirOption.resolve();
    Dataset data = Datasets.resolve(dataDir, dataset, splitOptions.split, splitOptions.labels);
    BoundPrompt bound = template.bind(data, ExampleSource.of(dataDir));
    Document document = find(data);
    List<PromptCall> calls = bound.render(document, maxChars);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      printJson(out, bound, data, document, calls);
    } else {
      printText(out, bound, data, document, calls);
    }
  }

  private Document find(Dataset data) {
    return data.documents().stream()
        .filter(d -> d.id().equals(doc))
        .findFirst()
        .orElseThrow(
            () ->
                new NcerException(
                    "document '"
                        + doc
                        + "' is not in "
                        + data.name()
                        + " "
                        + data.split()
                        + " ("
                        + data.documents().size()
                        + " documents; the first ids: "
                        + data.documents().stream()
                            .limit(3)
                            .map(Document::id)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  private static void printText(
      PrintWriter out, BoundPrompt bound, Dataset data, Document document, List<PromptCall> calls) {
    PromptTemplate t = bound.template();
    out.printf(
        Locale.ROOT,
        "# prompt %s v%d (%s, %s%s) from %s%n",
        t.name(),
        t.version(),
        t.mode(),
        t.output(),
        t.markup() == Markup.NONE ? "" : ", markup " + t.markup(),
        t.origin());
    out.printf(
        Locale.ROOT,
        "# dataset %s, split %s, document %s (%d characters): %d call%s%n",
        data.name(),
        data.split(),
        document.id(),
        document.text().length(),
        calls.size(),
        calls.size() == 1 ? "" : "s");
    for (int i = 0; i < calls.size(); i++) {
      PromptCall c = calls.get(i);
      StringBuilder head = new StringBuilder();
      head.append(String.format(Locale.ROOT, "=== call %d of %d", i + 1, calls.size()));
      if (c.label() != null) {
        head.append(", label ")
            .append(c.label())
            .append(", query \"")
            .append(c.query())
            .append('"');
      }
      head.append(String.format(Locale.ROOT, ", text [%d..%d) ===", c.chunkStart(), c.chunkEnd()));
      out.println(head);
      for (Message m : c.messages()) {
        out.println("--- " + m.role() + " ---");
        out.println(m.content());
      }
    }
  }

  private static void printJson(
      PrintWriter out, BoundPrompt bound, Dataset data, Document document, List<PromptCall> calls) {
    PromptTemplate t = bound.template();
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("prompt", t.name());
    root.put("version", t.version());
    root.put("mode", t.mode().key());
    root.put("output", t.output().key());
    root.put("markup", t.markup().key());
    root.put("dataset", data.name());
    root.put("split", data.split());
    root.put("document", document.id());
    ObjectNode aliases = root.putObject("aliases");
    bound.aliases().forEach(aliases::put);
    ArrayNode array = root.putArray("calls");
    for (PromptCall c : calls) {
      ObjectNode call = array.addObject();
      call.put("label", c.label());
      call.put("query", c.query());
      call.put("chunk_start", c.chunkStart());
      call.put("chunk_end", c.chunkEnd());
      ArrayNode messages = call.putArray("messages");
      for (Message m : c.messages()) {
        messages.addObject().put("role", m.role()).put("content", m.content());
      }
    }
    try {
      out.println(Json.pretty().writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
