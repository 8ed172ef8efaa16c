package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.NcerException;
import org.ncer.TestData;
import org.ncer.span.Mention;

/** Loads the real dataset files and pins the counts the benchmark scores. */
class DatasetsTest {

  private static Map<String, Integer> counts(Object... labelAndCount) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < labelAndCount.length; i += 2) {
      m.put((String) labelAndCount[i], (Integer) labelAndCount[i + 1]);
    }
    return m;
  }

  @Test
  void ncbiTestSplitHasTheBenchmarksCounts() {
    // given / when
    Dataset d = Datasets.load(TestData.dataDir(), "ncbi", "test");

    // then: notebook run of the benchmark: 100 documents, 960 condition
    assertEquals(100, d.documents().size());
    assertEquals(counts("condition", 960), d.mentionCounts());
  }

  @Test
  void bioredTestSplitHasTheBenchmarksCounts() {
    // given / when
    Dataset d = Datasets.load(TestData.dataDir(), "biored", "test");

    // then: OrganismTaxon (393) and CellLine (50) are dropped
    assertEquals(100, d.documents().size());
    assertEquals(
        counts("condition", 917, "drug", 754, "gene", 1180, "gene variant", 241),
        d.mentionCounts());
  }

  @Test
  void bc5cdrTestSplitCountsIndividualMentionsOfCompositesAsTheBenchmarkScoresThem() {
    // given / when
    Dataset d = Datasets.load(TestData.dataDir(), "bc5cdr", "test");

    // then: PubTator lines give 4,424 / 5,385; the 57 composite lines add 110 disease and 9
    // chemical individual mentions, 4 of which repeat their composite exactly
    assertEquals(500, d.documents().size());
    assertEquals(counts("condition", 4530, "drug", 5394), d.mentionCounts());
  }

  @Test
  void bc5cdrIndividualMentionsSitAtTheirFirstFragment() {
    // given
    Dataset d = Datasets.load(TestData.dataDir(), "bc5cdr", "test");
    Document doc = byId(d, "24100055");

    // when: line "24100055 914 950 end-stage or malignant liver disease ... end-stage liver
    // disease|malignant liver disease"
    List<String> texts =
        doc.mentions().stream()
            .filter(m -> m.start() >= 914 && m.end() <= 950)
            .map(doc::textOf)
            .toList();

    // then
    assertEquals(
        List.of("end-stage or malignant liver disease", "end-stage", "malignant liver disease"),
        texts);
  }

  @Test
  void chiaTestSplitIsStableAndKeepsEachTrialInOneSplit() {
    // given
    Path dir = TestData.dataDir();

    // when
    Map<String, Set<String>> trials = new LinkedHashMap<>();
    for (String split : DatasetSpec.SPLITS) {
      Set<String> ids = new HashSet<>();
      Datasets.load(dir, "chia", split)
          .documents()
          .forEach(x -> ids.add(TrialSplit.trialOf(x.id())));
      trials.put(split, ids);
    }
    Dataset test = Datasets.load(dir, "chia", "test");

    // then: pinned so that a change of the split or of the reader shows
    assertEquals(176, test.documents().size());
    assertEquals(
        counts("condition", 995, "drug", 395, "procedure", 257, "measurement", 295),
        test.mentionCounts());
    for (String a : trials.keySet()) {
      for (String b : trials.keySet()) {
        if (!a.equals(b)) {
          Set<String> both = new HashSet<>(trials.get(a));
          both.retainAll(trials.get(b));
          assertTrue(both.isEmpty(), a + " and " + b + " share trials " + both);
        }
      }
    }
  }

  @Test
  void everyMentionOfEverySplitLiesInsideItsText() {
    for (String name : Datasets.names()) {
      for (String split : DatasetSpec.SPLITS) {
        // given / when
        Dataset d = Datasets.load(TestData.dataDir(), name, split);

        // then
        assertFalse(d.documents().isEmpty(), name + " " + split);
        for (Document doc : d.documents()) {
          assertFalse(doc.mentions().isEmpty(), doc.id());
          for (Mention m : doc.mentions()) {
            assertTrue(d.labels().contains(m.label()), name + " " + doc.id() + " " + m);
            assertFalse(doc.textOf(m).isEmpty(), name + " " + doc.id() + " " + m);
          }
        }
      }
    }
  }

  @Test
  void validationIsAnAliasOfDev() {
    // given / when
    Dataset d = Datasets.load(TestData.dataDir(), "ncbi", "validation");

    // then
    assertEquals("dev", d.split());
    assertEquals(counts("condition", 787), d.mentionCounts());
  }

  @Test
  void missingDatasetNamesTheFolderTheVariableAndThePullCommand(@TempDir Path empty) {
    // given / when
    NcerException e =
        assertThrows(NcerException.class, () -> Datasets.load(empty, "bc5cdr", "test"));

    // then
    String message = e.getMessage();
    assertTrue(message.contains(empty.toAbsolutePath().toString()), message);
    assertTrue(message.contains("bc5cdr/raw/CDR_TestSet.PubTator.txt"), message);
    assertTrue(message.contains("NCER_DATA_DIR"), message);
    assertTrue(message.contains("ncer datasets pull --dataset bc5cdr"), message);
  }

  @Test
  void unknownDatasetAndSplitAreNamed() {
    // given / when / then
    assertEquals(
        "unknown dataset 'i2b2'; known: ncbi, chia, biored, bc5cdr",
        assertThrows(NcerException.class, () -> Datasets.labels("i2b2")).getMessage());
    assertEquals(
        "unknown split 'eval'; use train, dev or test (validation means dev)",
        assertThrows(NcerException.class, () -> Datasets.load(TestData.dataDir(), "ncbi", "eval"))
            .getMessage());
  }

  @Test
  void onlyChiaIsNotComparableWithTheLeaderboard() {
    // given / when / then
    assertEquals(
        Optional.of(DatasetSpec.of("chia").leaderboard().note()),
        Datasets.leaderboardNote(builtIn("chia")));
    assertEquals(Optional.empty(), Datasets.leaderboardNote(builtIn("ncbi")));
    assertEquals(Optional.empty(), Datasets.leaderboardNote(builtIn("biored")));
    assertEquals(Optional.empty(), Datasets.leaderboardNote(builtIn("bc5cdr")));
  }

  @Test
  void aUserFileNamedChiaHasNoLeaderboardNote(@TempDir Path dir) throws IOException {
    // given: a user's file that happens to share CHIA's key
    Path file = dir.resolve("chia.jsonl");
    Files.writeString(
        file,
        """
        {"id": "a", "text": "aspirin", "entities": [{"start": 0, "end": 7, "label": "drug"}]}
        """);
    Dataset d = Datasets.resolve(dir, file.toString(), "test", null);

    // when / then: the split, not the name, says it is a user's file
    assertEquals("chia", d.name());
    assertEquals(Optional.empty(), Datasets.leaderboardNote(d));
  }

  @Test
  void resolveReadsAUserFileWithLabelsInFirstSeenOrder(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("mine.jsonl");
    Files.writeString(
        file,
        """
        {"id": "a", "text": "aspirin for fever", "entities": [{"start": 12, "end": 17, "label": "symptom"}, {"start": 0, "end": 7, "label": "drug"}]}
        {"id": "b", "text": "no entity here", "entities": []}
        {"id": "c", "text": "fever", "entities": [{"start": 0, "end": 5, "label": "symptom"}]}
        """);

    // when
    Dataset d = Datasets.resolve(dir, file.toString(), "test", null);

    // then: documents without entities are kept in a user's file
    assertEquals("mine", d.name());
    assertEquals(Datasets.FILE_SPLIT, d.split());
    assertEquals(List.of("symptom", "drug"), d.labels());
    assertEquals(3, d.documents().size());
  }

  @Test
  void resolveRejectsAUserFileEntityOutsideTheGivenLabels(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("mine.jsonl");
    Files.writeString(
        file,
        """
        {"id": "a", "text": "aspirin", "entities": [{"start": 0, "end": 7, "label": "drug"}]}
        """);

    // when
    NcerException e =
        assertThrows(
            NcerException.class,
            () -> Datasets.resolve(dir, file.toString(), "test", List.of("condition")));

    // then
    assertEquals(
        file + " line 1: entities[0].label 'drug' is not one of condition", e.getMessage());
  }

  @Test
  void resolveLoadsABuiltInKey() {
    // given / when
    Dataset d = Datasets.resolve(TestData.dataDir(), "ncbi", "test", null);

    // then
    assertEquals("ncbi", d.name());
    assertEquals(List.of("condition"), d.labels());
  }

  @Test
  void resolveNamesWhatItAcceptsForAnUnknownValue(@TempDir Path dir) {
    // given / when
    NcerException e =
        assertThrows(
            NcerException.class,
            () -> Datasets.resolve(dir, dir.resolve("nope.jsonl").toString(), "test", null));

    // then
    assertTrue(e.getMessage().contains("neither a built-in dataset (ncbi, chia, biored, bc5cdr)"));
  }

  private static Dataset builtIn(String name) {
    return new Dataset(name, "test", Datasets.labels(name), List.of());
  }

  private static Document byId(Dataset d, String id) {
    return d.documents().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  // --- damaged or edited files -------------------------------------------------------------

  private static final String NCBI_TEST = "ncbi-disease/raw/NCBItestset_corpus.txt";

  private static Dataset load(Path data, String name, boolean allowModified, Path cacheDir) {
    return Datasets.load(
        DatasetVerifier.withCache(cacheDir.resolve("verified-files.tsv")),
        data,
        name,
        "test",
        allowModified);
  }

  @Test
  void anEmptyTestFileIsRefusedNamingTheFileAndTheOverride(@TempDir Path tmp) throws IOException {
    // given
    Path data = DatasetVerifierTest.copyRaw(tmp, "ncbi-disease");
    Files.writeString(data.resolve(NCBI_TEST), "");

    // when
    NcerException refused = assertThrows(NcerException.class, () -> load(data, "ncbi", false, tmp));
    NcerException empty = assertThrows(NcerException.class, () -> load(data, "ncbi", true, tmp));

    // then
    assertEquals(
        "dataset 'ncbi' test: "
            + NCBI_TEST
            + " is modified (its SHA-256 differs from the release's); restore the release with"
            + " 'ncer datasets pull --dataset ncbi', or pass --allow-modified-data to evaluate on"
            + " these files anyway (results are then marked not comparable)",
        refused.getMessage());
    assertEquals(NCBI_TEST + ": no document in it", empty.getMessage());
  }

  @Test
  void aTruncatedTestFileIsRefusedAndWithTheOverrideMarkedNotComparable(@TempDir Path tmp)
      throws IOException {
    // given: the first 53 of the 100 documents, cut at a block boundary, so every line parses
    Path data = DatasetVerifierTest.copyRaw(tmp, "ncbi-disease");
    Path test = data.resolve(NCBI_TEST);
    String text = Files.readString(test, StandardCharsets.UTF_8);
    int at = -1;
    for (int i = 0; i < 53; i++) {
      at = text.indexOf("\n\n", at + 1);
    }
    Files.writeString(test, text.substring(0, at + 2), StandardCharsets.UTF_8);

    // when
    assertThrows(NcerException.class, () -> load(data, "ncbi", false, tmp));
    Dataset d = load(data, "ncbi", true, tmp);

    // then
    assertEquals(53, d.documents().size());
    assertEquals(List.of(NCBI_TEST), d.modifiedFiles());
    assertEquals(
        Optional.of(
            "not comparable: 1 original file differs from the release ncer pins ("
                + NCBI_TEST
                + "); loaded with --allow-modified-data"),
        Datasets.leaderboardNote(d));
  }

  @Test
  void verifiedFilesGiveNoModifiedMark(@TempDir Path tmp) {
    // given / when
    Dataset d = load(TestData.dataDir(), "ncbi", false, tmp);

    // then
    assertEquals(List.of(), d.modifiedFiles());
    assertEquals(Optional.empty(), Datasets.leaderboardNote(d));
  }

  @Test
  void aLineThatCannotBeReadIsAnErrorEvenWithTheOverride(@TempDir Path tmp) throws IOException {
    // given: the start offset of the first mention line damaged
    Path data = DatasetVerifierTest.copyRaw(tmp, "ncbi-disease");
    Path test = data.resolve(NCBI_TEST);
    List<String> lines = new ArrayList<>(Files.readAllLines(test, StandardCharsets.UTF_8));
    lines.set(2, lines.get(2).replaceFirst("\t23\t", "\t2x3\t"));
    Files.write(test, lines, StandardCharsets.UTF_8);

    // when
    NcerException e = assertThrows(NcerException.class, () -> load(data, "ncbi", true, tmp));

    // then
    assertEquals(
        NCBI_TEST
            + " line 3: neither a mention line (PMID, start, end, text, type, ids) nor a relation"
            + " line (PMID, type, ids): column 2 is '2x3'",
        e.getMessage());
  }

  @Test
  void aChiaAnnotationFileWithoutItsTextIsAnError(@TempDir Path tmp) throws IOException {
    // given: the text file of a test-split document removed
    Path data = DatasetVerifierTest.copyRaw(tmp, "chia");
    Path docs = data.resolve("chia/raw/chia_with_scope");
    String id = firstTestDocument(docs);
    Files.delete(docs.resolve(id + ".txt"));

    // when
    NcerException refused = assertThrows(NcerException.class, () -> load(data, "chia", false, tmp));
    NcerException orphan = assertThrows(NcerException.class, () -> load(data, "chia", true, tmp));

    // then
    assertEquals(
        "dataset 'chia' test: chia/raw/chia_with_scope/"
            + id
            + ".txt is missing; restore the release with 'ncer datasets pull --dataset chia', or"
            + " pass --allow-modified-data to evaluate on these files anyway (results are then"
            + " marked not comparable)",
        refused.getMessage());
    assertEquals(
        "chia/raw/chia_with_scope/" + id + ".ann: there is no " + id + ".txt beside it",
        orphan.getMessage());
  }

  private static String firstTestDocument(Path docs) throws IOException {
    try (var files = Files.list(docs)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".txt"))
          .map(n -> n.substring(0, n.length() - 4))
          .filter(
              id ->
                  TrialSplit.of(TrialSplit.trialOf(id), DatasetSpec.of("chia").trialSplit())
                      .equals("test"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }
}
