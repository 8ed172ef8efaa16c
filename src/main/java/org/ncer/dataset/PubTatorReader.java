package org.ncer.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ncer.NcerException;
import org.ncer.dataset.DatasetSpec.MentionTextRule;
import org.ncer.span.Mention;

/**
 * Reads PubTator files (NCBI-Disease, BC5CDR, BioRED) into documents with their native types.
 *
 * <p>A document is a block of lines: {@code PMID|t|title}, {@code PMID|a|abstract}, then mention
 * lines {@code PMID TAB start TAB end TAB text TAB type TAB ids [TAB individual mentions]} and
 * relation lines {@code PMID TAB type TAB id TAB id [TAB novelty]}, which are skipped. Blocks are
 * separated by blank lines; CRLF line ends (BioRED) are accepted. The text is {@code title + " " +
 * abstract}, as in the benchmark, and offsets index into it.
 *
 * <p>Every line is either read or an error naming the file and line: a line that is neither a
 * mention nor a relation line, a wrong number of columns, a span outside the text, a PMID repeated
 * in the file (unless the release repeats it, see {@link DatasetSpec#repeatedIds()}). Only the
 * benchmark's own rules drop a mention (see {@link MentionTextRule}).
 */
final class PubTatorReader {
  private PubTatorReader() {}

  /** Column 2 of a relation line: a relation type such as {@code CID} or {@code Bind}. */
  private static final Pattern RELATION_TYPE = Pattern.compile("[A-Za-z][A-Za-z_]*");

