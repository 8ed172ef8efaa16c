package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * What tokens cost: {@code config/prices.yaml} (shipped in the jar) or a user's file of the same
 * form, {@code models: {<id>: {input: USD per million, output: USD per million}}} and {@code
 * free_prefixes: [...]}.
 */
public final class Prices {
  private static final String SHIPPED = "/config/prices.yaml";

  /** US dollars per million input and output tokens. */
  public record Price(double input, double output) {
    public Price {
      if (!(input >= 0 && output >= 0)) {
        throw new IllegalArgumentException("prices " + input + "/" + output + " are negative");
      }
    }

    public double cost(long inputTokens, long outputTokens) {
      return (Math.max(inputTokens, 0) * input + Math.max(outputTokens, 0) * output) / 1e6;
    }
  }

  private final Map<String, Price> models;
  private final List<String> freePrefixes;
  private final String origin;

  private Prices(Map<String, Price> models, List<String> freePrefixes, String origin) {
    this.models = models;
    this.freePrefixes = freePrefixes;
    this.origin = origin;
  }

  /** The prices in {@code file}, or the shipped ones when it is null. */
  public static Prices load(Path file) {
    if (file == null) {
      try (InputStream in = Prices.class.getResourceAsStream(SHIPPED)) {
        if (in == null) {
          throw new IllegalStateException("the build lacks resource " + SHIPPED);
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "config/prices.yaml");
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + SHIPPED, e);
      }
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new NcerException("--prices " + file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  static Prices parse(String yaml, String where) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new NcerException(where + ": not valid YAML: " + Json.firstLine(e.getMessage()), e);
    }
    Map<String, Price> models = new HashMap<>();
    var it = root.path("models").fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode in = e.getValue().get("input");
      JsonNode out = e.getValue().get("output");
      if (in == null || !in.isNumber() || out == null || !out.isNumber()) {
        throw new NcerException(
            where + ": models." + e.getKey() + " needs numbers 'input' and 'output'");
      }
      try {
        models.put(e.getKey(), new Price(in.doubleValue(), out.doubleValue()));
      } catch (IllegalArgumentException ex) {
        throw new NcerException(where + ": models." + e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
    List<String> free = new ArrayList<>();
    root.path("free_prefixes").forEach(p -> free.add(p.asText()));
    return new Prices(models, List.copyOf(free), where);
  }

  /** Where the prices were read from. */
  public String origin() {
    return origin;
  }

  /** The price of {@code model}: its own entry, else its bare name's, else free or unknown. */
  public Optional<Price> of(String model) {
    Price p = models.get(model);
    if (p != null) {
      return Optional.of(p);
    }
    for (String prefix : freePrefixes) {
      if (model.startsWith(prefix)) {
        return Optional.of(new Price(0, 0));
      }
    }
    int colon = model.indexOf(':');
    return colon < 0
        ? Optional.empty()
        : Optional.ofNullable(models.get(model.substring(colon + 1)));
  }
}
