package org.ncer.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ncer.align.Aligner;
import org.ncer.align.Answer;
import org.ncer.align.Grounded;
import org.ncer.align.GroundedDocument;
import org.ncer.align.Grounder;
import org.ncer.align.Grounding;
import org.ncer.align.LabeledString;
import org.ncer.align.MatchStatus;
import org.ncer.align.Unaligned;
import org.ncer.extract.LabelResolver;
import org.ncer.extract.ParseStatus;
import org.ncer.extract.ParsedAnswer;
import org.ncer.score.Matching;
import org.ncer.score.Schema;
import org.ncer.score.SchemaScore;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;
import org.ncer.score.SpanScores;
import org.ncer.span.Mention;

/**
 * Grounds the evaluation set with each method and scores it against the mentions the answers stand
 * for, style by style: span F1 (strict and ent_type, with the leaderboard's matching), the status
 * of every string, and checks that every grounded span is inside the note and faithful to its
 * string.
 */
public final class GroundEval {
  private GroundEval() {}

  /** A way of turning answers into spans. */
  public enum Method {
    /** ncer's default grounding: echo alignment, then careful matching. */
    SMART("smart"),
    /** ncer's reproduction of the benchmark's string mapping. */
    COMPAT("compat"),
    /**
     * The benchmark's own HTML answer parser, restated ({@link BenchmarkHtmlParser}); measured on
     * the styles that echo the note only.
     */
    BENCHMARK_HTML("benchmark-html");

    private final String key;

    Method(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /**
   * What became of a style's strings under one method. For {@link Method#BENCHMARK_HTML} only
   * {@code predicted}, {@code notFound} (its hallucination count) and {@code outside} are counted.
   *
   * @param documents cases of the style
   * @param answers answers read
   * @param failed answers whose parse failed
   * @param gold mentions the answers stand for
   * @param predicted mentions grounded
   * @param ok strings grounded exactly, in other case, or normalised
   * @param searched echo regions grounded by a search near where the alignment put them
   * @param rewritten echo regions grounded onto note text that differs from the tagged string
   * @param nearMiss strings found only across punctuation they lack (not grounded)
   * @param notFound strings not found in the note
   * @param unlabelled marked strings whose label nothing decides
   * @param otherUnaligned strings empty after trimming, or with a missing or unknown label
   * @param unfaithful grounded spans whose text is not their string up to case, spacing, dashes,
   *     quotes and edge punctuation, and whose status does not say so (rewritten, near-miss, fuzzy)
   * @param outside grounded spans that do not lie inside the note
   */
  public record Counts(
      int documents,
      int answers,
      int failed,
      int gold,
      int predicted,
      int ok,
      int searched,
      int rewritten,
      int nearMiss,
      int notFound,
      int unlabelled,
      int otherUnaligned,
      int unfaithful,
      int outside) {}

  /** The span scores and counts of one style under one method. */
  public record Outcome(SchemaScore strict, SchemaScore entType, Counts counts) {}

  /** One style's outcomes, by method; {@link Method#BENCHMARK_HTML} only for echoes. */
  public record Row(AnswerStyle style, Map<Method, Outcome> outcomes) {
    public Outcome of(Method m) {
      return outcomes.get(m);
    }
  }

  /**
   * Evaluates {@code cases}, scored on {@code labels}, one row per style in order of appearance.
   */
  public static List<Row> evaluate(List<EvalCase> cases, List<String> labels) {
    Map<AnswerStyle, List<EvalCase>> byStyle = new LinkedHashMap<>();
    for (EvalCase c : cases) {
      byStyle.computeIfAbsent(c.style(), k -> new ArrayList<>()).add(c);
    }
    LabelResolver resolver = EvalSet.labels(labels);
    Map<String, String> classes = BenchmarkHtmlParser.classMap(labels);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<AnswerStyle, List<EvalCase>> e : byStyle.entrySet()) {
      Map<Method, Outcome> outcomes = new EnumMap<>(Method.class);
      outcomes.put(Method.SMART, ground(e.getValue(), labels, resolver, Aligner.smart()));
      outcomes.put(Method.COMPAT, ground(e.getValue(), labels, resolver, Aligner.compat()));
      AnswerStyle.Group group = e.getKey().group();
      if (group.echoes() || group == AnswerStyle.Group.NONE) {
        outcomes.put(Method.BENCHMARK_HTML, benchmark(e.getValue(), labels, classes));
      }
      rows.add(new Row(e.getKey(), outcomes));
    }
    return rows;
  }

  /** The counts of {@link Counts}, as they are added up. */
  private static final class Tally {
    int documents;
    int answers;
    int failed;
    int gold;
    int predicted;
    int ok;
    int searched;
    int rewritten;
    int nearMiss;
    int notFound;
    int unlabelled;
    int otherUnaligned;
    int unfaithful;
    int outside;

    Counts counts() {
      return new Counts(
          documents,
          answers,
          failed,
          gold,
          predicted,
          ok,
          searched,
          rewritten,
          nearMiss,
          notFound,
          unlabelled,
          otherUnaligned,
          unfaithful,
          outside);
    }
  }

