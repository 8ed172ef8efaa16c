package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;

class TemplateTextTest {

  private static TemplateText strict(String source) {
    return TemplateText.of(source, "p.yaml", "user", 10, true);
  }

  @Test
  void noteGoesInVerbatimEvenWhenItLooksLikeJinjaOrHtml() {
    // given: Jinjava would otherwise render the braces inside the value
    String note = "{{ 1 + 1 }} {% if x %}<b>&amp;</b>{% endif %}\r\n\u00e9\uD83D\uDE00 ";

    // when
    String out = strict("Text: {{ text }}").render(Map.of("text", note));

    // then
    assertEquals("Text: " + note, out);
  }

  @Test
  void oneTrailingNewlineOfTheTemplateIsDroppedAsJinja2Does() {
    assertEquals("a\n", strict("a\n\n").render(Map.of()));
  }

  @Test
  void templateLineEndsAreNormalised() {
    assertEquals("a\nb", strict("a\r\nb\r\n").render(Map.of()));
  }

  @Test
  void whitespaceControlWorksOnTagsExpressionsAndComments() {
    // given
    String source = "a\n{%- if true -%}\n b \n{%- endif %} {{- x -}} {#- note -#}\nc";

    // then: the same output Jinja2 3.1 gives
    assertEquals("abxc", strict(source).render(Map.of("x", "x")));
  }

  @Test
  void listsPrintAsPythonLists() {
    assertEquals(
        "['condition', 'gene variant']",
        strict("{{ labels }}").render(Map.of("labels", List.of("condition", "gene variant"))));
  }

  @Test
  void unknownVariableNamesTheFileLineFieldAndTheDefinedVariables() {
    // given: the typo is on the template's third line, which is line 12 of the file
    TemplateText t = strict("first\nsecond\nText: {{ txet }}");

    // when
    NcerException e = assertThrows(NcerException.class, () -> t.render(Map.of("text", "x")));

    // then
    assertEquals(
        "p.yaml line 12: field 'user': unknown variable 'txet' (defined here: text)",
        e.getMessage());
  }

  @Test
  void unknownVariableIsCaughtEvenWhenAFilterWouldMakeItEmpty() {
    // given: join of an undefined value gives "" without an error in Jinjava's own strict mode
    TemplateText t = strict("{{ lables | join(', ') }}");

    // when
    NcerException e =
        assertThrows(NcerException.class, () -> t.render(Map.of("labels", List.of("a"))));

    // then
    assertEquals(
        "p.yaml line 10: field 'user': unknown variable 'lables' (defined here: labels)",
        e.getMessage());
  }

  @Test
  void localVariablesOfLoopsAndSetAreDefined() {
    // given
    TemplateText t =
        strict(
            "{% set sep = '; ' %}{% for l in labels %}{{ loop.index }}={{ l }}{{ sep }}{% endfor %}");

    // then
    assertEquals("1=a; 2=b; ", t.render(Map.of("labels", List.of("a", "b"))));
  }

  @Test
  void mentionsLooksOnlyInsideTagsAndExpressions() {
    // given: "text" in the prose does not count
    TemplateText t = strict("Read the text.\n{% if entity %}{{ label | upper }}{% endif %}");

    // then
    assertTrue(t.mentions("entity"));
    assertTrue(t.mentions("label"));
    assertFalse(t.mentions("text"));
  }

  @Test
  void lenientTemplateRendersAnUnknownVariableAsNothing() {
    // given: Jinja2's default, which the benchmark's templates rely on
    TemplateText t = TemplateText.of("[{{ entity }}]", "b.jinja", null, 1, false);

    // then
    assertEquals("[]", t.render(Map.of()));
  }

  @Test
  void syntaxErrorNamesTheLine() {
    // given
    TemplateText t = TemplateText.of("ok\n{% if x %}\nnever closed", "b.jinja", null, 1, false);

    // when
    NcerException e = assertThrows(NcerException.class, () -> t.render(Map.of("x", true)));

    // then
    assertEquals(
        "b.jinja line 2: Syntax error in '{% if x %}': Missing end tag: endif for tag defined as:"
            + " {% if x %}",
        e.getMessage());
  }
}
