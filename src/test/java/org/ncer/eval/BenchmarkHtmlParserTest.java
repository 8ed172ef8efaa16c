package org.ncer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncer.span.Mention;

class BenchmarkHtmlParserTest {
  private static final Map<String, String> CLASSES =
      BenchmarkHtmlParser.classMap(List.of("condition", "drug"));

  @Test
  void aVerbatimEchoGivesTheTaggedOffsets() {
    // given
    String note = "Fever after aspirin.";
    String answer =
        "<span class='disorder' >Fever</span > after <span class=\"drug\">aspirin</span>.";

    // when
    BenchmarkHtmlParser.Parsed p = BenchmarkHtmlParser.parse(answer, note, CLASSES);

    // then
    assertEquals(List.of(Mention.of(0, 5, "condition"), Mention.of(12, 19, "drug")), p.mentions());
    assertEquals(0, p.hallucinations());
  }

  @Test
  void offsetsCountEverythingBeforeTheTagsAndTheTagsOfASkippedMatch() {
    // given: a preamble, and a region that is not in the note before the real one
    String note = "Fever after aspirin.";
    String answer =
        "Here:\n<span class=\"drug\">placebo</span>Fever after <span class=\"drug\">aspirin</span>.";

    // when
    BenchmarkHtmlParser.Parsed p = BenchmarkHtmlParser.parse(answer, note, CLASSES);

    // then: the span is shifted by the preamble and the skipped match's whole text
    int shift = "Here:\n<span class=\"drug\">placebo</span>".length();
    assertEquals(List.of(Mention.of(12 + shift, 19 + shift, "drug")), p.mentions());
    assertEquals(1, p.hallucinations());
  }

  @Test
  void otherTagsCasesAndUnknownClassesGiveNothing() {
    // given
    String note = "Crohn's disease and fever.";
    String answer =
        "<SPAN CLASS=\"disorder\">Crohn's disease</SPAN> and <span class=\"fever-ish\">fever</span>"
            + " <mark>and</mark>.";

    // when
    BenchmarkHtmlParser.Parsed p = BenchmarkHtmlParser.parse(answer, note, CLASSES);

    // then
    assertEquals(List.of(), p.mentions());
  }

  @Test
  void anApostropheInsideATagBecomesAQuoteAndIsThenNotFound() {
    // when
    BenchmarkHtmlParser.Parsed p =
        BenchmarkHtmlParser.parse(
            "<span class=\"disorder\">Crohn's disease</span>.", "Crohn's disease.", CLASSES);

    // then
    assertEquals(List.of(), p.mentions());
    assertEquals(1, p.hallucinations());
  }

  @Test
  void theMergeComparesWithTheLastKeptSpanOnly() {
    // given: a span of another label between a span and one nested in it
    List<Mention> spans =
        List.of(
            Mention.of(0, 20, "condition"),
            Mention.of(5, 15, "drug"),
            Mention.of(6, 10, "condition"));

    // then
    assertEquals(spans, BenchmarkHtmlParser.merge(spans));
    assertEquals(
        List.of(Mention.of(0, 20, "condition")),
        BenchmarkHtmlParser.merge(
            List.of(Mention.of(6, 10, "condition"), Mention.of(0, 20, "condition"))));
  }
}
