package org.ncer.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.span.Mention;

/**
 * The benchmark's reading of HTML answers ({@code parse_from_html_spans} in {@code
 * clinical_ner/models/output_parsers/html_span_parser.py}, then the label map and the merge of
 * {@code DecoderSpanExtractor.extract_spans_from_chunk}), restated to set beside ncer's grounding
 * on the evaluation set. It is not used to score runs.
 *
 * <p>What it does: every {@code '} of the answer becomes {@code "}; each match of {@code <span
 * class="C" ?>T</span ?>} on one line is an entity, unless {@code T} is not a substring of the note
 * (counted as a hallucination and skipped); its start is the length of the answer up to the match
 * with the earlier matched tags (only those) taken out, so the offsets count every character before
 * it, a preamble or wrapper included, and a skipped match's tags too; {@code C} is looked up as
 * written in the class map, and an unknown class is dropped; the spans are sorted by start, longest
 * first, label, and a span inside the previously kept span of its label is dropped.
 */
final class BenchmarkHtmlParser {
  private BenchmarkHtmlParser() {}

  // Python's "." stops only at \n; Java's also at \r and other line ends, hence [^\n].
  private static final Pattern SPAN =
      Pattern.compile("<span class=\"([^\"]+)\" ?>([^\\n]*?)</span ?>");

  /**
   * What the parser makes of one answer.
   *
   * @param mentions the spans, which may lie past the note's end
   * @param hallucinations the matches whose text is not in the note
   */
  record Parsed(List<Mention> mentions, int hallucinations) {}

  /** The benchmark's class map for {@code labels}: the prompt's classes to dataset labels. */
  static Map<String, String> classMap(List<String> labels) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String label : labels) {
      if (label.equals("condition")) {
        map.put("disorder", label);
        map.put("symptom", label);
      } else {
        map.put(EvalSet.className(label), label);
      }
    }
    return map;
  }

  static Parsed parse(String answer, String note, Map<String, String> classes) {
    if (answer == null) {
      return new Parsed(List.of(), 0);
    }
    String s = answer.replace('\'', '"');
    Matcher m = SPAN.matcher(s);
    List<Mention> spans = new ArrayList<>();
    int cleaned = 0;
    int lastEnd = 0;
    int hallucinations = 0;
    while (m.find()) {
      String text = m.group(2);
      if (!note.contains(text)) {
        hallucinations++;
        continue;
      }
      cleaned += m.start() - lastEnd;
      int start = cleaned;
      cleaned += text.length();
      lastEnd = m.end();
      String label = classes.get(m.group(1));
      if (label != null) {
        spans.add(Mention.of(start, start + text.length(), label));
      }
    }
    return new Parsed(spans, hallucinations);
  }

  /** The benchmark's merge: sorted, a span inside the last kept span of its label dropped. */
  static List<Mention> merge(List<Mention> spans) {
    List<Mention> sorted = new ArrayList<>(spans);
    sorted.sort(
        Comparator.comparingInt(Mention::start)
            .thenComparing(x -> -x.span().length())
            .thenComparing(Mention::label));
    List<Mention> kept = new ArrayList<>();
    for (Mention x : sorted) {
      if (!kept.isEmpty()) {
        Mention last = kept.get(kept.size() - 1);
        if (last.label().equals(x.label()) && last.span().contains(x.span())) {
          continue;
        }
      }
      kept.add(x);
    }
    return kept;
  }
}
