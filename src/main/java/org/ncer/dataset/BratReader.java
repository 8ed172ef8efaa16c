package org.ncer.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ncer.NcerException;
import org.ncer.span.Mention;
import org.ncer.span.Span;

/**
 * Reads one brat standoff document (a {@code .txt} file and its {@code .ann} file) into a document
 * with native types, as Chia is written.
 *
 * <ul>
 *   <li>The text is kept exactly as stored: offsets count the {@code \r} of CRLF files.
 *   <li>Only entity lines ({@code T<n> TAB Type start end[;start end...] TAB covered text}) are
 *       read. Relation, equivalence, attribute and note lines are skipped, and so are continuation
 *       lines (the covered text of a span across a line break goes on in the next lines).
 *   <li>The offsets are trusted, not the covered-text column, which is wrong for a few Chia spans.
 *   <li>Any other line is an error with its line number: a continuation line that follows no
 *       entity, an entity line without offsets or covered text, an annotation id used twice.
 *   <li>A discontinuous span is kept only where the benchmark keeps it; see {@link #discontinuous}.
 * </ul>
 */
final class BratReader {
  private BratReader() {}

  /** Lines that are not continuation lines: an annotation id and a tab. */
  private static final Pattern ANNOTATION_LINE = Pattern.compile("^(?:[TREAMN]\\d+|\\*|#\\d*)\t");

  /**
   * Reads {@code <dir>/<id>.txt} and {@code <dir>/<id>.ann}.
   *
   * @param displayDir the folder's name in error messages
   */
  static Document read(Path dir, String id, String displayDir) {
    String txtName = displayDir + "/" + id + ".txt";
    String annName = displayDir + "/" + id + ".ann";
    return parse(
        id,
        readFile(dir.resolve(id + ".txt"), txtName),
        readFile(dir.resolve(id + ".ann"), annName),
        annName);
  }

  private static String readFile(Path file, String display) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NcerException(display + ": no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new NcerException(display + ": not valid UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** Parses a document from its text and annotation file content; {@code annName} for errors. */
  static Document parse(String id, String text, String ann, String annName) {
    List<Mention> mentions = new ArrayList<>();
    Map<String, Long> ids = new HashMap<>();
    String[] lines = ann.split("\n", -1);
    boolean afterEntity = false;
    for (int i = 0; i < lines.length; i++) {
      long lineNo = i + 1L;
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        continue;
      }
      if (!ANNOTATION_LINE.matcher(line).find()) {
        if (!afterEntity) {
          throw NcerException.at(annName, lineNo, "not a brat annotation line");
        }
        continue; // the covered text of the entity above goes on; offsets are what count
      }
      afterEntity = line.charAt(0) == 'T';
      String annotationId = line.substring(0, line.indexOf('\t'));
      if (!annotationId.equals("*")) {
        Long first = ids.putIfAbsent(annotationId, lineNo);
        if (first != null) {
          throw NcerException.at(
              annName,
              lineNo,
              "annotation "
                  + annotationId
                  + " appears a second time (first on line "
                  + first
                  + ")");
        }
      }
      if (afterEntity) {
        Mention m = entity(line, text, annName, lineNo);
        if (m != null) {
          mentions.add(m);
        }
      }
    }
    return new Document(id, text, mentions);
  }

  private static Mention entity(String line, String text, String annName, long lineNo) {
    String[] fields = line.split("\t", 3);
    if (fields.length < 3) {
      throw NcerException.at(
          annName, lineNo, "an entity line needs 'T<n> TAB Type start end TAB covered text'");
    }
    String[] typeAndSpans = fields[1].split(" ", 2);
    if (typeAndSpans.length < 2 || typeAndSpans[0].isEmpty()) {
      throw NcerException.at(annName, lineNo, "an entity line needs a type and offsets");
    }
    List<Span> fragments = new ArrayList<>();
    for (String fragment : typeAndSpans[1].split(";", -1)) {
      String[] se = fragment.strip().split(" +");
      if (se.length != 2 || !se[0].matches("\\d{1,9}") || !se[1].matches("\\d{1,9}")) {
        throw NcerException.at(annName, lineNo, "malformed offsets '" + fragment + "'");
      }
      int start = Integer.parseInt(se[0]);
      int end = Integer.parseInt(se[1]);
      if (end < start) {
        throw NcerException.at(annName, lineNo, "span " + start + ".." + end + " is reversed");
      }
      if (end > text.length()) {
        throw NcerException.at(
            annName,
            lineNo,
            "span "
                + start
                + ".."
                + end
                + " is outside the text, which has "
                + text.length()
                + " characters");
      }
      fragments.add(Span.of(start, end));
    }
    Span span = fragments.size() == 1 ? fragments.get(0) : discontinuous(fragments, text);
    return span == null ? null : new Mention(span, typeAndSpans[0]);
  }

  /**
   * Where the benchmark puts a discontinuous span, or null where it drops it.
   *
   * <p>BigBio gives such a span its first fragment's offsets and the covered text of all fragments
   * joined by a space. {@code update_columns_chia} in the benchmark's {@code prepare_dataset.py}
   * sees that the text at the offsets differs from that covered text, looks the covered text up in
   * the document and keeps the span only when it occurs exactly once, at that occurrence. The
   * covered text is rebuilt here from the offsets.
   */
  static Span discontinuous(List<Span> fragments, String text) {
    StringBuilder joined = new StringBuilder();
    for (Span f : fragments) {
      if (joined.length() > 0) {
        joined.append(' ');
      }
      joined.append(f.of(text));
    }
    String covered = joined.toString();
    int first = text.indexOf(covered);
    if (first < 0 || covered.isEmpty()) {
      return null;
    }
    // re.finditer counts non-overlapping matches; one match means no second one after the first.
    if (text.indexOf(covered, first + covered.length()) >= 0) {
      return null;
    }
    return Span.of(first, first + covered.length());
  }
}
