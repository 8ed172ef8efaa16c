package org.ncer.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ncer.Json;
import org.ncer.NcerException;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Document;
import org.ncer.model.ResponseFormat;
import org.ncer.span.Mention;

/**
 * A loaded prompt: a shipped prompt from {@code prompts/}, a YAML prompt file or a benchmark {@code
 * .jinja} template.
 *
 * <p>Loading checks the whole file and renders it once on a sample note, so that a typo in a
 * template fails at load time with the file and line. {@link #bind} fixes the dataset (its labels,
 * query words, aliases and few-shot examples); the result renders documents into model calls.
 */
public final class PromptTemplate {
  /** The prompt LLM runs use unless told otherwise. */
  public static final String DEFAULT = "json-all-labels";

  /** The prompts shipped in {@code prompts/}, in the order {@code ncer prompts list} shows. */
  private static final List<String> SHIPPED =
      List.of("json-all-labels", "list-per-label", "html-inline", "json-few-shot");

  /** Where a bare {@code .jinja} template takes its query words: the benchmark's (§4.1). */
  private static final String JINJA_QUERIES_FROM = "list-per-label";

  /**
   * Where a bare {@code .jinja} template takes its aliases: the benchmark's HTML classes (§4.2).
   */
  private static final String JINJA_ALIASES_FROM = "html-inline";

  private final String name;
  private final int version;
  private final String description;
  private final Mode mode;
  private final OutputFormat output;
  private final String origin;
  private final MessageLayout layout;
  private final LabelConfig labels;
  private final Map<String, LabelConfig> datasets;
  private final List<Example> examples;
  private final ExampleRule exampleRule;
  private final ResponseFormat responseFormat;
  private final Markup markup;

  PromptTemplate(
      String name,
      int version,
      String description,
      Mode mode,
      OutputFormat output,
      String origin,
      MessageLayout layout,
      LabelConfig labels,
      Map<String, LabelConfig> datasets,
      List<Example> examples,
      ExampleRule exampleRule,
      ResponseFormat responseFormat,
      Markup markup) {
    this.name = Objects.requireNonNull(name, "name");
    this.version = version;
    this.description = Objects.requireNonNull(description, "description");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.output = Objects.requireNonNull(output, "output");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.datasets = Map.copyOf(datasets);
    this.examples = List.copyOf(examples);
    this.exampleRule = exampleRule;
    this.responseFormat = Objects.requireNonNull(responseFormat, "responseFormat");
    this.markup = Objects.requireNonNull(markup, "markup");
  }

  /** The names of the shipped prompts. */
  public static List<String> shippedNames() {
    return SHIPPED;
  }

  /** Every shipped prompt, loaded. */
  public static List<PromptTemplate> shipped() {
    return SHIPPED.stream().map(PromptTemplate::load).toList();
  }

  /** Loads a shipped prompt by name, or a {@code .yaml}, {@code .yml} or {@code .jinja} file. */
  public static PromptTemplate load(String nameOrPath) {
    return load(nameOrPath, null, null);
  }

  /**
   * Loads a prompt as {@link #load(String)} does, with its mode and output format replaced where
   * {@code mode} or {@code output} is not null.
   *
   * <p>A {@code .jinja} file carries no settings: its mode is per-label when it mentions {@code
   * entity} and all-labels otherwise, its output {@code auto}, its query words those of {@code
   * list-per-label} and its aliases those of {@code html-inline} (the benchmark's label maps).
   */
  public static PromptTemplate load(String nameOrPath, Mode mode, OutputFormat output) {
    return load(nameOrPath, mode, output, null);
  }

  /**
   * Loads a prompt as {@link #load(String, Mode, OutputFormat)} does, with its inline markup also
   * replaced where {@code markup} is not null.
   */
  public static PromptTemplate load(
      String nameOrPath, Mode mode, OutputFormat output, Markup markup) {
    PromptTemplate t = read(nameOrPath).with(mode, output, markup);
    t.dryRun();
    return t;
  }

