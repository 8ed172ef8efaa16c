package org.ncer.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expectations are what the benchmark's Python gives: {@code re.finditer(re.escape(s), text,
 * re.IGNORECASE)} for each string, then the sort and merge of {@code extract_spans_from_chunk}.
 * Each was checked with CPython 3.11.
 */
class CompatAlignerTest {
  private final Aligner compat = Aligner.compat();

  @Test
  void findsEveryCaseInsensitiveOccurrenceInsideLongerWordsToo() {
    // given
    String text = "Aspirin and aspirinate; ASPIRIN.";

    // when
    Grounding g = compat.ground(text, Listing.strings("aspirin", "drug"));

    // then
    assertEquals(
        """
        0-7 drug "Aspirin" case
        12-19 drug "aspirin" exact
        24-31 drug "ASPIRIN" case""",
        Listing.of(text, g));
  }

  @Test
  void scansWithoutOverlapsAsFinditerDoes() {
    // given
    String text = "aaaa";

    // when
    Grounding g = compat.ground(text, Listing.strings("aa", "gene"));

    // then
    assertEquals(
        """
        0-2 gene "aa" exact
        2-4 gene "aa" exact""",
        Listing.of(text, g));
  }

  @Test
  void emptyStringMatchesAtEveryPosition() {
    // given
    String text = "ab";

    // when
    Grounding g = compat.ground(text, Listing.strings("", "drug"));

    // then
    assertEquals(
        """
        0-0 drug "" exact
        1-1 drug "" exact
        2-2 drug "" exact""",
        Listing.of(text, g));
  }

  @Test
  void dropsASpanOnlyWhenThePreviouslyKeptSpanHasItsLabelAndContainsIt() {
    // given: "cancer" (condition) lies inside "breast cancer risk" (condition), but the drug span
    // "cancer risk" is kept between them, so the benchmark keeps it
    String text = "breast cancer risk";
    List<LabeledString> strings =
        Listing.strings(
            "cancer", "condition",
            "breast cancer risk", "condition",
            "cancer risk", "drug",
            "breast", "condition");

    // when
    Grounding g = compat.ground(text, strings);

    // then sorted by (start, -length, label); "breast" is dropped inside the span kept before it
    assertEquals(
        """
        0-18 condition "breast cancer risk" exact
        7-18 drug "cancer risk" exact
        7-13 condition "cancer" exact""",
        Listing.of(text, g));
  }

  @Test
  void sortsSpansOfEqualStartAndLengthByLabel() {
    // given
    String text = "cancer";

    // when
    Grounding g = compat.ground(text, Listing.strings("cancer", "drug", "CANCER", "condition"));

    // then
    assertEquals(
        """
        0-6 condition "cancer" case
        0-6 drug "cancer" exact""",
        Listing.of(text, g));
  }

  @Test
  void dropsDuplicatesOfTheSameLabel() {
    // given
    String text = "fever";

    // when
    Grounding g = compat.ground(text, Listing.strings("fever", "condition", "Fever", "condition"));

    // then
    assertEquals("0-5 condition \"fever\" exact", Listing.of(text, g));
    assertEquals(List.of(MatchStatus.EXACT, MatchStatus.CASE), g.statuses());
  }

  @Test
  void foldsCaseAsPythonDoes() {
    // given texts where Python's case rules differ from Java's regex flags
    String sharp = "Straße STRASSE ſtraße";
    String dotted = "i I ı İ";
    String sigma = "Σ ς σ";

    // when / then: 's' matches the long s; 'ß' is one character and never "SS"
    assertEquals(
        """
        0-6 drug "Straße" case
        15-21 drug "ſtraße" case""",
        Listing.of(sharp, compat.ground(sharp, Listing.strings("straße", "drug"))));
    // the dotted capital I folds to i, whose group holds the dotless ı
    assertEquals(
        """
        0-1 gene "i" case
        2-3 gene "I" case
        4-5 gene "ı" case
        6-7 gene "İ" exact""",
        Listing.of(dotted, compat.ground(dotted, Listing.strings("İ", "gene"))));
    assertEquals(
        """
        0-1 gene "Σ" case
        2-3 gene "ς" case
        4-5 gene "σ" exact""",
        Listing.of(sigma, compat.ground(sigma, Listing.strings("σ", "gene"))));
  }

  @Test
  void countsOffsetsInCodePointsAcrossCharactersOutsideTheBasicPlane() {
    // given an emoji (two UTF-16 units, one code point) and the Kelvin sign
    String text = "😀 \u212Aelvin and KELVIN";

    // when
    Grounding g = compat.ground(text, Listing.strings("kelvin", "measurement"));

    // then
    assertEquals(
        """
        2-8 measurement "\u212Aelvin" case
        13-19 measurement "KELVIN" case""",
        Listing.of(text, g));
    assertEquals(3, g.mentions().get(0).mention().start());
  }

  @Test
  void usesTheStringAsGivenWithoutTrimming() {
    // given
    String text = "had fever.";

    // when
    Grounding g =
        compat.ground(text, Listing.strings(" fever", "condition", "fever.", "condition"));

    // then: the leading space and the full stop are part of the spans
    assertEquals(
        """
        3-9 condition " fever" exact
        4-10 condition "fever." exact""",
        Listing.of(text, g));
  }

  @Test
  void reportsStringsFoundNowhere() {
    // given
    String text = "fever";

    // when
    Grounding g = compat.ground(text, Listing.strings("malaria", "condition"));

    // then
    assertEquals("! \"malaria\" condition not-found", Listing.of(text, g));
    assertEquals(List.of(MatchStatus.NOT_FOUND), g.statuses());
  }
}
