package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncer.extract.AnswerParser;
import org.ncer.extract.LabelResolver;
import org.ncer.extract.ParseStatus;
import org.ncer.extract.ParsedAnswer;
import org.ncer.prompt.Markup;
import org.ncer.prompt.OutputFormat;
import org.ncer.span.Span;

/** Reading echoed answers with highlighting, and grounding their regions by echo alignment. */
class EchoGroundingTest {
  private static final LabelResolver TWO =
      LabelResolver.of(
          List.of("condition", "drug"), Map.of("disorder", "condition", "symptom", "condition"));
  private static final LabelResolver ONE = LabelResolver.of(List.of("condition"));

  private static String ground(LabelResolver labels, String note, Answer... answers) {
    return ground(Aligner.smart(), labels, note, answers);
  }

  private static String ground(
      Aligner aligner, LabelResolver labels, String note, Answer... answers) {
    GroundedDocument d =
        new Grounder(aligner, labels, OutputFormat.HTML).ground(note, List.of(answers));
    StringBuilder b = new StringBuilder(Listing.of(note, d.grounding()));
    for (Unaligned u : d.labelIssues()) {
      b.append(b.length() == 0 ? "" : "\n").append("! \"" + u.text() + "\" " + u.reason());
    }
    return b.toString();
  }

  @Test
  void aSpanWithOnlyAStyleIsAnEntityOfTheOnlyLabel() {
    String note = "The patient had fever after aspirin.";
    String answer =
        "The patient had <span style=\"background-color: #ffcccc\">fever</span> after aspirin.";
    assertEquals("16-21 condition \"fever\" exact", ground(ONE, note, Answer.allLabels(answer)));
  }

  @Test
  void everyHighlightingElementCounts() {
    String note = "fever, cough, rash, pain, nausea and headache";
    String answer =
        "<mark>fever</mark>, <b>cough</b>, <strong>rash</strong>, <em>pain</em>, <i>nausea</i>"
            + " and <u>headache</u>";
    assertEquals(
        """
        0-5 condition "fever" exact
        7-12 condition "cough" exact
        14-18 condition "rash" exact
        20-24 condition "pain" exact
        26-32 condition "nausea" exact
        37-45 condition "headache" exact""",
        ground(ONE, note, Answer.allLabels(answer)));
  }

  @Test
  void theLabelComesFromTheClassThenTheQueryThenTheOnlyLabel() {
    String note = "Fever after aspirin.";
    assertEquals(
        """
        0-5 condition "Fever" exact
        12-19 drug "aspirin" exact""",
        ground(
            TWO,
            note,
            Answer.allLabels(
                "<span class=\"symptom\">Fever</span> after <span class='drug'>aspirin</span>.")));
    assertEquals(
        "12-19 drug \"aspirin\" exact",
        ground(TWO, note, Answer.forLabel("Fever after <span style='x'>aspirin</span>.", "drug")));
    assertEquals(
        """
        ! "Fever" unlabelled
        ! "aspirin" unlabelled""",
        ground(
            TWO,
            note,
            Answer.allLabels(
                "<span>Fever</span> after <span class=\"highlight\">aspirin</span>.")));
  }