  private static PromptTemplate read(String nameOrPath) {
    String lower = nameOrPath.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return PromptFileReader.read(readFile(Path.of(nameOrPath)), nameOrPath, folderOf(nameOrPath));
    }
    if (lower.endsWith(".jinja")) {
      return jinja(readFile(Path.of(nameOrPath)), nameOrPath);
    }
    if (!SHIPPED.contains(nameOrPath)) {
      throw new NcerException(
          "unknown prompt '"
              + nameOrPath
              + "'; shipped: "
              + String.join(", ", SHIPPED)
              + "; or give a path to a .yaml, .yml or .jinja file");
    }
    String origin = "prompts/" + nameOrPath + ".yaml";
    PromptTemplate t = PromptFileReader.read(readResource(origin), origin);
    if (!t.name.equals(nameOrPath)) {
      throw new NcerException(
          origin + ": field 'name' is '" + t.name + "', not '" + nameOrPath + "'");
    }
    return t;
  }

  /** The folder of a prompt file, from which its templates may include others. */
  private static Path folderOf(String file) {
    return Path.of(file).toAbsolutePath().getParent();
  }

  private static PromptTemplate jinja(String content, String origin) {
    TemplateText template = TemplateText.of(content, origin, null, 1, false, folderOf(origin));
    String fileName = Path.of(origin).getFileName().toString();
    String stem = fileName.substring(0, fileName.length() - ".jinja".length());
    PromptTemplate queries = read(JINJA_QUERIES_FROM);
    PromptTemplate aliases = read(JINJA_ALIASES_FROM);
    Mode mode = template.mentions("entity") ? Mode.PER_LABEL : Mode.ALL_LABELS;
    return new PromptTemplate(
        stem,
        1,
        "Jinja template " + fileName,
        mode,
        OutputFormat.AUTO,
        origin,
        MessageLayout.Jinja.of(template),
        new LabelConfig(queries.labels.queries(), aliases.labels.aliases()),
        Map.of(),
        List.of(),
        null,
        ResponseFormat.text(),
        Markup.NONE);
  }

  private PromptTemplate with(Mode newMode, OutputFormat newOutput, Markup newMarkup) {
    if (newMode == null && newOutput == null && newMarkup == null) {
      return this;
    }
    return new PromptTemplate(
        name,
        version,
        description,
        newMode == null ? mode : newMode,
        newOutput == null ? output : newOutput,
        origin,
        layout,
        labels,
        datasets,
        examples,
        exampleRule,
        responseFormat,
        newMarkup == null ? markup : newMarkup);
  }

  /** A note text no template writes by itself: its presence shows that the note went in. */
  private static final String SENTINEL_NOTE = "The note ncer-note-7d1c9 ends here.";

  /**
   * Renders a sample note, so that template errors show at load time, and refuses a prompt whose
   * messages never carry the note (a template that forgot {@code {{ text }}} would otherwise ask
   * the model about nothing, on every document).
   */
  private void dryRun() {
    Document example =
        new Document(
            "sample",
            "Aspirin eased the headache.",
            List.of(Mention.of(0, 7, "drug"), Mention.of(18, 26, "condition")));
    Document note = new Document("note", SENTINEL_NOTE, List.of());
    List<String> sampleLabels = List.of("condition", "drug");
    List<PromptCall> calls =
        bind(
                new Dataset("sample", "sample", sampleLabels, List.of(note)),
                (dataset, split) -> List.of(example))
            .render(note, 0);
    for (PromptCall call : calls) {
      boolean carriesNote =
          call.messages().stream().anyMatch(m -> m.content().contains(SENTINEL_NOTE));
      if (!carriesNote) {
        throw new NcerException(
            origin + ": no message of the prompt contains the note; put {{ text }} in a message");
      }
    }
  }

  private static String readFile(Path file) {
    if (!Files.exists(file)) {
      throw new NcerException(file + ": no such prompt file");
    }
    return Json.readText(file);
  }

  private static String readResource(String path) {
    try (InputStream in = PromptTemplate.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resource " + path, e);
    }
  }

  /**
   * Fixes the dataset: its labels, the query words and aliases for it, and the few-shot examples,
   * drawn once from {@code source}.
   *
   * @throws NcerException when the prompt draws examples from the split being evaluated, or there
   *     are none to draw
   */
  public BoundPrompt bind(Dataset evaluated, ExampleSource source) {
    LabelConfig config = labels.with(datasets.getOrDefault(evaluated.name(), LabelConfig.EMPTY));
    return new BoundPrompt(
        this,
        evaluated.name(),
        evaluated.labels(),
        config.queriesFor(evaluated.labels()),
        config.aliasesFor(evaluated.labels()),
        examplesFor(evaluated, source));
  }

  private List<Example> examplesFor(Dataset evaluated, ExampleSource source) {
    List<String> labelList = evaluated.labels();
    if (exampleRule == null) {
      List<Example> out = new ArrayList<>();
      for (Example e : examples) {
        Map<String, List<String>> entities = new java.util.LinkedHashMap<>();
        labelList.forEach(l -> entities.put(l, e.entities().getOrDefault(l, List.of())));
        out.add(new Example(e.text(), entities));
      }
      return out;
    }
    String split = exampleRule.split();
    if (evaluated.fromFile()) {
      throw new NcerException(
          "prompt "
              + name
              + " draws its examples from the "
              + split
              + " split, and "
              + evaluated.name()
              + " is a user file without one; use a prompt without drawn examples");
    }
    if (split.equals(evaluated.split())) {
      throw new NcerException(
          "prompt "
              + name
              + " draws its examples from the "
              + split
              + " split, which is the split being evaluated; evaluate another split");
    }
    List<Document> pool;
    try {
      pool = source.documents(evaluated.name(), split);
    } catch (NcerException e) {
      throw new NcerException(
          "prompt "
              + name
              + " draws its examples from the "
              + split
              + " split of "
              + evaluated.name()
              + ": "
              + e.getMessage(),
          e);
    }
    List<Example> drawn = FewShot.draw(exampleRule, pool, labelList);
    if (drawn.isEmpty()) {
      throw new NcerException(
          "prompt "
              + name
              + ": the "
              + split
              + " split of "
              + evaluated.name()
              + " has no document with a mention of "
              + String.join(", ", labelList)
              + " to draw examples from");
    }
    return drawn;
  }

  /** The prompt's name: a shipped name, the file's {@code name} field or a template's file name. */
  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  /** One line saying what the prompt does; may be empty. */
  public String description() {
    return description;
  }

  public Mode mode() {
    return mode;
  }

  /** The form the model is asked to answer in ({@code response_format}; text by default). */
  public ResponseFormat responseFormat() {
    return responseFormat;
  }

  public OutputFormat output() {
    return output;
  }

  /**
   * The inline marks besides tags that the prompt asks the model to use ({@code markup:}; none by
   * default), which are then read as entities.
   */
  public Markup markup() {
    return markup;
  }

  /** Where the prompt was read from: {@code prompts/NAME.yaml} or the path given. */
  public String origin() {
    return origin;
  }

  /** The aliases the prompt declares for every dataset (answer label name to dataset label). */
  public Map<String, String> aliases() {
    return labels.aliases();
  }

  /** Whether the prompt draws few-shot examples from a training split when bound. */
  public boolean drawsExamples() {
    return exampleRule != null;
  }

  MessageLayout layout() {
    return layout;
  }

  @Override
  public String toString() {
    return name + " v" + version + " (" + mode + ", " + output + ")";
  }
}
