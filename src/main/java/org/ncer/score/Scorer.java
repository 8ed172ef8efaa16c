package org.ncer.score;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores predicted mentions against gold mentions: the benchmark's span metrics (nervaluate's four
 * schemas) and token metrics (scikit-learn's classification report over the benchmark's tokens).
 *
 * <p>In the span metrics only mentions whose label is one of the scored labels take part, on both
 * sides: nervaluate drops spans outside its tags, so a prediction with another label is neither
 * right nor wrong. The token metrics label characters from every mention, as the benchmark's token
 * code does, and then count only tokens whose label is scored (scikit-learn's {@code labels=}); a
 * mention with another label can still outvote or overwrite a scored one.
 */
public final class Scorer {
  private Scorer() {}

  /**
   * Scores {@code docs} on {@code labels} (distinct, not {@code O}; their order is the order of the
   * per-label results) with the given matching for the span metrics.
   */
  public static ScoreReport score(
      List<ScoredDocument> docs, List<String> labels, Matching matching) {
    Objects.requireNonNull(matching, "matching");
    Map<String, Integer> numbers = numberLabels(labels);
    SpanTally spans = new SpanTally(labels.size());
    TokenTally tokens = new TokenTally(labels.size());
    // Token labels: the scored labels keep their numbers; other labels get numbers after them.
    Map<String, Integer> allNumbers = new HashMap<>(numbers);
    for (ScoredDocument doc : docs) {
      LabelledSpans gold = LabelledSpans.keep(doc.gold(), numbers);
      LabelledSpans predicted = LabelledSpans.keep(doc.predicted(), numbers);
      switch (matching) {
        case COMPAT -> CompatMatcher.match(gold, predicted, spans);
        case CORRECTED -> CorrectedMatcher.match(gold, predicted, spans);
      }
      tokens.add(
          doc.text(),
          LabelledSpans.numbered(doc.gold(), allNumbers),
          LabelledSpans.numbered(doc.predicted(), allNumbers),
          allNumbers.size());
    }
    return new ScoreReport(spans.scores(labels), tokens.scores(labels));
  }

  /**
   * Checks that {@code labels} can be scored: at least one, none blank or repeated, none {@code O}.
   *
   * @throws IllegalArgumentException naming the first problem
   */
  public static void requireScorable(List<String> labels) {
    numberLabels(labels);
  }

  private static Map<String, Integer> numberLabels(List<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no labels to score");
    }
    Map<String, Integer> numbers = new HashMap<>();
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException("a label to score is blank");
      }
      // The token metrics use 'O' for tokens outside every mention, as the benchmark does.
      if (label.equals("O")) {
        throw new IllegalArgumentException(
            "'O' cannot be scored: it marks tokens outside mentions");
      }
      if (numbers.putIfAbsent(label, numbers.size()) != null) {
        throw new IllegalArgumentException("label '" + label + "' is listed twice");
      }
    }
    return numbers;
  }
}
