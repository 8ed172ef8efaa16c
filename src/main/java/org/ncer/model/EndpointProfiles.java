package org.ncer.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.NcerException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The endpoint profiles: the shipped {@code config/endpoints.yaml}, then the user's files, each
 * adding profiles or overriding single fields of earlier ones. Every error names the file and line.
 */
final class EndpointProfiles {
  static final String SHIPPED = "config/endpoints.yaml";
  private static final Set<String> FIELDS =
      Set.of(
          "provider",
          "base_url",
          "url_vars",
          "api_key_env",
          "key_required",
          "auth",
          "query",
          "headers",
          "connect_timeout",
          "timeout",
          "concurrency",
          "rpm",
          "tpm",
          "max_completion_tokens");
  private static final Set<String> MAPS = Set.of("url_vars", "query", "headers");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  /** A field's value and where it was given. */
  private record Value(Object value, String where) {}

  private final Map<String, Map<String, Value>> raw = new LinkedHashMap<>();

  private EndpointProfiles() {}

  /**
   * The shipped profiles, then {@code ~/.config/ncer/endpoints.yaml} when {@code home} is given and
   * it exists, then {@code file} when given (which must exist).
   */
  static EndpointProfiles load(Path home, Path file) {
    EndpointProfiles p = new EndpointProfiles();
    p.add(shipped(), SHIPPED);
    if (home != null) {
      Path user = home.resolve(".config").resolve("ncer").resolve("endpoints.yaml");
      if (Files.isRegularFile(user)) {
        p.add(read(user), user.toString());
      }
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new NcerException("--endpoints " + file + ": no such file");
      }
      p.add(read(file), file.toString());
    }
    return p;
  }

  /** Profiles from {@code content} alone, over the shipped ones; for tests. */
  static EndpointProfiles of(String content, String origin) {
    EndpointProfiles p = new EndpointProfiles();
    p.add(shipped(), SHIPPED);
    p.add(content, origin);
    return p;
  }

  Set<String> names() {
    return new TreeSet<>(raw.keySet());
  }

  /** The profile called {@code name}, checked. */
  EndpointProfile get(String name) {
    Map<String, Value> f = raw.get(name);
    if (f == null) {
      throw new NcerException(
          "unknown endpoint profile '" + name + "'; known: " + String.join(", ", names()));
    }
    Value providerValue = f.get("provider");
    if (providerValue == null) {
      throw new NcerException("endpoint profile '" + name + "': field 'provider' is missing");
    }
    String provider = (String) providerValue.value();
    if (!provider.equals("openai") && !provider.equals("ollama")) {
      throw error(providerValue, "provider", "'" + provider + "' is not openai or ollama");
    }
    String baseUrl = text(f, "base_url");
    if (baseUrl == null && provider.equals("openai")) {
      throw new NcerException("endpoint profile '" + name + "': field 'base_url' is missing");
    }
    if (baseUrl != null
        && !baseUrl.toLowerCase(Locale.ROOT).startsWith("http://")
        && !baseUrl.toLowerCase(Locale.ROOT).startsWith("https://")) {
      throw error(f.get("base_url"), "base_url", "'" + baseUrl + "' is not an http(s) URL");
    }
    String keyEnv = text(f, "api_key_env");
    if (keyEnv != null && !ENV.matcher(keyEnv).matches()) {
      throw error(
          f.get("api_key_env"),
          "api_key_env",
          "'"
              + keyEnv
              + "' is not an environment variable name (the key itself belongs in the"
              + " environment, not here)");
    }
    String auth = text(f, "auth");
    if (auth != null && !auth.equals("bearer") && !auth.equals("api-key")) {
      throw error(f.get("auth"), "auth", "'" + auth + "' is not bearer or api-key");
    }
    Map<String, String> urlVars = map(f, "url_vars");
    for (Map.Entry<String, String> e : urlVars.entrySet()) {
      if (!ENV.matcher(e.getValue()).matches()) {
        throw error(
            f.get("url_vars"),
            "url_vars." + e.getKey(),
            "'" + e.getValue() + "' is not an environment variable name");
      }
    }
    return new EndpointProfile(
        name,
        provider,
        baseUrl,
        urlVars,
        keyEnv,
        bool(f, "key_required", false),
        "api-key".equals(auth),
        map(f, "query"),
        map(f, "headers"),
        duration(f, "connect_timeout", Duration.ofSeconds(10)),
        duration(
            f,
            "timeout",
            provider.equals("ollama") ? Duration.ofMinutes(10) : Duration.ofMinutes(2)),
        (int) number(f, "concurrency", provider.equals("ollama") ? 1 : 16, true),
        number(f, "rpm", 0, false),
        number(f, "tpm", 0, false),
        bool(f, "max_completion_tokens", false));
  }

  /**
   * A duration such as {@code 90} or {@code 90s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO
   * 8601 ({@code PT2M}); null when {@code text} is none of these or not positive.
   */
  static Duration parseDuration(String text) {
    String t = text.strip();
    if (t.regionMatches(true, 0, "PT", 0, 2)) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        return d.isNegative() || d.isZero() ? null : d;
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    double millis =
        switch (unit) {
          case "ms" -> v;
          case "m" -> v * 60_000;
          case "h" -> v * 3_600_000;
          default -> v * 1000;
        };
    return millis < 1 ? null : Duration.ofMillis(Math.round(millis));
  }

  // ---- reading

  private static String shipped() {
    try (InputStream in = EndpointProfiles.class.getClassLoader().getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SHIPPED, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NcerException(file + ": cannot read: " + e.getMessage());
    }
  }

  private void add(String content, String origin) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(content));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw NcerException.at(origin, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new NcerException(origin + ": not valid YAML: " + e.getMessage());
    }
    if (root == null || isNull(root)) {
      return;
    }
    for (NodeTuple t : mapping(root, origin, null).getValue()) {
      String name = key(t.getKeyNode(), origin, null);
      if (!NAME.matcher(name).matches()) {
        throw at(
            origin, t.getKeyNode(), null, "'" + name + "' is not a name of letters, digits, . _ -");
      }
      Map<String, Value> fields = raw.computeIfAbsent(name, n -> new LinkedHashMap<>());
      Set<String> seen = new TreeSet<>();
      for (NodeTuple ft : mapping(t.getValueNode(), origin, name).getValue()) {
        String field = key(ft.getKeyNode(), origin, name);
        if (!FIELDS.contains(field)) {
          throw at(
              origin,
              ft.getKeyNode(),
              name,
              "unknown field '" + field + "'; known: " + String.join(", ", new TreeSet<>(FIELDS)));
        }
        if (!seen.add(field)) {
          throw at(origin, ft.getKeyNode(), name, "'" + field + "' is given twice");
        }
        Node v = ft.getValueNode();
        String where = origin + " line " + line(v) + ": profile '" + name + "'";
        if (MAPS.contains(field)) {
          Map<String, String> m = new LinkedHashMap<>();
          if (!isNull(v)) {
            for (NodeTuple e : mapping(v, origin, name + "." + field).getValue()) {
              m.put(
                  key(e.getKeyNode(), origin, name + "." + field),
                  scalar(e.getValueNode(), origin, name + "." + field));
            }
          }
          fields.put(field, new Value(m, where));
        } else {
          fields.put(field, new Value(scalar(v, origin, name + "." + field), where));
        }
      }
    }
  }

  private static MappingNode mapping(Node node, String origin, String field) {
    if (!(node instanceof MappingNode m)) {
      throw at(origin, node, field, "expected a mapping of names to values");
    }
    return m;
  }

  private static String key(Node node, String origin, String field) {
    if (!(node instanceof ScalarNode s) || isNull(node) || s.getValue().isBlank()) {
      throw at(origin, node, field, "keys must be plain text");
    }
    return s.getValue();
  }

  private static String scalar(Node node, String origin, String field) {
    if (!(node instanceof ScalarNode s) || isNull(node)) {
      throw at(origin, node, field, "expected a value");
    }
    return s.getValue();
  }

  private static NcerException at(String origin, Node node, String field, String problem) {
    return NcerException.at(
        origin, line(node), field == null ? problem : "profile '" + field + "': " + problem);
  }

  // ---- typed access after merging

  private static String text(Map<String, Value> f, String field) {
    Value v = f.get(field);
    return v == null || ((String) v.value()).isBlank() ? null : ((String) v.value()).strip();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(Map<String, Value> f, String field) {
    Value v = f.get(field);
    return v == null ? Map.of() : (Map<String, String>) v.value();
  }

  private static boolean bool(Map<String, Value> f, String field, boolean otherwise) {
    String s = text(f, field);
    if (s == null) {
      return otherwise;
    }
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw error(f.get(field), field, "'" + s + "' is not true or false");
  }

  private static double number(
      Map<String, Value> f, String field, double otherwise, boolean wholePositive) {
    String s = text(f, field);
    if (s == null) {
      return otherwise;
    }
    try {
      double v = Double.parseDouble(s);
      if (wholePositive
          ? v >= 1 && v == Math.rint(v) && v <= 10_000
          : v >= 0 && !Double.isInfinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(
        f.get(field),
        field,
        "'"
            + s
            + "' is not "
            + (wholePositive ? "a positive whole number" : "a number, 0 or more"));
  }

  private static Duration duration(Map<String, Value> f, String field, Duration otherwise) {
    String s = text(f, field);
    if (s == null) {
      return otherwise;
    }
    Duration d = parseDuration(s);
    if (d == null) {
      throw error(f.get(field), field, "'" + s + "' is not a duration such as 10s, 2m or 500ms");
    }
    return d;
  }

  private static NcerException error(Value v, String field, String problem) {
    return new NcerException(v.where() + ": field '" + field + "': " + problem);
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static boolean isNull(Node node) {
    return Tag.NULL.equals(node.getTag());
  }
}
