package org.ncer.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running token counts per label (true positives, predicted and gold tokens), over documents. */
final class TokenTally {
  private final int[] truePositives;
  private final int[] predicted;
  private final int[] gold;
  private Tokens.Ballot ballot;

  // Scratch space reused across documents, grown to the longest text.
  private int[] bounds = new int[0];
  private int[] goldChars = new int[0];
  private int[] predictedChars = new int[0];
  private int[] next = new int[0];

  TokenTally(int labels) {
    truePositives = new int[labels];
    predicted = new int[labels];
    gold = new int[labels];
    ballot = new Tokens.Ballot(labels);
  }

  /**
   * Labels the tokens of one document on both sides and counts those whose label is scored. Spans
   * may carry label numbers up to {@code labelCount - 1}; numbers past the scored labels paint and
   * vote like any other label but are not counted.
   */
  void add(String text, LabelledSpans goldSpans, LabelledSpans predictedSpans, int labelCount) {
    if (ballot.capacity() < labelCount) {
      ballot = new Tokens.Ballot(labelCount);
    }
    int scored = gold.length;
    int length = text.length();
    if (next.length < length + 1) {
      int capacity = Math.max(length + 1, 2 * next.length);
      bounds = new int[2 * capacity];
      goldChars = new int[capacity];
      predictedChars = new int[capacity];
      next = new int[capacity];
    }
    int tokens = Tokens.split(text, bounds);
    Tokens.paint(goldSpans, length, goldChars, next);
    Tokens.paint(predictedSpans, length, predictedChars, next);
    for (int t = 0; t < tokens; t += 2) {
      int g = Tokens.vote(text, goldChars, bounds[t], bounds[t + 1], ballot);
      int p = Tokens.vote(text, predictedChars, bounds[t], bounds[t + 1], ballot);
      boolean goldScored = g != Tokens.OUTSIDE && g < scored;
      if (goldScored) {
        gold[g]++;
      }
      if (p != Tokens.OUTSIDE && p < scored) {
        predicted[p]++;
      }
      if (g == p && goldScored) {
        truePositives[g]++;
      }
    }
  }

  /** The per-label scores and their micro, macro and weighted averages (see TokenScores). */
  TokenScores scores(List<String> labels) {
    int n = labels.size();
    Map<String, LabelScore> byLabel = new LinkedHashMap<>();
    double[] p = new double[n];
    double[] r = new double[n];
    double[] f = new double[n];
    long tp = 0;
    long pred = 0;
    long support = 0;
    for (int l = 0; l < n; l++) {
      p[l] = ratio(truePositives[l], predicted[l]);
      r[l] = ratio(truePositives[l], gold[l]);
      f[l] = f1(truePositives[l], gold[l], predicted[l]);
      byLabel.put(labels.get(l), new LabelScore(p[l], r[l], f[l], gold[l]));
      tp += truePositives[l];
      pred += predicted[l];
      support += gold[l];
    }
    Prf micro = new Prf(ratio(tp, pred), ratio(tp, support), f1(tp, support, pred));
    Prf macro = new Prf(mean(p), mean(r), mean(f));
    // scikit-learn's _nanaverage: numpy raises ZeroDivisionError for weights that sum to 0 and
    // sklearn then falls back to the plain mean.
    Prf weighted = support == 0 ? macro : new Prf(weighted(p), weighted(r), weighted(f));
    return new TokenScores(macro, micro, weighted, byLabel, TokenScores.tieOrder(labels));
  }

  /** {@code a / b}, 0 when {@code b} is 0 (scikit-learn's zero_division="warn" acts as 0). */
  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /** scikit-learn's F-beta for beta 1: {@code 2 tp / (gold + predicted)}, 0 when that is 0/0. */
  private static double f1(long tp, long gold, long predicted) {
    long denominator = gold + predicted;
    return denominator == 0 ? 0 : 2.0 * tp / denominator;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }

  private double weighted(double[] values) {
    double sum = 0;
    long weights = 0;
    for (int l = 0; l < values.length; l++) {
      sum += values[l] * gold[l];
      weights += gold[l];
    }
    return sum / weights;
  }
}
