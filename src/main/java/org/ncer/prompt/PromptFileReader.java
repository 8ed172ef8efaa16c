package org.ncer.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ncer.NcerException;
import org.ncer.dataset.DatasetSpec;
import org.ncer.model.ResponseFormat;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML prompt file, checking every field; each error names the file, the line and the
 * field.
 *
 * <p>SnakeYAML's node tree is read rather than Jackson's, because it keeps the line of each value.
 */
final class PromptFileReader {
  private static final Set<String> TOP_FIELDS =
      Set.of(
          "name",
          "version",
          "description",
          "mode",
          "output",
          "markup",
          "system",
          "user",
          "label_queries",
          "aliases",
          "examples",
          "datasets",
          "response_format",
          "json_schema");
  private static final Set<String> DATASET_FIELDS = Set.of("label_queries", "aliases");
  private static final Set<String> RULE_FIELDS = Set.of("split", "count", "max_chars", "seed");
  private static final Set<String> EXAMPLE_FIELDS = Set.of("text", "entities");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String origin;
  private final Path folder;

  private PromptFileReader(String origin, Path folder) {
    this.origin = origin;
    this.folder = folder;
  }

  /** Parses {@code content}, the text of the file {@code origin}; its templates read no file. */
  static PromptTemplate read(String content, String origin) {
    return read(content, origin, null);
  }

  /**
   * Parses {@code content}, the text of the file {@code origin}, whose templates may include files
   * from {@code folder} (null: none).
   */
  static PromptTemplate read(String content, String origin, Path folder) {
    return new PromptFileReader(origin, folder).read(content);
  }

