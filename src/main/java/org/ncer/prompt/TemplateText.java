package org.ncer.prompt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.features.FeatureConfig;
import com.hubspot.jinjava.features.FeatureStrategies;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.NcerException;

/**
 * One Jinja template of a prompt file and where it came from, rendered with Jinjava.
 *
 * <p>Rendering follows Jinja2's defaults, which the benchmark uses ({@code jinja2.Environment()} in
 * {@code clinical_ner/models/prompt_templates.py}): autoescape off, so the note goes in verbatim;
 * line ends of the template normalised to {@code \n}; and one trailing newline of the template
 * dropped. Jinjava keeps that newline, so it is removed here.
 *
 * <p>A template is code that runs on every note, so it runs in a sandbox: a render stops with an
 * error past {@link #MAX_OUTPUT_CHARS} characters of output, {@link #MAX_LOOP_ITERATIONS} loop
 * iterations in all, or {@link #MAX_DEPTH} levels of nested tags, includes or macro calls; an
 * unknown filter is an error; and files are read only from {@code folder} (see {@link Sandbox}).
 *
 * @param source the template, normalised
 * @param origin the file, for error messages
 * @param field the YAML field holding the template, or null for a whole {@code .jinja} file
 * @param firstLine the line of the file where the template's first line is (1-based)
 * @param strict whether an undefined variable is an error (the project's YAML prompts) or renders
 *     as nothing (benchmark {@code .jinja} files, like Jinja2's default)
 * @param folder the folder {@code {% include %}} and {@code {% import %}} read from (the prompt
 *     file's own), or null when the template may read no file
 */
