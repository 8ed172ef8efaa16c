package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;

class SandboxTest {
  @TempDir Path tmp;

  private static TemplateText template(String source, Path folder) {
    return TemplateText.of(source, "p.yaml", "user", 10, true, folder);
  }

  private static NcerException renderFails(TemplateText t) {
    return assertThrows(NcerException.class, () -> t.render(Map.of("text", "fever")));
  }

  @Test
  void threeNestedThousandLoopsStopAtTheIterationBudget() {
    // given: a billion iterations, with and without output
    String withOutput =
        "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x"
            + "{% endfor %}{% endfor %}{% endfor %}";
    String silent = withOutput.replace("x", "");
    for (String source : List.of(withOutput, silent)) {
      // when
      NcerException e = renderFails(template(source, null));
      // then
      assertEquals(
          "p.yaml line 10: field 'user': the template runs more than 50000 loop iterations,"
              + " ncer's limit for one render",
          e.getMessage());
    }
  }

  @Test
  void loopsWithinTheBudgetRenderInFull() {
    // given: 200 x 200 = 40,000 iterations
    TemplateText t =
        template(
            "{% for a in range(200) %}{% for b in range(200) %}.{% endfor %}{% endfor %}", null);
    // when
    String out = t.render(Map.of());
    // then
    assertEquals(40_000, out.length());
  }

  @Test
  void outputPastTheLimitIsAnError() {
    // given: 2,000 x 1,000 characters
    TemplateText t = template("{% for a in range(2000) %}{{ text }}{% endfor %}", null);
    // when
    NcerException e =
        assertThrows(NcerException.class, () -> t.render(Map.of("text", "y".repeat(1000))));
    // then
    assertTrue(e.getMessage().contains("longer than 1000000 characters"), e.getMessage());
  }

  @Test
  void endlessMacroRecursionIsAnError() {
    // given
    TemplateText t = template("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", null);
    // when / then
    renderFails(t);
  }

  @Test
  void unknownFilterIsAnErrorNotAnEmptyString() {
    // given
    TemplateText t = template("{{ text | shout }}", null);
    // when
    NcerException e = renderFails(t);
    // then
    assertTrue(e.getMessage().startsWith("p.yaml line 10: field 'user': "), e.getMessage());
    assertTrue(e.getMessage().contains("shout"), e.getMessage());
  }

  @Test
  void unknownFilterIsAnErrorInALenientTemplateToo() {
    // given: a benchmark-style template, where an undefined variable is allowed to be empty
    TemplateText t = TemplateText.of("{{ flag }}\n{{ text | shout }}", "b.jinja", null, 1, false);
    // when
    NcerException e = renderFails(t);
    // then
    assertEquals("b.jinja line 2: unknown filter 'shout'", e.getMessage());
  }

  @Test
  void includeReadsAFileOfThePromptsFolder() throws IOException {
    // given
    Files.writeString(tmp.resolve("part.jinja"), "Note: {{ text }}", StandardCharsets.UTF_8);
    // when
    String out = template("{% include 'part.jinja' %}!", tmp).render(Map.of("text", "fever"));
    // then
    assertEquals("Note: fever!", out);
  }

  @Test
  void includeOutsideThePromptsFolderIsRefused() throws IOException {
    // given: a file beside the folder, a link out of it, and a resource packed in the jar
    Path folder = Files.createDirectory(tmp.resolve("prompt"));
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "SECRET", StandardCharsets.UTF_8);
    Files.createSymbolicLink(folder.resolve("link.txt"), secret);
    List<String> names =
        List.of("../secret.txt", secret.toString(), "link.txt", "prompts/json-all-labels.yaml");
    for (String name : names) {
      TemplateText t = template("{% include '" + name + "' %}", folder);
      // when
      NcerException e = renderFails(t);
      // then
      assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
      assertTrue(e.getMessage().contains("not a file in the prompt's folder"), e.getMessage());
    }
  }

  @Test
  void importIsConfinedLikeInclude() throws IOException {
    // given
    Files.writeString(tmp.resolve("macros.jinja"), "{% macro hi(x) %}hi {{ x }}{% endmacro %}");
    // when
    String out =
        template("{% import 'macros.jinja' as m %}{{ m.hi(text) }}", tmp)
            .render(Map.of("text", "fever"));
    NcerException e =
        renderFails(
            template("{% import '../macros.jinja' as m %}{{ m.hi(text) }}", tmp.resolve("sub")));
    // then
    assertEquals("hi fever", out);
    assertTrue(e.getMessage().startsWith("p.yaml line 10"), e.getMessage());
  }

  @Test
  void aTemplateWithoutAFolderReadsNoFile() {
    // when
    NcerException e = renderFails(template("{% include 'prompts/json-all-labels.yaml' %}", null));
    // then
    assertTrue(e.getMessage().contains("may not read other files"), e.getMessage());
  }

  @Test
  void aPromptWhoseMessagesLackTheNoteIsRefused() throws IOException {
    // given
    Path file = tmp.resolve("p.yaml");
    Files.writeString(
        file,
        """
        name: no-note
        version: 1
        description: forgets the note
        mode: all-labels
        output: json
        system: Find {{ labels | join(", ") }}.
        user: Answer in JSON.
        """,
        StandardCharsets.UTF_8);
    // when
    NcerException e = assertThrows(NcerException.class, () -> PromptTemplate.load(file.toString()));
    // then
    assertEquals(
        file + ": no message of the prompt contains the note; put {{ text }} in a message",
        e.getMessage());
  }
}
