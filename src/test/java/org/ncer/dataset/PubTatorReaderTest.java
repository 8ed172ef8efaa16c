package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ncer.NcerException;
import org.ncer.dataset.DatasetSpec.MentionTextRule;
import org.ncer.span.Mention;

class PubTatorReaderTest {

  private static List<Document> read(String content, MentionTextRule rule, boolean composites) {
    return PubTatorReader.parse(content, "x/raw/test.txt", rule, composites);
  }

  private static String tabs(String s) {
    return s.replace("->", "\t");
  }

  @Test
  void joinsTitleAndAbstractWithOneSpaceAndSkipsRelationLines() {
    // given: "Aspirin" at 0..7 of the title, "fever" at 18..23 in the abstract
    String content =
        tabs(
            """
            1|t|Aspirin and fever.
            1|a|It helped.
            1->0->7->Aspirin->Chemical->D001241
            1->CID->D001241->D005334

            2|t|Second.
            2|a|Fever again.
            2->8->13->Fever->Disease->D005334
            """);

    // when
    List<Document> docs = read(content, MentionTextRule.DROP, false);

    // then
    assertEquals(2, docs.size());
    assertEquals("Aspirin and fever. It helped.", docs.get(0).text());
    assertEquals(List.of(Mention.of(0, 7, "Chemical")), docs.get(0).mentions());
    assertEquals("Second. Fever again.", docs.get(1).text());
    assertEquals("Fever", docs.get(1).textOf(docs.get(1).mentions().get(0)));
  }

  @Test
  void readsCrlfLinesAndDropsTheAbstractsTrailingBlanks() {
    // given: BioRED style, CRLF line ends and an abstract ending in a blank
    String content = "7|t|Title.\r\n7|a|Body text. \r\n7\t7\t11\tBody\tGeneOrGeneProduct\t12\r\n";

    // when
    Document d = read(content, MentionTextRule.TRUST_OFFSETS, false).get(0);

    // then
    assertEquals("Title. Body text.", d.text());
    assertEquals("Body", d.textOf(d.mentions().get(0)));
  }

  @Test
  void mismatchedMentionTextIsDroppedMovedOrKeptByRule() {
    // given: the text at 0..7 is "Aspirin" but the column says "aspirin"; "aspirin" occurs at 12
    String content =
        tabs(
            """
            1|t|Aspirin and aspirin.
            1|a|
            1->0->7->aspirin->Chemical->D001241
            1->0->3->xyz->Chemical->-1
            """);

    // when
    List<Mention> dropped = read(content, MentionTextRule.DROP, false).get(0).mentions();
    List<Mention> moved = read(content, MentionTextRule.FIRST_OCCURRENCE, false).get(0).mentions();
    List<Mention> kept = read(content, MentionTextRule.TRUST_OFFSETS, false).get(0).mentions();

    // then: "xyz" occurs nowhere, so first-occurrence drops it
    assertEquals(List.of(), dropped);
    assertEquals(List.of(Mention.of(12, 19, "Chemical")), moved);
    assertEquals(List.of(Mention.of(0, 7, "Chemical"), Mention.of(0, 3, "Chemical")), kept);
  }

  @Test
  void compositeMentionAddsEachIndividualMentionAtItsFirstFragment() {
    // given: BC5CDR line 24618873 394..427 "impaired renal and liver function"
    String content =
        tabs(
            """
            5|t|With impaired renal and liver function.
            5|a|
            5->5->38->impaired renal and liver function->Disease->D051437|D017093->impaired renal function|impaired liver function
            """);

    // when
    Document withParts = read(content, MentionTextRule.FIRST_OCCURRENCE, true).get(0);
    Document without = read(content, MentionTextRule.FIRST_OCCURRENCE, false).get(0);

    // then: "impaired renal" (5..19), then "impaired" (5..13)
    assertEquals(
        List.of(
            Mention.of(5, 38, "Disease"),
            Mention.of(5, 19, "Disease"),
            Mention.of(5, 13, "Disease")),
        withParts.mentions());
    assertEquals(List.of(Mention.of(5, 38, "Disease")), without.mentions());
  }

  @Test
  void firstFragmentIsTheLongestRunOfLeadingWholeWords() {
    // given / when / then
    assertArrayEquals(
        new int[] {0, 9},
        PubTatorReader.firstFragment(
            "end-stage or malignant liver disease", "end-stage liver disease"));
    assertArrayEquals(
        new int[] {13, 36},
        PubTatorReader.firstFragment(
            "end-stage or malignant liver disease", "malignant liver disease"));
    // "squamous cell c" is a prefix of the text but not on a word boundary
    assertArrayEquals(
        new int[] {0, 13},
        PubTatorReader.firstFragment(
            "squamous cell cervical carcinoma", "squamous cell carcinoma"));
    assertArrayEquals(
        new int[] {4, 7},
        PubTatorReader.firstFragment("Re, Rg1, and Rb1 ginsenosides", "Rg1 ginsenosides"));
    // the whole composite is one of its own individual mentions
    assertArrayEquals(
        new int[] {0, 18},
        PubTatorReader.firstFragment("subependymal cysts", "subependymal cysts"));
    assertNull(PubTatorReader.firstFragment("liver disease", "kidney disease"));
  }

