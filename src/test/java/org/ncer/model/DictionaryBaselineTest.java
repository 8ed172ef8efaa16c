package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.dataset.Document;
import org.ncer.span.Mention;

class DictionaryBaselineTest {
  private static final List<String> LABELS = List.of("condition", "drug");

  private static Document doc(String text, String... spans) {
    // spans: "surface|label", located at their first occurrence
    List<Mention> mentions =
        java.util.Arrays.stream(spans)
            .map(
                s -> {
                  String[] p = s.split("\\|");
                  int start = text.indexOf(p[0]);
                  return Mention.of(start, start + p[0].length(), p[1]);
                })
            .toList();
    return new Document("d", text, mentions);
  }

  @Test
  void findsTrainingStringsCaseInsensitivelyOnWholeWords() {
    // given
    DictionaryBaseline dict =
        DictionaryBaseline.train(
            List.of(
                doc(
                    "Breast cancer treated with tamoxifen.",
                    "Breast cancer|condition",
                    "tamoxifen|drug")),
            LABELS);

    // when
    List<Mention> found = dict.find("BREAST CANCER: Tamoxifen, not tamoxifens or xbreast cancer.");

    // then                           0         1         2         3         4         5
    //                                0123456789012345678901234567890123456789012345678901234567
    assertEquals(
        List.of(Mention.of(0, 13, "condition"), Mention.of(15, 24, "drug")), found.subList(0, 2));
    // "tamoxifens" is not a whole-word match; "xbreast cancer" does not start on a word boundary
    assertEquals(2, found.size());
  }

  @Test
  void prefersTheLongestMatchAndNeverOverlaps() {
    // given
    DictionaryBaseline dict =
        DictionaryBaseline.train(
            List.of(
                doc("lung cancer and cancer", "lung cancer|condition"),
                doc("a cancer here", "cancer|condition")),
            LABELS);

    // when
    List<Mention> found = dict.find("small lung cancer; cancer");

    // then
    assertEquals(List.of(Mention.of(6, 17, "condition"), Mention.of(19, 25, "condition")), found);
  }

  @Test
  void takesTheMostFrequentLabelOfAStringAndTheFirstLabelOnTies() {
    // given
    DictionaryBaseline dict =
        DictionaryBaseline.train(
            List.of(
                doc("lithium toxicity", "lithium|drug"),
                doc("lithium again", "lithium|drug"),
                doc("lithium once", "lithium|condition"),
                doc("heparin one", "heparin|drug"),
                doc("heparin two", "heparin|condition")),
            LABELS);

    // when
    List<Mention> found = dict.find("lithium heparin");

    // then: lithium drug 2 vs 1; heparin tied, condition comes first in LABELS
    assertEquals(List.of(Mention.of(0, 7, "drug"), Mention.of(8, 15, "condition")), found);
  }

  @Test
  void leavesOutOneCharacterAndPunctuationEntriesAndOtherLabels() {
    // given
    DictionaryBaseline dict =
        DictionaryBaseline.train(
            List.of(doc("A - B gene here", "A|condition", "-|drug", "gene|gene")), LABELS);

    // when / then
    assertEquals(0, dict.size());
    assertEquals(List.of(), dict.find("A - B gene here"));
  }

  @Test
  void matchesAtTheEndOfTheText() {
    // given
    DictionaryBaseline dict =
        DictionaryBaseline.train(List.of(doc("fever", "fever|condition")), LABELS);

    // when / then
    assertEquals(List.of(Mention.of(4, 9, "condition")), dict.find("has fever"));
  }
}
