package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmartAlignerTest {
  private final Aligner smart = Aligner.smart();

  @Test
  void groundsExactCaseAndNormalisedMatches() {
    // given
    String text =
        "Aspirin-induced asthma with heart\nfailure and non small-cell lung cancer; Sjögren’s"
            + " syndrome.";
    List<LabeledString> strings =
        Listing.strings(
            "aspirin", "drug",
            "asthma", "condition",
            "heart failure", "condition",
            "non-small cell lung cancer", "condition",
            "Sjogren's syndrome", "condition");

    // when
    Grounding g = smart.ground(text, strings);

    // then
    assertEquals(
        """
        0-7 drug "Aspirin" case
        16-22 condition "asthma" exact
        28-41 condition "heart
        failure" normalized
        74-92 condition "Sjögren’s syndrome" normalized""",
        Listing.of(text, g));
    // "non-small cell" is only there with the hyphen moved: a near miss, not grounded by default.
    assertEquals(
        List.of(
            MatchStatus.CASE,
            MatchStatus.EXACT,
            MatchStatus.NORMALIZED,
            MatchStatus.NOT_FOUND,
            MatchStatus.NORMALIZED),
        g.statuses());
    assertEquals(Unaligned.NEAR_MISS, g.unaligned().get(0).reason());
  }

  @Test
  void matchesWholeWordsOnly() {
    // given
    String text = "Aspirinate is not aspirin; the cancers were not cancer.";

    // when
    Grounding g = smart.ground(text, Listing.strings("aspirin", "drug", "cancer", "condition"));

    // then
    assertEquals(
        """
        18-25 drug "aspirin" exact
        48-54 condition "cancer" exact""",
        Listing.of(text, g));
  }

  @Test
  void groundsEveryOccurrenceInTheStringsCaseOrWithItsFirstLetterChanged() {
    // given
    String text = "Cisplatin toxicity. We gave cisplatin, then CISPLATIN again.";

    // when
    Grounding g = smart.ground(text, Listing.strings("cisplatin", "drug"));

    // then
    assertEquals(
        """
        0-9 drug "Cisplatin" case
        28-37 drug "cisplatin" exact""",
        Listing.of(text, g));
    assertEquals(List.of(MatchStatus.EXACT), g.statuses());
  }

  @Test
  void trimsTrailingPunctuationQuotesAndEmphasis() {
    // given
    String text = "She had fever. Then (CHF) followed.";

    // when
    Grounding g =
        smart.ground(text, Listing.strings("fever.", "condition", "\"**CHF**\"", "condition"));

    // then
    assertEquals(
        """
        8-13 condition "fever" exact
        21-24 condition "CHF" exact""",
        Listing.of(text, g));
  }

  @Test
  void keepsAnApostropheSuffixOutsideTheWord() {
    // given
    String text = "Alzheimer's disease";

    // when
    Grounding g = smart.ground(text, Listing.strings("Alzheimer", "condition"));

    // then
    assertEquals("0-9 condition \"Alzheimer\" exact", Listing.of(text, g));
  }

  @Test
  void neverGroundsAStringWhoseNormalFormIsNotInTheText() {
    // given: an abbreviation, its expansion, a decimal and a plural are different strings
    String text = "NSCLC was treated with 2.5 mg of drug; tumours grew.";
    List<LabeledString> strings =
        Listing.strings(
            "non-small cell lung cancer", "condition",
            "25 mg", "measurement",
            "tumour", "condition",
            "nsclc patients", "condition");

    // when
    Grounding g = smart.ground(text, strings);

    // then
    assertEquals(
        """
        ! "non-small cell lung cancer" condition not-found
        ! "25 mg" measurement not-found
        ! "tumour" condition not-found
        ! "nsclc patients" condition not-found""",
        Listing.of(text, g));
  }

  @Test
  void reportsStringsWithNoLetterOrDigitAsEmpty() {
    // given
    String text = "a - b";

    // when
    Grounding g = smart.ground(text, Listing.strings("", "drug", " - ", "drug"));

    // then
    assertEquals(
        """
        ! "" drug empty
        ! " - " drug empty""",
        Listing.of(text, g));
  }

  @Test
  void dropsASpanInsideAnyKeptSpanOfTheSameLabel() {
    // given: the compat aligner keeps "cancer" here because a drug span lies between
    String text = "breast cancer risk";
    List<LabeledString> strings =
        Listing.strings(
            "cancer", "condition", "breast cancer risk", "condition", "cancer risk", "drug");

    // when
    Grounding g = smart.ground(text, strings);

    // then
    assertEquals(
        """
        0-18 condition "breast cancer risk" exact
        7-18 drug "cancer risk" exact""",
        Listing.of(text, g));
    assertEquals(List.of(MatchStatus.EXACT, MatchStatus.EXACT, MatchStatus.EXACT), g.statuses());
  }

  @Test
  void keepsOverlappingSpansThatDoNotNest() {
    // given
    String text = "chronic kidney disease progression";

    // when
    Grounding g =
        smart.ground(
            text,
            Listing.strings(
                "chronic kidney disease", "condition", "disease progression", "condition"));

    // then
    assertEquals(
        """
        0-22 condition "chronic kidney disease" exact
        15-34 condition "disease progression" exact""",
        Listing.of(text, g));
  }

  @Test
  void fuzzyMatchingIsOffByDefaultAndBoundedWhenOn() {
    // given
    String text = "Patients with hypertensive crisis and cirrhosis.";
    List<LabeledString> strings =
        Listing.strings(
            "hypertensive crises", "condition", "cirrhosiss", "condition", "crisis x", "condition");

    // when
    Grounding off = smart.ground(text, strings);
    Grounding on = Aligner.smart(0.85).ground(text, strings);

    // then
    assertEquals(
        List.of(MatchStatus.NOT_FOUND, MatchStatus.NOT_FOUND, MatchStatus.NOT_FOUND),
        off.statuses());
    assertEquals(
        """
        14-33 condition "hypertensive crisis" fuzzy
        38-47 condition "cirrhosis" fuzzy
        ! "crisis x" condition not-found""",
        Listing.of(text, on));
  }

  @Test
  void cleansStringsBeforeMatching() {
    // given / when / then
    assertEquals("fever", SmartAligner.clean("  **fever**.  "));
    assertEquals("CHF", SmartAligner.clean("(CHF)"));
    assertEquals("Ca(2+)", SmartAligner.clean("Ca(2+)"));
    assertEquals("i.v", SmartAligner.clean("i.v."));
    assertEquals("fever", SmartAligner.clean("\"fever\","));
  }
}