record TemplateText(
    String source, String origin, String field, int firstLine, boolean strict, Path folder) {
  /** The longest output of one render, in characters. */
  static final int MAX_OUTPUT_CHARS = 1_000_000;

  /** The most loop iterations of one render, all loops together. */
  static final int MAX_LOOP_ITERATIONS = 50_000;

  /** The deepest nesting of tags, includes and macro calls in one render. */
  static final int MAX_DEPTH = 20;

  private static final Pattern UNKNOWN_TOKEN =
      Pattern.compile("UnknownTokenException: Unknown token found: (.*)");
  private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  TemplateText {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
  }

  /** A template that reads no file; see {@link #of(String, String, String, int, boolean, Path)}. */
  static TemplateText of(String raw, String origin, String field, int firstLine, boolean strict) {
    return of(raw, origin, field, firstLine, strict, null);
  }

  /** A template from raw text: line ends normalised, one trailing newline dropped. */
  static TemplateText of(
      String raw, String origin, String field, int firstLine, boolean strict, Path folder) {
    String s = raw.replace("\r\n", "\n").replace('\r', '\n');
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return new TemplateText(s, origin, field, firstLine, strict, folder);
  }

  /**
   * Whether {@code name} appears as a word inside a Jinja tag or expression: a cheap look for the
   * variables a template uses, not a parse.
   */
  boolean mentions(String name) {
    Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
    Matcher tag = TAG.matcher(source);
    while (tag.find()) {
      if (word.matcher(tag.group()).find()) {
        return true;
      }
    }
    return false;
  }

  /** Renders with {@code vars}; any template error is an {@link NcerException} naming the line. */
  String render(Map<String, ?> vars) {
    if (!strict) {
      requireKnownFilters();
    }
    Sandbox.Render render = Sandbox.begin(folder);
    RenderResult result;
    try {
      result = (strict ? Engines.STRICT : Engines.LENIENT).renderForResult(source, vars);
    } finally {
      Sandbox.end();
    }
    String where = field == null ? "" : "field '" + field + "': ";
    if (render.loopLimitReached()) {
      throw NcerException.at(
          origin,
          firstLine,
          where
              + "the template runs more than "
              + MAX_LOOP_ITERATIONS
              + " loop iterations, ncer's limit for one render");
    }
    for (TemplateError e : result.getErrors()) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL
          || (strict && isUndefinedVariable(e))
          || isUnknownFilter(e)
          // Jinjava records a failure inside a tag, such as a macro past its recursion depth, as
          // a warning and renders nothing; Jinja2 raises.
          || e.getReason() == TemplateError.ErrorReason.EXCEPTION) {
        throw error(e, vars);
      }
    }
    if (result.getOutput().length() > MAX_OUTPUT_CHARS) {
      throw NcerException.at(origin, firstLine, where + tooBig());
    }
    return result.getOutput();
  }

  private static String tooBig() {
    return "the template's output is longer than "
        + MAX_OUTPUT_CHARS
        + " characters, ncer's limit for one render";
  }

  private static final Pattern FILTER = Pattern.compile("\\|\\s*([A-Za-z_][A-Za-z0-9_]*)");

  /**
   * A lenient template renders an undefined variable as nothing, as Jinja2 does, but Jinjava would
   * also drop an unknown filter silently where Jinja2 refuses the template; so filters are checked
   * here.
   */
  private void requireKnownFilters() {
    Matcher tag = TAG.matcher(source);
    while (tag.find()) {
      Matcher filter = FILTER.matcher(tag.group());
      while (filter.find()) {
        if (Engines.LENIENT.getGlobalContext().getFilter(filter.group(1)) == null) {
          int line =
              firstLine
                  + (int) source.substring(0, tag.start()).chars().filter(c -> c == '\n').count();
          String where = field == null ? "" : "field '" + field + "': ";
          throw NcerException.at(origin, line, where + "unknown filter '" + filter.group(1) + "'");
        }
      }
    }
  }

  private static boolean isUnknownFilter(TemplateError e) {
    return e.getReason() == TemplateError.ErrorReason.UNKNOWN
        && e.getItem() == TemplateError.ErrorItem.FILTER;
  }

  /**
   * Jinjava's own strict mode fails only when a whole expression is null, so {@code {{ lables |
   * join(", ") }}} would pass as empty; its undefined-variable warning catches that case.
   */
  private static boolean isUndefinedVariable(TemplateError e) {
    return e.getReason() == TemplateError.ErrorReason.UNKNOWN
        && e.getItem() == TemplateError.ErrorItem.TOKEN
        && e.getCategoryErrors() != null
        && e.getCategoryErrors().get("variable") != null;
  }

  private NcerException error(TemplateError e, Map<String, ?> vars) {
    int line = firstLine + Math.max(e.getLineno(), 1) - 1;
    String where = field == null ? "" : "field '" + field + "': ";
    return NcerException.at(origin, line, where + describe(e, vars));
  }

  private static String describe(TemplateError e, Map<String, ?> vars) {
    String known = " (defined here: " + String.join(", ", new TreeSet<>(vars.keySet())) + ")";
    if (isUndefinedVariable(e)) {
      return "unknown variable '" + e.getCategoryErrors().get("variable") + "'" + known;
    }
    if (isUnknownFilter(e)) {
      return "unknown filter '" + e.getFieldName() + "'";
    }
    if (e.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG) {
      return tooBig();
    }
    String m = e.getMessage() == null ? "template error" : e.getMessage().replace('\n', ' ');
    Matcher unknown = UNKNOWN_TOKEN.matcher(m);
    if (!unknown.matches()) {
      return m;
    }
    String token = unknown.group(1);
    return IDENTIFIER.matcher(token).matches()
        ? "unknown variable '" + token + "'" + known
        : "unknown variable, attribute or filter in '" + token + "'" + known;
  }

  /** Jinjava is costly to set up and safe to share, so one of each kind is kept. */
  private static final class Engines {
    static final Jinjava STRICT = create(true);
    static final Jinjava LENIENT = create(false);

    private static Jinjava create(boolean strict) {
      // Jinja2 semantics where Jinjava's defaults differ: whitespace control on {{- -}} and
      // {#- -#}, Python operator precedence and dict iteration, lists printed as Python lists.
      LegacyOverrides jinja2 =
          LegacyOverrides.newBuilder()
              .withUseTrimmingForNotesAndExpressions(true)
              .withParseWhitespaceControlStrictly(true)
              .withUseNaturalOperatorPrecedence(true)
              .withIterateOverMapKeys(true)
              .withEvaluateMapKeys(true)
              .withUsePyishObjectMapper(true)
              .build();
      FeatureConfig features =
          strict
              ? FeatureConfig.newBuilder()
                  .add(
                      JinjavaInterpreter.OUTPUT_UNDEFINED_VARIABLES_ERROR, FeatureStrategies.ACTIVE)
                  .build()
              : FeatureConfig.newBuilder().build();
      Jinjava jinjava =
          new Jinjava(
              JinjavaConfig.newBuilder()
                  .withFailOnUnknownTokens(strict)
                  .withMaxOutputSize(MAX_OUTPUT_CHARS)
                  .withMaxStringLength(MAX_OUTPUT_CHARS)
                  .withMaxListSize(MAX_LOOP_ITERATIONS)
                  .withMaxMapSize(MAX_LOOP_ITERATIONS)
                  .withRangeLimit(MAX_LOOP_ITERATIONS)
                  .withMaxRenderDepth(MAX_DEPTH)
                  .withEnableRecursiveMacroCalls(true)
                  .withMaxMacroRecursionDepth(MAX_DEPTH)
                  .withFeatureConfig(features)
                  // Jinjava would otherwise render template syntax found inside a variable's value,
                  // such as "{{" in a note; Jinja2 never does.
                  .withNestedInterpretationEnabled(false)
                  .withLegacyOverrides(jinja2)
                  .withLocale(Locale.ROOT)
                  .build());
      jinjava.setResourceLocator(new Sandbox.FolderLocator());
      jinjava.getGlobalContext().registerTag(new Sandbox.BoundedForTag());
      return jinjava;
    }
  }
}
