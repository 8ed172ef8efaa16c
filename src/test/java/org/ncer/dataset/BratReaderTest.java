package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;
import org.ncer.span.Mention;
import org.ncer.span.Span;

class BratReaderTest {
  private static final String ANN = "chia/raw/chia_with_scope/NCT1_inc.ann";

  @Test
  void offsetsCountTheCarriageReturnsOfCrlfText() {
    // given: "Diabetes" starts after "Age > 18\r\n", i.e. at 10, not 9
    String text = "Age > 18\r\nDiabetes\r\n";
    String ann = "T1\tCondition 10 18\tDiabetes\n";

    // when
    Document d = BratReader.parse("NCT1_inc", text, ann, ANN);

    // then
    assertEquals(List.of(Mention.of(10, 18, "Condition")), d.mentions());
    assertEquals("Diabetes", d.textOf(d.mentions().get(0)));
    assertEquals(text, d.text());
  }

  @Test
  void offsetsWinOverAWrongCoveredTextColumn() {
    // given: Chia's NCT03460002_inc T5 says "Person Surveillance Site" for "Demographic ..."
    String text = "Demographic Surveillance Site";
    String ann = "T5\tVisit 0 29\tPerson Surveillance Site\n";

    // when
    Document d = BratReader.parse("NCT1_inc", text, ann, ANN);

    // then
    assertEquals("Demographic Surveillance Site", d.textOf(d.mentions().get(0)));
  }

  @Test
  void continuationLinesAndOtherAnnotationLinesAreSkipped() {
    // given: a span across a line break continues its covered text on the next line
    String text = "heart\nfailure; insulin";
    String ann =
        """
        T1\tCondition 0 13\theart
        failure
        R1\tHas_value Arg1:T1 Arg2:T2
        *\tOR T1 T2
        A1\tOptional T1
        #1\tAnnotatorNotes T1\tnote
        T2\tDrug 15 22\tinsulin
        """;

    // when
    Document d = BratReader.parse("NCT1_inc", text, ann, ANN);

    // then
    assertEquals(List.of(Mention.of(0, 13, "Condition"), Mention.of(15, 22, "Drug")), d.mentions());
  }

  @Test
  void discontinuousSpanIsKeptOnlyWhereItsJoinedTextOccursOnce() {
    // given: fragments "breast" (0..6) and "cancer" (15..21) of "breast or lung cancer"
    List<Span> fragments = List.of(Span.of(0, 6), Span.of(15, 21));

    // when / then: "breast cancer" occurs once later in the text, so the span moves there
    assertEquals(
        Span.of(23, 36),
        BratReader.discontinuous(fragments, "breast or lung cancer; breast cancer"));
    // it occurs nowhere: dropped
    assertNull(BratReader.discontinuous(fragments, "breast or lung cancer"));
    // it occurs twice: dropped
    assertNull(
        BratReader.discontinuous(fragments, "breast or lung cancer; breast cancer; breast cancer"));
  }

  @Test
  void droppedDiscontinuousSpanLeavesTheOthers() {
    // given
    String text = "breast or lung cancer";
    String ann = "T1\tCondition 0 6;15 21\tbreast cancer\nT2\tCondition 10 21\tlung cancer\n";

    // when
    Document d = BratReader.parse("NCT1_inc", text, ann, ANN);

    // then
    assertEquals(List.of(Mention.of(10, 21, "Condition")), d.mentions());
  }

  @Test
  void badLinesNameFileAndLine() {
    // given / when / then
    assertEquals(
        ANN + " line 2: span 120..98 is reversed",
        error("x".repeat(200), "T1\tCondition 0 1\tx\nT2\tCondition 120 98\tx\n"));
    assertEquals(
        ANN + " line 1: span 0..9 is outside the text, which has 3 characters",
        error("abc", "T1\tCondition 0 9\tabc\n"));
    assertEquals(
        ANN + " line 1: malformed offsets '0 x'", error("abc", "T1\tCondition 0 x\tabc\n"));
    assertEquals(ANN + " line 1: not a brat annotation line", error("abc", "hello\n"));
    assertEquals(
        ANN + " line 1: an entity line needs a type and offsets",
        error("abc", "T1\tCondition\tabc\n"));
  }

  @Test
  void missingAnnotationFileIsNamed(@TempDir Path dir) throws IOException {
    // given
    Files.writeString(dir.resolve("NCT1_inc.txt"), "text");

    // when
    NcerException e =
        assertThrows(NcerException.class, () -> BratReader.read(dir, "NCT1_inc", "chia/raw/c"));

    // then
    assertEquals("chia/raw/c/NCT1_inc.ann: no such file", e.getMessage());
  }

  private static String error(String text, String ann) {
    return assertThrows(NcerException.class, () -> BratReader.parse("NCT1_inc", text, ann, ANN))
        .getMessage();
  }

  @Test
  void aRepeatedAnnotationIdAndAnEntityWithoutItsTextAreErrors() {
    // given / when
    NcerException repeated =
        assertThrows(
            NcerException.class,
            () ->
                BratReader.parse(
                    "d",
                    "Adults with asthma",
                    "T1\tCondition 12 18\tasthma\nT1\tCondition 0 6\tAdults\n",
                    "x.ann"));
    NcerException noText =
        assertThrows(
            NcerException.class,
            () -> BratReader.parse("d", "Adults with asthma", "T1\tCondition 12 18\n", "x.ann"));

    // then
    assertEquals(
        "x.ann line 2: annotation T1 appears a second time (first on line 1)",
        repeated.getMessage());
    assertEquals(
        "x.ann line 1: an entity line needs 'T<n> TAB Type start end TAB covered text'",
        noText.getMessage());
  }
}
