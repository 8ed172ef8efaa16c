package org.ncer.prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ncer.NcerException;
import org.ncer.dataset.Document;
import org.ncer.prompt.Chunker.Chunk;

/**
 * A prompt bound to one dataset: it renders a document into the model calls to make.
 *
 * <p>Template variables: {@code text} (the note, or the chunk of it this call carries), {@code
 * labels} (the dataset's labels), {@code dataset} (its name), {@code examples} (few-shot examples,
 * each with {@code text}, {@code entities} and {@code answer}; empty when the prompt has none) and,
 * in per-label mode only, {@code entity} (the query word) and {@code label} (the label it asks
 * for).
 */
public final class BoundPrompt {
  private final PromptTemplate template;
  private final String dataset;
  private final List<String> labels;
  private final List<LabelQuery> queries;
  private final Map<String, String> aliases;
  private final List<Example> examples;
  private final List<Map<String, Object>> exampleValues;
  // The longest call's length with an empty note; worked out on the first note that needs
  // splitting.
  private int overhead = -1;

  BoundPrompt(
      PromptTemplate template,
      String dataset,
      List<String> labels,
      List<LabelQuery> queries,
      Map<String, String> aliases,
      List<Example> examples) {
    this.template = template;
    this.dataset = dataset;
    this.labels = List.copyOf(labels);
    this.queries = List.copyOf(queries);
    this.aliases = aliases;
    this.examples = List.copyOf(examples);
    this.exampleValues = this.examples.stream().map(Example::templateValue).toList();
  }

  public PromptTemplate template() {
    return template;
  }

  public String dataset() {
    return dataset;
  }

  public List<String> labels() {
    return labels;
  }

  /**
   * The calls made per document (or chunk) in per-label mode, in order: each label of the dataset,
   * each of its query words. Unused in all-labels mode.
   */
  public List<LabelQuery> queries() {
    return queries;
  }

  /**
   * Answer label names to dataset labels, for the aliases that lead to a label of this dataset. A
   * name that is neither a dataset label nor here is unknown to the prompt.
   */
  public Map<String, String> aliases() {
    return aliases;
  }

  /** The few-shot examples the prompt shows, in order. */
  public List<Example> examples() {
    return examples;
  }

  /**
   * The calls for {@code doc}: one per chunk in all-labels mode, one per chunk and query in
   * per-label mode (chunk by chunk, queries in order).
   *
   * <p>With {@code maxChars > 0}, a note whose prompt would be longer is split (see {@link
   * Chunker}) so that every call's messages together have at most {@code maxChars} characters.
   *
   * @throws NcerException when the prompt without the note already takes {@code maxChars}
   */
  public List<PromptCall> render(Document doc, int maxChars) {
    String text = doc.text();
    List<PromptCall> whole = calls(List.of(new Chunk(0, text)));
    if (maxChars <= 0 || longest(whole) <= maxChars) {
      return whole;
    }
    if (overhead < 0) {
      overhead = longest(calls(List.of(new Chunk(0, ""))));
    }
    if (overhead >= maxChars) {
      throw new NcerException(
          String.format(
              java.util.Locale.ROOT,
              "prompt %s takes %d characters for %s before any note text; --max-chars %d leaves"
                  + " no room for the note",
              template.name(),
              overhead,
              dataset,
              maxChars));
    }
    int budget = maxChars - overhead;
    while (true) {
      List<PromptCall> calls = calls(Chunker.split(text, budget));
      int longest = longest(calls);
      if (longest <= maxChars) {
        return calls;
      }
      // The note appears more than once in the prompt: shrink the pieces in proportion.
      long scaled = (long) budget * (maxChars - overhead) / (longest - overhead);
      budget = (int) Math.min(budget - 1L, scaled);
      if (budget < 1) {
        throw new NcerException(
            "prompt "
                + template.name()
                + " cannot fit document "
                + doc.id()
                + " in --max-chars "
                + maxChars);
      }
    }
  }

  private List<PromptCall> calls(List<Chunk> chunks) {
    List<LabelQuery> asks =
        template.mode() == Mode.PER_LABEL ? queries : Collections.singletonList(null);
    List<PromptCall> out = new ArrayList<>(chunks.size() * asks.size());
    for (Chunk chunk : chunks) {
      for (LabelQuery ask : asks) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("text", chunk.text());
        vars.put("labels", labels);
        vars.put("dataset", dataset);
        vars.put("examples", exampleValues);
        if (ask != null) {
          vars.put("entity", ask.query());
          vars.put("label", ask.label());
        }
        List<Message> messages = template.layout().render(vars);
        out.add(
            ask == null
                ? new PromptCall(null, null, messages, chunk.start(), chunk.text())
                : new PromptCall(ask.label(), ask.query(), messages, chunk.start(), chunk.text()));
      }
    }
    return out;
  }

  private static int longest(List<PromptCall> calls) {
    return calls.stream().mapToInt(PromptCall::promptChars).max().orElse(0);
  }
}