  private PromptTemplate read(String content) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(stripBom(content)));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw NcerException.at(origin, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new NcerException(origin + ": not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new NcerException(origin + ": the prompt file is empty");
    }
    Map<String, Node> f = fields(root, null, TOP_FIELDS);

    String name = string(required(f, root, "name"), "name");
    if (!NAME.matcher(name).matches()) {
      throw error(f.get("name"), "name", "'" + name + "' is not a name of letters, digits, . _ -");
    }
    int version = positive(required(f, root, "version"), "version");
    String description = f.containsKey("description") ? oneLine(f.get("description")) : "";
    Node modeNode = required(f, root, "mode");
    Mode mode =
        Mode.fromKey(string(modeNode, "mode"))
            .orElseThrow(() -> error(modeNode, "mode", unknown(modeNode, Mode.keys())));
    Node outputNode = required(f, root, "output");
    OutputFormat output =
        OutputFormat.fromKey(string(outputNode, "output"))
            .orElseThrow(
                () -> error(outputNode, "output", unknown(outputNode, OutputFormat.keys())));
    Markup markup = Markup.NONE;
    Node markupNode = f.get("markup");
    if (markupNode != null) {
      markup =
          Markup.fromKey(string(markupNode, "markup"))
              .orElseThrow(() -> error(markupNode, "markup", unknown(markupNode, Markup.keys())));
    }
    TemplateText system = f.containsKey("system") ? template(f.get("system"), "system") : null;
    TemplateText user = template(required(f, root, "user"), "user");

    LabelConfig labels = labelConfig(f, "");
    Map<String, LabelConfig> datasets = new LinkedHashMap<>();
    if (f.containsKey("datasets")) {
      fields(f.get("datasets"), "datasets", null)
          .forEach(
              (dataset, node) -> {
                String path = "datasets." + dataset;
                datasets.put(dataset, labelConfig(fields(node, path, DATASET_FIELDS), path + "."));
              });
    }

    List<Example> examples = List.of();
    ExampleRule rule = null;
    Node ex = f.get("examples");
    if (ex instanceof SequenceNode seq) {
      examples = literalExamples(seq);
    } else if (ex != null && !isNull(ex)) {
      rule = exampleRule(ex);
    }
    return new PromptTemplate(
        name,
        version,
        description,
        mode,
        output,
        origin,
        new MessageLayout.Yaml(system, user),
        labels,
        datasets,
        examples,
        rule,
        responseFormat(f, name, content),
        markup);
  }

  /**
   * {@code response_format: text | json | json_schema}; {@code json_schema} goes with a {@code
   * json_schema:} mapping, the schema sent verbatim (as JSON) under the prompt's name.
   */
  private ResponseFormat responseFormat(Map<String, Node> f, String name, String content) {
    Node format = f.get("response_format");
    Node schema = f.get("json_schema");
    String kind = format == null ? "text" : string(format, "response_format");
    switch (kind) {
      case "text", "json" -> {
        if (schema != null) {
          throw error(schema, "json_schema", "is only read with response_format: json_schema");
        }
        return kind.equals("json") ? new ResponseFormat.JsonObject() : ResponseFormat.text();
      }
      case "json_schema" -> {
        if (!(schema instanceof MappingNode)) {
          throw error(
              schema == null ? format : schema,
              "json_schema",
              schema == null
                  ? "missing; response_format json_schema needs it"
                  : "expected a mapping");
        }
        try {
          JsonNode tree =
              new ObjectMapper(new YAMLFactory()).readTree(stripBom(content)).get("json_schema");
          return new ResponseFormat.JsonSchema(
              name.replaceAll("[^A-Za-z0-9_-]", "_"), new ObjectMapper().writeValueAsString(tree));
        } catch (IOException e) {
          throw error(schema, "json_schema", "cannot be read as JSON: " + e.getMessage());
        }
      }
      default ->
          throw error(format, "response_format", unknown(format, "text, json or json_schema"));
    }
  }

  private LabelConfig labelConfig(Map<String, Node> f, String prefix) {
    Map<String, List<String>> queries = new LinkedHashMap<>();
    if (f.containsKey("label_queries")) {
      String field = prefix + "label_queries";
      fields(f.get("label_queries"), field, null)
          .forEach((label, words) -> queries.put(label, words(words, field + "." + label)));
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    if (f.containsKey("aliases")) {
      String field = prefix + "aliases";
      fields(f.get("aliases"), field, null)
          .forEach((alias, label) -> aliases.put(alias, string(label, field + "." + alias)));
    }
    return new LabelConfig(queries, aliases);
  }

  private ExampleRule exampleRule(Node node) {
    Map<String, Node> f = fields(node, "examples", RULE_FIELDS);
    String split = ExampleRule.DEFAULT_SPLIT;
    if (f.containsKey("split")) {
      try {
        split = DatasetSpec.canonicalSplit(string(f.get("split"), "examples.split"));
      } catch (NcerException e) {
        throw error(f.get("split"), "examples.split", e.getMessage());
      }
    }
    int count =
        f.containsKey("count")
            ? positive(f.get("count"), "examples.count")
            : ExampleRule.DEFAULT_COUNT;
    int maxChars =
        f.containsKey("max_chars")
            ? positive(f.get("max_chars"), "examples.max_chars")
            : ExampleRule.DEFAULT_MAX_CHARS;
    String seed =
        f.containsKey("seed") ? string(f.get("seed"), "examples.seed") : ExampleRule.DEFAULT_SEED;
    try {
      return new ExampleRule(split, count, maxChars, seed);
    } catch (IllegalArgumentException e) {
      throw error(node, "examples", e.getMessage());
    }
  }

  private List<Example> literalExamples(SequenceNode seq) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String field = "examples[" + i + "]";
      Map<String, Node> f = fields(item, field, EXAMPLE_FIELDS);
      String text = string(required(f, item, "text", field), field + ".text");
      Map<String, List<String>> entities = new LinkedHashMap<>();
      if (f.containsKey("entities")) {
        fields(f.get("entities"), field + ".entities", null)
            .forEach(
                (label, node) -> {
                  String path = field + ".entities." + label;
                  boolean none =
                      isNull(node)
                          || (node instanceof SequenceNode seq2 && seq2.getValue().isEmpty());
                  List<String> strings = none ? List.of() : words(node, path);
                  for (String s : strings) {
                    if (!text.contains(s)) {
                      throw error(node, path, "'" + s + "' does not occur in the example's text");
                    }
                  }
                  entities.put(label, strings);
                });
      }
      out.add(new Example(text, entities));
    }
    return out;
  }

  // ---- node access; every error names the file, line and field

  private Map<String, Node> fields(Node node, String field, Set<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      throw error(node, field, "expected a mapping of keys to values");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode key) || isNull(keyNode)) {
        throw error(keyNode, field, "keys must be plain text");
      }
      String k = key.getValue();
      if (allowed != null && !allowed.contains(k)) {
        throw error(
            keyNode,
            field,
            "unknown field '" + k + "'; known: " + String.join(", ", sorted(allowed)));
      }
      if (out.putIfAbsent(k, t.getValueNode()) != null) {
        throw error(keyNode, field, "'" + k + "' is given twice");
      }
    }
    return out;
  }

  private Node required(Map<String, Node> f, Node parent, String name) {
    return required(f, parent, name, null);
  }

  private Node required(Map<String, Node> f, Node parent, String name, String parentField) {
    Node n = f.get(name);
    String field = parentField == null ? name : parentField + "." + name;
    if (n == null) {
      throw error(parent, field, "missing; it is required");
    }
    return n;
  }

  private String string(Node node, String field) {
    if (!(node instanceof ScalarNode s)) {
      throw error(node, field, "expected text, found a " + kind(node));
    }
    if (isNull(node) || s.getValue().isBlank()) {
      throw error(node, field, "is empty");
    }
    return s.getValue();
  }

  private String oneLine(Node node) {
    String s = string(node, "description").strip();
    if (s.contains("\n")) {
      throw error(node, "description", "must be one line");
    }
    return s;
  }

  private int positive(Node node, String field) {
    String s = string(node, field);
    try {
      int v = Integer.parseInt(s.strip());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(node, field, "'" + s + "' is not a positive whole number");
  }

  /** One word or a list of words; none may be blank. */
  private List<String> words(Node node, String field) {
    if (node instanceof SequenceNode seq) {
      List<String> out = new ArrayList<>();
      for (Node n : seq.getValue()) {
        out.add(string(n, field));
      }
      if (out.isEmpty()) {
        throw error(node, field, "is an empty list");
      }
      return out;
    }
    return List.of(string(node, field));
  }

  private TemplateText template(Node node, String field) {
    String source = string(node, field);
    ScalarNode s = (ScalarNode) node;
    // A block scalar (| or >) starts on the line after its indicator.
    boolean block =
        s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
            || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED;
    return TemplateText.of(source, origin, field, line(node) + (block ? 1 : 0), true, folder);
  }

  private String unknown(Node node, String expected) {
    return "unknown value '" + ((ScalarNode) node).getValue() + "'; expected " + expected;
  }

  /** An error at {@code node}; {@code field} is null for the top level of the file. */
  private NcerException error(Node node, String field, String problem) {
    return NcerException.at(
        origin, line(node), field == null ? problem : "field '" + field + "': " + problem);
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static boolean isNull(Node node) {
    return Tag.NULL.equals(node.getTag());
  }

  private static String kind(Node node) {
    return node instanceof MappingNode
        ? "mapping"
        : node instanceof SequenceNode ? "list" : "value";
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