  @Test
  void tolerantTagSyntax() {
    String note = "Fever after aspirin and rash.";
    String answer =
        "<SPAN CLASS = 'disorder' >Fever</SPAN > after <span class=drug>aspirin</span> and </b>"
            + "<span class=\"disorder\">rash.";
    assertEquals(
        """
        0-5 condition "Fever" exact
        12-19 drug "aspirin" exact""",
        ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void theMarkedOccurrenceGroundsNotEveryOccurrence() {
    String note = "No fever at first; fever on day 3.";
    String answer = "No fever at first; <span class='disorder'>fever</span> on day 3.";
    assertEquals("19-24 condition \"fever\" exact", ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void alignmentToleratesTheModelsRewrites() {
    String note = "The  patient's  non - small cell lung cancer ( NSCLC ) grew; tumour size 3 cm .";
    String answer =
        "The patient’s <span class='disorder'>non-small cell lung cancer (NSCLC)</span> grew"
            + " quickly; <span class='disorder'>tumor</span> size 3cm.";
    assertEquals(
        """
        16-54 condition "non - small cell lung cancer ( NSCLC )" normalized
        61-67 condition "tumour" rewritten""",
        ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void aHallucinatedRegionIsNotFound() {
    String note = "Seizures were treated with valproate. Later the seizures stopped.";
    String answer =
        "Seizures were treated with <span class='drug'>placebo</span>. Later the"
            + " <span class='disorder'>seizures</span> stopped.";
    assertEquals(
        """
        48-56 condition "seizures" exact
        ! "placebo" drug not-found""",
        ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void aRegionTheAlignmentCannotPlaceIsSearchedNearWhereItBelongs() {
    String note = "Seizures at first. Seizures at last.";
    LabeledString s = new LabeledString("seizures", "condition", new Placement(null, 30));
    assertEquals(
        "19-27 condition \"Seizures\" searched",
        Listing.of(note, Aligner.smart().ground(note, List.of(s))));
    LabeledString absent = new LabeledString("fits", "condition", new Placement(null, 30));
    assertEquals(
        "! \"fits\" condition not-found",
        Listing.of(note, Aligner.smart().ground(note, List.of(absent))));
  }

  @Test
  void aReorderedEchoStillGroundsEachRegionOnce() {
    String note = "Seizures were treated with valproate. Later the seizures stopped.";
    String answer =
        "Later the <span class='disorder'>seizures</span> stopped. Seizures were treated with"
            + " <span class='drug'>valproate</span>.";
    String grounded = ground(TWO, note, Answer.allLabels(answer));
    assertTrue(grounded.contains("27-36 drug \"valproate\" exact"), grounded);
    assertEquals(2, grounded.lines().count(), grounded);
  }

  @Test
  void compatSearchesEveryOccurrenceAsBefore() {
    String note = "No fever at first; fever on day 3.";
    String answer = "No fever at first; <span class='disorder'>fever</span> on day 3.";
    assertEquals(
        """
        3-8 condition "fever" exact
        19-24 condition "fever" exact""",
        ground(Aligner.compat(), TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void aTaglessEchoIsOkWithNoEntities() {
    ParsedAnswer p = AnswerParser.parse("( 3 ) The patient recovered.", OutputFormat.HTML, TWO);
    assertEquals(ParseStatus.OK, p.status());
    assertTrue(p.candidates().isEmpty());
    String note = "Patients were followed for 3 years. No adverse events occurred in the group.";
    ParsedAnswer auto =
        AnswerParser.parse(
            "Patients were followed for 3 years. No adverse events occurred in the group.",
            OutputFormat.AUTO,
            TWO,
            Markup.NONE,
            note);
    assertEquals(ParseStatus.OK, auto.status());
    assertTrue(auto.candidates().isEmpty());
  }

  @Test
  void wrappersAroundTheEchoAreStripped() {
    String note = "Fever after aspirin.";
    String fenced =
        "Here is the text with the entities marked:\n```html\n<span class='disorder'>Fever</span>"
            + " after aspirin.\n```";
    assertEquals("0-5 condition \"Fever\" exact", ground(TWO, note, Answer.allLabels(fenced)));
    String blocks =
        "<example>\nINPUT: Fever after aspirin.\nOUTPUT: Fever after <span"
            + " class='drug'>aspirin</span>.\n</example>";
    assertEquals("12-19 drug \"aspirin\" exact", ground(TWO, note, Answer.allLabels(blocks)));
  }

  @Test
  void namedMarkupIsReadOnlyWhenAsked() {
    String note = "Fever after aspirin.";
    Grounder brackets = new Grounder(Aligner.smart(), TWO, OutputFormat.HTML, Markup.BRACKETS);
    GroundedDocument d =
        brackets.ground(note, List.of(Answer.forLabel("Fever after [[aspirin]].", "drug")));
    assertEquals("12-19 drug \"aspirin\" exact", Listing.of(note, d.grounding()));
    Grounder bold = new Grounder(Aligner.smart(), TWO, OutputFormat.HTML, Markup.BOLD);
    d = bold.ground(note, List.of(Answer.forLabel("**Fever** after aspirin.", "drug")));
    assertEquals("0-5 drug \"Fever\" exact", Listing.of(note, d.grounding()));
    ParsedAnswer plain = AnswerParser.parse("**Fever** after aspirin.", OutputFormat.HTML, TWO);
    assertTrue(plain.candidates().isEmpty());
  }

  @Test
  void bracketsAroundABracketedWordMarkTheWord() {
    // given: the note has "[rash]" and the model puts [[ ]] around it
    String note = "No cough; the [rash] faded.";
    Grounder brackets = new Grounder(Aligner.smart(), TWO, OutputFormat.HTML, Markup.BRACKETS);

    // when
    GroundedDocument d =
        brackets.ground(
            note, List.of(Answer.forLabel("No [[cough]]; the [[[rash]]] faded.", "condition")));

    // then: the outer pair is the mark, and the string's wrapping brackets are trimmed
    assertEquals(
        """
        3-8 condition "cough" exact
        15-19 condition "rash" exact""",
        Listing.of(note, d.grounding()));
  }

  @Test
  void bracketsAroundAStringThatStartsWithABracketKeepIt() {
    // given: a chemical name that starts with a bracket, marked with [[ ]]
    String note = "Given A-77636 ([1R, 3S]-3-adamantyl-pyran) twice.";
    Grounder brackets = new Grounder(Aligner.smart(), TWO, OutputFormat.HTML, Markup.BRACKETS);
    String answer = "Given A-77636 ([[[1R, 3S]-3-adamantyl-pyran]]) twice.";

    // when
    GroundedDocument d = brackets.ground(note, List.of(Answer.forLabel(answer, "drug")));

    // then
    assertEquals(
        "15-41 drug \"[1R, 3S]-3-adamantyl-pyran\" exact", Listing.of(note, d.grounding()));
    // while a bracket of the note next to the string stays out of it
    String list = "Treated [cisapride, 5 mg] with [c.357C>T].";
    GroundedDocument l =
        brackets.ground(
            list,
            List.of(Answer.forLabel("Treated [[[cisapride]], 5 mg] with [[[c.357C>T]]].", "drug")));
    assertEquals(
        """
        9-18 drug "cisapride" exact
        32-40 drug "c.357C>T" exact""",
        Listing.of(list, l.grounding()));
  }

  @Test
  void anEchoStartingWithBracketsIsNoListWhenTheMarkupIsNotNamed() {
    // given: a model that marks with [[ ]] for a prompt that never named them
    String note = "Fever since Monday, then a rash.";
    String answer = "[[Fever]] since Monday, then a [[rash]].";

    // when
    ParsedAnswer p = AnswerParser.parse(answer, OutputFormat.HTML, TWO, Markup.NONE, note);

    // then: an echo without tags, not the list [[Fever]] in prose
    assertEquals(ParseStatus.OK, p.status());
    assertTrue(p.candidates().isEmpty(), p.candidates().toString());
    // while an answer in JSON for an html prompt is still read, as repaired
    ParsedAnswer json =
        AnswerParser.parse("[\"Fever\", \"rash\"]", OutputFormat.HTML, TWO, Markup.NONE, note);
    assertEquals(ParseStatus.REPAIRED, json.status());
    assertEquals(2, json.candidates().size());
  }

  @Test
  void aWordShortenedInTheEchoIsMarkedWholeAndRewritten() {
    // given: the model wrote "seizure" for the note's "seizures", and "Status epilepticu"
    String note = "The seizures persist. Status epilepticus followed.";
    String answer =
        "The <span class='disorder'>seizure</span> persist. <span class='disorder'>Status"
            + " epilepticu</span> followed.";

    // when / then: never a span that ends inside a word of the note
    assertEquals(
        """
        4-12 condition "seizures" rewritten
        22-40 condition "Status epilepticus" rewritten""",
        ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void aRegionTheModelCutOutOfAWordKeepsItsEdges() {
    // given: the echo has the word's other letters outside the region, so the model meant a part
    String note = "Took 5mg of aspirin-like drugs.";
    String answer = "Took 5mg of <span class='drug'>aspirin</span>-like drugs.";
    String split = "Took <span class='drug'>5</span> mg of aspirin-like drugs.";

    // when / then
    assertEquals("12-19 drug \"aspirin\" exact", ground(TWO, note, Answer.allLabels(answer)));
    assertEquals("5-6 drug \"5\" exact", ground(TWO, note, Answer.allLabels(split)));
  }

  @Test
  void aLetterAddedAtAWordsEndIsNotPairedWithTheNextWord() {
    // given: "carbonates" for "carbonate", and "txoicity" for "toxicity" right after it
    String note = "Calcium carbonate toxicity: the syndrome.";
    String answer =
        "<span class='drug'>Calcium carbonates</span> <span class='disorder'>txoicity</span>: the"
            + " syndrome.";

    // when / then: each region keeps to its own word
    assertEquals(
        """
        0-17 drug "Calcium carbonate" rewritten
        18-26 condition "toxicity" rewritten""",
        ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void aSentenceMovedInTheEchoIsAlignedWhereItStandsInTheNote() {
    // given: the model put the last sentence first; "fever" also occurs in the first sentence
    String note =
        "Fever rose after the first dose. The rash spread over two days. Late fever returned with"
            + " a severe headache at night.";
    String answer =
        "Late <span class='disorder'>fever</span> returned with a severe <span"
            + " class='disorder'>headache</span> at night. Fever rose after the first dose. The"
            + " rash spread over two days.";

    // when / then: the regions of the moved sentence ground in it, not at the first "Fever"
    assertEquals(
        """
        69-74 condition "fever" exact
        98-106 condition "headache" exact""",
        ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void twoChangedNeighbourWordsKeepTheirOwnLetters() {
    // given: "convulsives siezures" for the note's "convulsive seizures", each word a region
    String note = "Postoperative convulsive seizures were seen.";
    String answer =
        "Postoperative <span class='disorder'>convulsives</span> <span"
            + " class='disorder'>siezures</span> were seen.";

    // when / then
    assertEquals(
        """
        14-24 condition "convulsive" rewritten
        25-33 condition "seizures" rewritten""",
        ground(TWO, note, Answer.allLabels(answer)));
  }

  @Test
  void aLeftOutWordEqualToARegionsFirstWordDoesNotStretchTheRegion() {
    // given: the model left out "torsade." just before the region "Torsade de pointes"
    String note = "Low magnesium may induce torsade. Torsade de pointes occurred later.";
    String answer =
        "Low magnesium may induce <span class='disorder'>Torsade de pointes</span> occurred later.";
    // and, the other way, added a word equal to the region's first word
    String added =
        "Low magnesium may induce torsade. torsade. <span class='disorder'>Torsade de"
            + " pointes</span> occurred later.";

    // when / then: the region maps onto its own words only
    assertEquals(
        "34-52 condition \"Torsade de pointes\" exact",
        ground(TWO, note, Answer.allLabels(answer)));
    assertEquals(
        "34-52 condition \"Torsade de pointes\" exact", ground(TWO, note, Answer.allLabels(added)));
  }

  @Test
  void alignmentPlacesAVerbatimEchoExactly() {
    String note = "a b c a b c";
    EchoAlignment a = EchoAlignment.of("a b c a b c", note);
    assertEquals(new Span(6, 7), a.place(6, 7).span());
    EchoAlignment shifted = EchoAlignment.of("xx a b c", "a b c");
    assertEquals(new Span(2, 3), shifted.place(5, 6).span());
    assertNull(shifted.place(0, 2).span());
    assertNotNull(shifted.place(0, 2));
  }

  @Test
  void propertyGroundingNeverThrowsAndEverySpanIsASliceWithAnHonestStatus() {
    Random random = new Random(7);
    String[] pieces = {
      "fever",
      "Fever",
      " ",
      "  ",
      "\n",
      "aspirin",
      "-",
      "\u2013",
      "'",
      "\u2019",
      "(",
      ")",
      ",",
      ".",
      "<span class='drug'>",
      "<span>",
      "</span>",
      "<b>",
      "</b>",
      "<",
      ">",
      "&amp;",
      "\"",
      "[[",
      "]]",
      "**",
      "Output:",
      "```",
      "é",
      "😀",
      "x",
      "3",
      "<mark style=\"a\">",
      "</mark>"
    };
    int checked = 0;
    for (int round = 0; round < 3000; round++) {
      String note = build(random, pieces, 30).replace("<", " ").replace(">", " ");
      String answer = random.nextBoolean() ? build(random, pieces, 40) : mark(random, note);
      for (Aligner aligner : List.of(Aligner.smart(), Aligner.smartWithNearMisses(0.8))) {
        GroundedDocument d =
            new Grounder(aligner, TWO, OutputFormat.HTML, Markup.BRACKETS)
                .ground(note, List.of(Answer.allLabels(answer)));
        for (Grounded g : d.mentions()) {
          Span span = g.mention().span();
          assertTrue(span.end() <= note.length() && !span.isEmpty(), () -> g + " in " + note);
          String covered = span.of(note);
          boolean honest =
              d.strings().stream()
                  .anyMatch(
                      s ->
                          NormalizedText.strictKey(SmartAligner.clean(s.text()))
                                  .equals(NormalizedText.strictKey(covered))
                              || g.match() == MatchStatus.REWRITTEN
                              || g.match() == MatchStatus.NEAR_MISS
                              || g.match() == MatchStatus.FUZZY);
          assertTrue(honest, () -> g + " \"" + covered + "\" for " + answer);
          checked++;
        }
      }
    }
    assertTrue(checked > 1000, "checked " + checked + " spans only");
  }

  private static String build(Random random, String[] pieces, int max) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(max);
    for (int i = 0; i < n; i++) {
      b.append(pieces[random.nextInt(pieces.length)]);
    }
    return b.toString();
  }

  /** The note with a few random word ranges tagged, and some spacing changed. */
  private static String mark(Random random, String note) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < note.length()) {
      if (random.nextInt(6) == 0) {
        int end = Math.min(note.length(), i + 1 + random.nextInt(10));
        while (end < note.length() && Character.isLowSurrogate(note.charAt(end))) {
          end++;
        }
        b.append("<span class='disorder'>").append(note, i, end).append("</span>");
        i = end;
      } else {
        char c = note.charAt(i++);
        b.append(c == ' ' && random.nextInt(3) == 0 ? "" : String.valueOf(c));
      }
    }
    return b.toString();
  }
}
