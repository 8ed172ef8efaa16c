package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One test per normalised matching rule of docs/grounding.md, with the examples given there. */
class MatchingRulesTest {
  private final Aligner smart = Aligner.smart();
  private final Aligner withNearMisses = Aligner.smartWithNearMisses(0);

  private String ground(Aligner aligner, String text, String... textAndLabel) {
    return Listing.of(text, aligner.ground(text, Listing.strings(textAndLabel)));
  }

  @Test
  void spacingAroundSymbolsIsInsignificant() {
    assertEquals(
        "14-25 measurement \"HbA1c > 7 %\" normalized",
        ground(smart, "Patients with HbA1c > 7 % were excluded", "HbA1c>7%", "measurement"));
    assertEquals(
        "0-23 condition \"Charcot - Marie - Tooth\" normalized",
        ground(smart, "Charcot - Marie - Tooth disease", "Charcot-Marie-Tooth", "condition"));
    assertEquals(
        "9-20 gene \"MLH1 / MSH2\" normalized",
        ground(smart, "Loss of  MLH1 / MSH2 expression", "MLH1/MSH2", "gene"));
  }

  @Test
  void dashAndQuoteVariantsAreEqual() {
    assertEquals(
        "0-20 condition \"Hodgkin ' s lymphoma\" normalized",
        ground(smart, "Hodgkin ' s lymphoma relapsed", "Hodgkin's lymphoma", "condition"));
    assertEquals(
        "0-18 condition \"Hodgkin’s lymphoma\" normalized",
        ground(smart, "Hodgkin’s lymphoma relapsed", "Hodgkin's lymphoma", "condition"));
    assertEquals(
        "0-14 drug \"5\u2013fluorouracil\" normalized",
        ground(smart, "5\u2013fluorouracil was given", "5-fluorouracil", "drug"));
  }

  @Test
  void punctuationTheStringLacksIsNeverBridged() {
    String text = "factor VIII ( FVIII ) deficiency";
    assertEquals(
        "! \"FVIII deficiency\" condition near-miss",
        ground(smart, text, "FVIII deficiency", "condition"));
    // The closing bracket would leave the span unbalanced: not even a near miss.
    assertEquals(
        "! \"FVIII deficiency\" condition near-miss",
        ground(withNearMisses, text, "FVIII deficiency", "condition"));
    String asthma = "a case of acute , severe asthma";
    assertEquals(
        "! \"acute severe asthma\" condition near-miss",
        ground(smart, asthma, "acute severe asthma", "condition"));
    assertEquals(
        "10-31 condition \"acute , severe asthma\" near-miss",
        ground(withNearMisses, asthma, "acute severe asthma", "condition"));
  }

  @Test
  void edgesKeepTheirPunctuationAndBracketsStayBalanced() {
    assertEquals(
        "9-28 condition \"Wilson disease (WD)\" exact",
        ground(
            smart, "Cases of Wilson disease (WD) in children", "Wilson disease (WD)", "condition"));
    assertEquals(
        "9-30 condition \"Wilson disease ( WD )\" normalized",
        ground(
            smart,
            "Cases of Wilson disease ( WD ) in children",
            "Wilson disease (WD)",
            "condition"));
  }

  @Test
  void aDifferentCaseOfTheFirstLetterAloneIsTheSameCase() {
    assertEquals(
        """
        0-6 condition "Asthma" case
        28-34 condition "asthma" exact""",
        ground(smart, "Asthma is common; childhood asthma is rising.", "asthma", "condition"));
  }

  @Test
  void otherCaseDifferencesCountOnlyWithoutAnOccurrenceInTheStringsCase() {
    assertEquals(
        "6-10 gene \"PAX6\" exact",
        ground(smart, "Human PAX6 and mouse Pax6 differ.", "PAX6", "gene"));
    assertEquals(
        "13-26 condition \"Breast Cancer\" case",
        ground(smart, "Outcomes in  Breast Cancer survivors", "breast cancer", "condition"));
  }

  @Test
  void wholeWordsOnly() {
    assertEquals(
        "! \"PAX\" gene not-found",
        ground(smart, "Human PAX6 and mouse Pax6 differ.", "PAX", "gene"));
  }
}