  /**
   * Reads every document of {@code file}, which the caller has found to exist ({@link
   * Datasets#load} names a missing one).
   *
   * @param display the file's name in error messages
   * @param rule what to do with a mention whose text column differs from the text at its offsets
   * @param composites whether the individual mentions of the 7th column become mentions
   * @param repeatedIds the ids that may appear more than once; the second copy is read as {@code
   *     <id>_2}
   */
  static List<Document> read(
      Path file,
      String display,
      MentionTextRule rule,
      boolean composites,
      Collection<String> repeatedIds) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Parser(in, display, rule, composites, repeatedIds).documents();
    } catch (java.nio.charset.MalformedInputException e) {
      throw new NcerException(display + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** Reads documents from text, for tests; no id may repeat. */
  static List<Document> parse(
      String content, String display, MentionTextRule rule, boolean composites) {
    return parse(content, display, rule, composites, Set.of());
  }

  /** Reads documents from text, for tests. */
  static List<Document> parse(
      String content,
      String display,
      MentionTextRule rule,
      boolean composites,
      Collection<String> repeatedIds) {
    try (BufferedReader in = new BufferedReader(new java.io.StringReader(content))) {
      return new Parser(in, display, rule, composites, repeatedIds).documents();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Parser {
    private final BufferedReader in;
    private final String display;
    private final MentionTextRule rule;
    private final boolean composites;
    private final Set<String> repeatedIds;
    private final Map<String, Long> firstLine = new HashMap<>();
    private final Map<String, Integer> seenIds = new HashMap<>();
    private long lineNo;

    Parser(
        BufferedReader in,
        String display,
        MentionTextRule rule,
        boolean composites,
        Collection<String> repeatedIds) {
      this.in = in;
      this.display = display;
      this.rule = rule;
      this.composites = composites;
      this.repeatedIds = Set.copyOf(repeatedIds);
    }

    List<Document> documents() throws IOException {
      List<Document> docs = new ArrayList<>();
      String line;
      Block block = null;
      // readLine() also ends a line at "\r\n", so BioRED's CRLF files need no special case.
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          if (block != null) {
            docs.add(block.finish());
            block = null;
          }
        } else if (block == null) {
          block = startBlock(line);
        } else if (block.text == null) {
          block.abstractLine(line);
        } else {
          block.annotationLine(line);
        }
      }
      if (block != null) {
        docs.add(block.finish());
      }
      return docs;
    }

    private Block startBlock(String line) {
      int bar = line.indexOf("|t|");
      if (bar <= 0) {
        throw NcerException.at(display, lineNo, "expected a title line 'PMID|t|title'");
      }
      return new Block(line.substring(0, bar), line.substring(bar + 3), lineNo);
    }

    private final class Block {
      final String pmid;
      final String title;
      final long titleLine;
      String text;
      final List<Mention> mentions = new ArrayList<>();

      Block(String pmid, String title, long titleLine) {
        this.pmid = pmid;
        this.title = title;
        this.titleLine = titleLine;
      }

      void abstractLine(String line) {
        String prefix = pmid + "|a|";
        if (!line.startsWith(prefix)) {
          throw NcerException.at(
              display,
              lineNo,
              "expected the abstract line '" + prefix + "...' of document " + pmid);
        }
        // Both BigBio loaders strip each line, which removes the trailing blanks many abstracts
        // end with; titles have none, so the offsets are unaffected.
        text = title + " " + line.substring(prefix.length()).stripTrailing();
      }

      void annotationLine(String line) {
        String[] cols = line.split("\t", -1);
        if (!cols[0].equals(pmid)) {
          throw NcerException.at(
              display,
              lineNo,
              "line belongs to PMID '" + cols[0] + "' inside the block of document " + pmid);
        }
        if (cols.length >= 2 && RELATION_TYPE.matcher(cols[1]).matches()) {
          // A relation line (BC5CDR: PMID, CID, chemical, disease; BioRED: PMID, type, id, id,
          // novelty); relations are not scored.
          if (cols.length != 4 && cols.length != 5) {
            throw NcerException.at(
                display,
                lineNo,
                "a relation line has 4 or 5 tab-separated columns, found " + cols.length);
          }
          return;
        }
        if (cols.length < 2 || !isDigits(cols[1])) {
          throw NcerException.at(
              display,
              lineNo,
              "neither a mention line (PMID, start, end, text, type, ids) nor a relation line"
                  + " (PMID, type, ids): column 2 is '"
                  + (cols.length < 2 ? "" : cols[1])
                  + "'");
        }
        if (cols.length != 6 && cols.length != 7) {
          throw NcerException.at(
              display,
              lineNo,
              "a mention line has 6 or 7 tab-separated columns, found " + cols.length);
        }
        int start = offset(cols[1]);
        int end = offset(cols[2]);
        if (end < start) {
          throw NcerException.at(display, lineNo, "span " + start + ".." + end + " is reversed");
        }
        if (end > text.length()) {
          throw NcerException.at(
              display,
              lineNo,
              "span "
                  + start
                  + ".."
                  + end
                  + " is outside the text of document "
                  + pmid
                  + ", which has "
                  + text.length()
                  + " characters");
        }
        String type = cols[4].strip();
        if (type.isEmpty()) {
          throw NcerException.at(display, lineNo, "the mention type (column 5) is empty");
        }
        String covered = cols[3];
        if (!text.substring(start, end).equals(covered)) {
          switch (rule) {
            case DROP:
              return;
            case FIRST_OCCURRENCE:
              start = text.indexOf(covered);
              if (start < 0) {
                return; // Python's find gives -1; such a span cannot be scored, so it is dropped
              }
              end = start + covered.length();
              break;
            case TRUST_OFFSETS:
              break;
          }
        }
        Mention composite = Mention.of(start, end, type);
        mentions.add(composite);
        if (composites && cols.length == 7 && !cols[6].isBlank()) {
          addIndividualMentions(composite, cols[6]);
        }
      }

      /**
       * Adds each individual mention of a composite mention at its first fragment.
       *
       * <p>BC5CDR's BioC files, which the benchmark reads through BigBio, annotate the individual
       * mentions of a composite such as "end-stage or malignant liver disease" as discontinuous
       * annotations ("end-stage" + "liver disease"); the benchmark keeps only the first location.
       * The PubTator 7th column lists the same mentions as text only, so each is located here: its
       * first fragment is the longest run of its leading words found in the composite's text.
       */
      private void addIndividualMentions(Mention composite, String column) {
        String compositeText = text.substring(composite.start(), composite.end());
        for (String individual : column.split("\\|", -1)) {
          int[] fragment = firstFragment(compositeText, individual.strip());
          if (fragment == null) {
            throw NcerException.at(
                display,
                lineNo,
                "individual mention '"
                    + individual
                    + "' is not part of composite mention '"
                    + compositeText
                    + "'");
          }
          mentions.add(
              Mention.of(
                  composite.start() + fragment[0],
                  composite.start() + fragment[1],
                  composite.label()));
        }
      }

      Document finish() {
        if (text == null) {
          throw NcerException.at(
              display, titleLine, "document " + pmid + " has a title but no abstract line");
        }
        // NCBI's train file holds PMID 8528200 twice; both copies are kept (as the benchmark does)
        // under distinct ids so that exported files stay readable. Any other repeat is damage.
        int seen = seenIds.merge(pmid, 1, Integer::sum);
        Long first = firstLine.putIfAbsent(pmid, titleLine);
        if (seen > 1 && !repeatedIds.contains(pmid)) {
          throw NcerException.at(
              display,
              titleLine,
              "document " + pmid + " appears a second time (first on line " + first + ")");
        }
        String id = seen == 1 ? pmid : pmid + "_" + seen;
        return new Document(id, text, mentions);
      }
    }

    private int offset(String value) {
      if (!isDigits(value) || value.length() > 9) {
        throw NcerException.at(display, lineNo, "offset '" + value + "' is not a number");
      }
      return Integer.parseInt(value);
    }
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the first fragment of {@code individual} lies in {@code composite}, as {@code [start,
   * end)}, or null when not even its first word occurs there.
   *
   * <p>The fragment is the longest prefix of whole words of {@code individual} that occurs in
   * {@code composite} on word boundaries, leftmost first: "impaired liver function" in "impaired
   * renal and liver function" starts with "impaired", and "squamous cell carcinoma" in "squamous
   * cell cervical carcinoma" with "squamous cell" (not "squamous cell c").
   */
  static int[] firstFragment(String composite, String individual) {
    String[] words = individual.split(" +");
    for (int n = words.length; n >= 1; n--) {
      String prefix = String.join(" ", java.util.Arrays.copyOf(words, n));
      if (prefix.isEmpty()) {
        continue;
      }
      for (int at = composite.indexOf(prefix); at >= 0; at = composite.indexOf(prefix, at + 1)) {
        int end = at + prefix.length();
        boolean startsWord = at == 0 || !Character.isLetterOrDigit(composite.charAt(at - 1));
        boolean endsWord =
            end == composite.length() || !Character.isLetterOrDigit(composite.charAt(end));
        if (startsWord && endsWord) {
          return new int[] {at, end};
        }
      }
    }
    return null;
  }
}