  private static Outcome ground(
      List<EvalCase> cases, List<String> labels, LabelResolver resolver, Aligner aligner) {
    List<ScoredDocument> scored = new ArrayList<>();
    Tally t = new Tally();
    for (EvalCase c : cases) {
      GroundedDocument d =
          new Grounder(aligner, resolver, c.format(), c.markup()).ground(c.text(), c.answers());
      t.documents++;
      for (ParsedAnswer p : d.parses()) {
        t.answers++;
        t.failed += p.status() == ParseStatus.FAILED ? 1 : 0;
      }
      t.gold += c.gold().size();
      List<Mention> predicted = new ArrayList<>();
      for (Grounded g : d.mentions()) {
        if (g.mention().end() > c.text().length()) {
          t.outside++;
        } else {
          predicted.add(g.mention());
        }
      }
      t.predicted += predicted.size();
      for (MatchStatus s : d.grounding().statuses()) {
        switch (s) {
          case EXACT, CASE, NORMALIZED -> t.ok++;
          case SEARCHED -> t.searched++;
          case REWRITTEN -> t.rewritten++;
          case NEAR_MISS -> t.nearMiss++;
          default -> {}
        }
      }
      for (Unaligned u : d.unaligned()) {
        switch (u.reason()) {
          case Unaligned.NEAR_MISS -> t.nearMiss++;
          case Unaligned.NOT_FOUND -> t.notFound++;
          case Unaligned.UNLABELLED -> t.unlabelled++;
          default -> t.otherUnaligned++;
        }
      }
      t.unfaithful += unfaithful(c.text(), d, aligner);
      scored.add(new ScoredDocument(c.text(), c.gold(), predicted));
    }
    SpanScores span = Scorer.score(scored, labels, Matching.COMPAT).span();
    return new Outcome(span.overall(Schema.STRICT), span.overall(Schema.ENT_TYPE), t.counts());
  }

  /**
   * The grounded spans of {@code d} that no string of their label justifies: each string is
   * grounded again alone, and a span it gives is justified when its text is the string up to case,
   * spacing, dashes, quotes and edge punctuation, or when its status says it is not (rewritten,
   * near-miss, fuzzy).
   */
  private static int unfaithful(String text, GroundedDocument d, Aligner aligner) {
    Map<Mention, Boolean> justified = new HashMap<>();
    for (Grounded g : d.mentions()) {
      justified.put(g.mention(), false);
    }
    for (LabeledString s : d.strings()) {
      Grounding alone = aligner.ground(text, List.of(s));
      for (Grounded g : alone.mentions()) {
        if (!justified.containsKey(g.mention()) || g.mention().end() > text.length()) {
          continue;
        }
        boolean carried =
            g.match() == MatchStatus.REWRITTEN
                || g.match() == MatchStatus.NEAR_MISS
                || g.match() == MatchStatus.FUZZY;
        if (carried || faithful(g.mention().span().of(text), s.text())) {
          justified.put(g.mention(), true);
        }
      }
    }
    return (int) justified.values().stream().filter(v -> !v).count();
  }

  /** True when {@code covered} is {@code string} up to case, spacing, dashes, quotes and edges. */
  static boolean faithful(String covered, String string) {
    return key(covered).equals(key(string));
  }

  private static String key(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && !Character.isLetterOrDigit(s.codePointAt(from))) {
      from += Character.charCount(s.codePointAt(from));
    }
    while (to > from && !Character.isLetterOrDigit(s.codePointBefore(to))) {
      to -= Character.charCount(s.codePointBefore(to));
    }
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        continue;
      }
      if (c == '\u2010'
          || c == '\u2011'
          || c == '\u2012'
          || c == '\u2013'
          || c == '\u2014'
          || c == '\u2015'
          || c == '\u2212') {
        b.append('-');
      } else if (c == '\u2018' || c == '\u2019' || c == '\u201B' || c == '\u2032' || c == '`') {
        b.append('\'');
      } else if (c == '\u201C' || c == '\u201D' || c == '\u201E' || c == '\u2033') {
        b.append('"');
      } else {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private static Outcome benchmark(
      List<EvalCase> cases, List<String> labels, Map<String, String> classes) {
    List<ScoredDocument> scored = new ArrayList<>();
    Tally t = new Tally();
    for (EvalCase c : cases) {
      t.documents++;
      List<Mention> spans = new ArrayList<>();
      for (Answer a : c.answers()) {
        t.answers++;
        BenchmarkHtmlParser.Parsed p = BenchmarkHtmlParser.parse(a.response(), c.text(), classes);
        spans.addAll(p.mentions());
        t.notFound += p.hallucinations();
      }
      List<Mention> merged = BenchmarkHtmlParser.merge(spans);
      int end = c.text().length();
      for (Mention m : merged) {
        if (m.end() > c.text().length()) {
          t.outside++;
          end = Math.max(end, m.end());
        }
      }
      t.gold += c.gold().size();
      t.predicted += merged.size();
      // Spans past the note's end score as the benchmark scores them, spurious: the text is
      // padded so that they can be scored at all (span scores never read the text).
      String text = c.text() + " ".repeat(end - c.text().length());
      scored.add(new ScoredDocument(text, c.gold(), merged));
    }
    SpanScores span = Scorer.score(scored, labels, Matching.COMPAT).span();
    return new Outcome(span.overall(Schema.STRICT), span.overall(Schema.ENT_TYPE), t.counts());
  }
}
