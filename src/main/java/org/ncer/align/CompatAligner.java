package org.ncer.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ncer.span.Mention;
import org.ncer.span.Span;

/**
 * The benchmark's mapping from strings to spans, reproduced exactly for leaderboard parity.
 *
 * <p>For each string, every match of {@code re.finditer(re.escape(s), text, re.IGNORECASE)} becomes
 * a span ({@code get_all_matches} in {@code clinical_ner/models/utils.py}): Python's
 * case-insensitive matching (see {@link PythonCase}), inside longer words too, scanning left to
 * right without overlaps ({@code "aa"} is found twice in {@code "aaaa"}, not three times), and an
 * empty string matching at every position, giving empty spans. A string found nowhere is counted as
 * a hallucination and dropped. All spans of the document are then sorted by {@code (start,
 * -len(span_text), label)} and a span is dropped when the previously kept span has the same label
 * and contains it ({@code DecoderSpanExtractor.extract_spans_from_chunk} and {@code
 * merge_spans_with_same_labels}): only the last kept span is compared, so a span nested in an
 * earlier one survives when a span of another label was kept in between.
 *
 * <p>Offsets are computed in code points, as Python counts, and converted to string indices at the
 * end. The string itself is used as given: no trimming.
 */
final class CompatAligner implements Aligner {

  /** A match in code point offsets. */
  private record Found(int start, int length, String label, MatchStatus match) {
    int end() {
      return start + length;
    }
  }

  // Python compares str labels by code point; String.compareTo compares UTF-16 units.
  private static final Comparator<String> BY_CODE_POINTS =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
      };

  private static final Comparator<Found> BENCHMARK_ORDER =
      Comparator.comparingInt(Found::start)
          .thenComparing(Comparator.comparingInt(Found::length).reversed())
          .thenComparing(Found::label, BY_CODE_POINTS);

  @Override
  public Grounding ground(String text, List<LabeledString> strings) {
    int[] cps = text.codePoints().toArray();
    int[] lower = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      lower[i] = PythonCase.lower(cps[i]);
    }
    List<Found> found = new ArrayList<>();
    List<Unaligned> unaligned = new ArrayList<>();
    List<MatchStatus> statuses = new ArrayList<>();
    for (LabeledString s : strings) {
      int before = found.size();
      MatchStatus best = MatchStatus.NOT_FOUND;
      int[] pattern = s.text().codePoints().toArray();
      PythonCase.Matcher[] matchers = new PythonCase.Matcher[pattern.length];
      for (int k = 0; k < pattern.length; k++) {
        matchers[k] = PythonCase.compile(pattern[k]);
      }
      int i = 0;
      while (i + pattern.length <= cps.length) {
        if (matchesAt(cps, lower, i, matchers)) {
          MatchStatus m = equalAt(cps, i, pattern) ? MatchStatus.EXACT : MatchStatus.CASE;
          found.add(new Found(i, pattern.length, s.label(), m));
          best = best.best(m);
          // finditer resumes after the match; after an empty match, one position further.
          i += Math.max(1, pattern.length);
        } else {
          i++;
        }
      }
      if (found.size() == before) {
        unaligned.add(new Unaligned(s.text(), s.label(), Unaligned.NOT_FOUND));
      }
      statuses.add(best);
    }
    found.sort(BENCHMARK_ORDER);
    List<Found> kept = new ArrayList<>();
    for (Found f : found) {
      if (!kept.isEmpty()) {
        Found last = kept.get(kept.size() - 1);
        if (last.label().equals(f.label()) && last.start() <= f.start() && last.end() >= f.end()) {
          continue;
        }
      }
      kept.add(f);
    }
    int[] index = utf16Offsets(text, cps.length);
    List<Grounded> mentions = new ArrayList<>(kept.size());
    for (Found f : kept) {
      mentions.add(
          new Grounded(
              new Mention(new Span(index[f.start()], index[f.end()]), f.label()), f.match()));
    }
    return new Grounding(mentions, unaligned, statuses);
  }

  private static boolean matchesAt(int[] cps, int[] lower, int at, PythonCase.Matcher[] matchers) {
    for (int k = 0; k < matchers.length; k++) {
      if (!matchers[k].matches(cps[at + k], lower[at + k])) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalAt(int[] cps, int at, int[] pattern) {
    for (int k = 0; k < pattern.length; k++) {
      if (cps[at + k] != pattern[k]) {
        return false;
      }
    }
    return true;
  }

  /** The string index of each code point offset, and of the end. */
  private static int[] utf16Offsets(String text, int codePoints) {
    int[] index = new int[codePoints + 1];
    int u = 0;
    for (int i = 0; i < codePoints; i++) {
      index[i] = u;
      u += Character.charCount(text.codePointAt(u));
    }
    index[codePoints] = u;
    return index;
  }
}
