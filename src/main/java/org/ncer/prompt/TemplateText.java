package org.ncer.prompt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.features.FeatureConfig;
import com.hubspot.jinjava.features.FeatureStrategies;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
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
 * @param source the template, normalised
 * @param origin the file, for error messages
 * @param field the YAML field holding the template, or null for a whole {@code .jinja} file
 * @param firstLine the line of the file where the template's first line is (1-based)
 * @param strict whether an undefined variable is an error (the project's YAML prompts) or renders
 *     as nothing (benchmark {@code .jinja} files, like Jinja2's default)
 */
record TemplateText(String source, String origin, String field, int firstLine, boolean strict) {
  private static final Pattern UNKNOWN_TOKEN =
      Pattern.compile("UnknownTokenException: Unknown token found: (.*)");
  private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  TemplateText {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
  }

  /** A template from raw text: line ends normalised, one trailing newline dropped. */
  static TemplateText of(String raw, String origin, String field, int firstLine, boolean strict) {
    String s = raw.replace("\r\n", "\n").replace('\r', '\n');
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return new TemplateText(s, origin, field, firstLine, strict);
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
    RenderResult result = (strict ? Engines.STRICT : Engines.LENIENT).renderForResult(source, vars);
    for (TemplateError e : result.getErrors()) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL || (strict && isUndefinedVariable(e))) {
        throw error(e, vars);
      }
    }
    return result.getOutput();
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
      return new Jinjava(
          JinjavaConfig.newBuilder()
              .withFailOnUnknownTokens(strict)
              .withFeatureConfig(features)
              // Jinjava would otherwise render template syntax found inside a variable's value,
              // such as "{{" in a note; Jinja2 never does.
              .withNestedInterpretationEnabled(false)
              .withLegacyOverrides(jinja2)
              .withLocale(Locale.ROOT)
              .build());
    }
  }
}