  @Test
  void individualMentionOutsideItsCompositeIsAnError() {
    // given
    String content =
        tabs(
            """
            5|t|liver disease
            5|a|
            5->0->13->liver disease->Disease->D1|D2->liver disease|kidney disease
            """);

    // when
    NcerException e =
        assertThrows(
            NcerException.class, () -> read(content, MentionTextRule.FIRST_OCCURRENCE, true));

    // then
    assertEquals(
        "x/raw/test.txt line 3: individual mention 'kidney disease' is not part of composite"
            + " mention 'liver disease'",
        e.getMessage());
  }

  @Test
  void repeatedPmidThatTheReleaseRepeatsGetsADistinctId() {
    // given: NCBI's train file holds PMID 8528200 twice
    String content = twice("9");

    // when
    List<Document> docs =
        PubTatorReader.parse(content, "x/raw/test.txt", MentionTextRule.DROP, false, Set.of("9"));

    // then
    assertEquals(List.of("9", "9_2"), docs.stream().map(Document::id).toList());
  }

  @Test
  void anyOtherRepeatedPmidIsAnError() {
    // given / when / then: a file pasted twice would otherwise count every document twice
    assertEquals(
        "x/raw/test.txt line 5: document 9 appears a second time (first on line 1)",
        error(twice("9")));
  }

  private static String twice(String pmid) {
    String block = pmid + "|t|A\n" + pmid + "|a|B\n" + pmid + "\t0\t1\tA\tModifier\tD1\n";
    return block + "\n" + block;
  }

  @Test
  void relationLinesAreCheckedNotSkippedBlindly() {
    // given: the relation lines of BC5CDR (4 columns) and BioRED (5 columns) are read
    String ok =
        "1|t|Title\n1|a|Abstract\n1\tCID\tD1\tD2\n1\tBind\tG1\tC2\tNovel\n"
            + "1\t0\t5\tTitle\tDisease\tD1\n";

    // when
    List<Document> docs = read(ok, MentionTextRule.DROP, false);

    // then: a start offset damaged into a word is no relation; a relation with 2 columns is cut
    assertEquals(List.of(Mention.of(0, 5, "Disease")), docs.get(0).mentions());
    assertEquals(
        "x/raw/test.txt line 3: neither a mention line (PMID, start, end, text, type, ids) nor a"
            + " relation line (PMID, type, ids): column 2 is '0x'",
        error("1|t|Title\n1|a|Abstract\n1\t0x\t5\tTitle\tDisease\tD1\n"));
    assertEquals(
        "x/raw/test.txt line 3: neither a mention line (PMID, start, end, text, type, ids) nor a"
            + " relation line (PMID, type, ids): column 2 is ''",
        error("1|t|Title\n1|a|Abstract\n1\n"));
    assertEquals(
        "x/raw/test.txt line 3: a relation line has 4 or 5 tab-separated columns, found 2",
        error("1|t|Title\n1|a|Abstract\n1\tCID\n"));
  }

  @Test
  void badLinesNameFileAndLine() {
    // given / when / then
    assertEquals(
        "x/raw/test.txt line 3: span 9..4 is reversed",
        error("1|t|Title\n1|a|Abstract\n1\t9\t4\tx\tDisease\tD1\n"));
    assertEquals(
        "x/raw/test.txt line 3: span 10..99 is outside the text of document 1, which has 14"
            + " characters",
        error("1|t|Title\n1|a|Abstract\n1\t10\t99\tx\tDisease\tD1\n"));
    assertEquals(
        "x/raw/test.txt line 3: a mention line has 6 or 7 tab-separated columns, found 4",
        error("1|t|Title\n1|a|Abstract\n1\t0\t5\tTitle\n"));
    assertEquals(
        "x/raw/test.txt line 3: line belongs to PMID '2' inside the block of document 1",
        error("1|t|Title\n1|a|Abstract\n2\t0\t5\tTitle\tDisease\tD1\n"));
    assertEquals(
        "x/raw/test.txt line 2: expected the abstract line '1|a|...' of document 1",
        error("1|t|Title\n1\t0\t5\tTitle\tDisease\tD1\n"));
    assertEquals("x/raw/test.txt line 1: expected a title line 'PMID|t|title'", error("hello\n"));
    assertEquals(
        "x/raw/test.txt line 1: document 1 has a title but no abstract line", error("1|t|Title\n"));
    assertEquals(
        "x/raw/test.txt line 3: offset '1e3' is not a number",
        error("1|t|Title\n1|a|Abstract\n1\t0\t1e3\tTitle\tDisease\tD1\n"));
  }

  private static String error(String content) {
    return assertThrows(NcerException.class, () -> read(content, MentionTextRule.DROP, false))
        .getMessage();
  }
}
