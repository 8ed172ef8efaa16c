package org.ncer.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paired bootstrap over documents for the F1 difference of two runs on the same documents.
 *
 * <p>Each resample draws as many documents as there are, with replacement, by one seeded generator,
 * and adds the per-document counts of both runs over the same draw ({@link DocCounts}); no document
 * is scored again. The statistic is F1(A) − F1(B) for each metric, over all labels and per label.
 *
 * <p>The interval is the 2.5 and 97.5 percentiles of the resampled differences (linear
 * interpolation between order statistics). The p-value is two-sided and comes from the bootstrap
 * distribution shifted to the null of no difference: {@code p = (1 + #{b : |d_b − d| ≥ |d|}) / (B +
 * 1)}, where d is the observed difference and d_b the resampled ones; the +1 keeps it above 0 with
 * finitely many resamples. A difference of exactly 0 gets p = 1.
 */
final class PairedBootstrap {
  /** The metrics compared. */
  static final List<String> METRICS = List.of("span_ent_type", "span_strict", "token");

  /** One comparison: {@code label} is null for the dataset as a whole. */
  record Result(
      String label,
      String metric,
      double a,
      double b,
      double difference,
      double ciLow,
      double ciHigh,
      double pValue) {}

  private PairedBootstrap() {}

  /**
   * Compares runs A and B; {@code a[d]} and {@code b[d]} are the counts of shared document d
   * ({@code [label][field]}).
   */
  static List<Result> compare(
      List<String> labels, int[][][] a, int[][][] b, int resamples, long seed) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("A has " + a.length + " documents, B " + b.length);
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples " + resamples + " is below 1");
    }
    int n = a.length;
    int labelCount = labels.size();
    int width = labelCount * DocCounts.FIELDS;
    // Flat per-document rows for a tight inner loop.
    int[] flatA = flatten(a, width);
    int[] flatB = flatten(b, width);
    int stats = METRICS.size() * (labelCount + 1);
    double[] observed =
        difference(sum(flatA, width, null, n), sum(flatB, width, null, n), labelCount);
    double[] valueA = statistics(sum(flatA, width, null, n), labelCount);
    double[] valueB = statistics(sum(flatB, width, null, n), labelCount);
    double[][] diffs = new double[stats][resamples];
    SplittableRandom random = new SplittableRandom(seed);
    int[] draw = new int[n];
    long[] sa = new long[width];
    long[] sb = new long[width];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        draw[i] = n == 0 ? 0 : random.nextInt(n);
      }
      Arrays.fill(sa, 0);
      Arrays.fill(sb, 0);
      for (int i = 0; i < n; i++) {
        int off = draw[i] * width;
        for (int k = 0; k < width; k++) {
          sa[k] += flatA[off + k];
          sb[k] += flatB[off + k];
        }
      }
      double[] d = difference(sa, sb, labelCount);
      for (int s = 0; s < stats; s++) {
        diffs[s][r] = d[s];
      }
    }
    List<Result> out = new ArrayList<>(stats);
    for (int s = 0; s < stats; s++) {
      double[] sorted = diffs[s];
      Arrays.sort(sorted);
      double obs = observed[s];
      int extreme = 0;
      for (double v : sorted) {
        if (Math.abs(v - obs) >= Math.abs(obs)) {
          extreme++;
        }
      }
      double p = obs == 0 ? 1.0 : (1.0 + extreme) / (resamples + 1.0);
      int labelIndex = s / METRICS.size();
      String label = labelIndex == 0 ? null : labels.get(labelIndex - 1);
      out.add(
          new Result(
              label,
              METRICS.get(s % METRICS.size()),
              valueA[s],
              valueB[s],
              obs,
              percentile(sorted, 0.025),
              percentile(sorted, 0.975),
              Math.min(1.0, p)));
    }
    return out;
  }

  private static int[] flatten(int[][][] docs, int width) {
    int[] flat = new int[docs.length * width];
    for (int d = 0; d < docs.length; d++) {
      int[][] doc = docs[d];
      for (int l = 0; l < doc.length; l++) {
        System.arraycopy(doc[l], 0, flat, d * width + l * DocCounts.FIELDS, DocCounts.FIELDS);
      }
    }
    return flat;
  }

  private static long[] sum(int[] flat, int width, int[] draw, int n) {
    long[] s = new long[width];
    for (int i = 0; i < n; i++) {
      int off = (draw == null ? i : draw[i]) * width;
      for (int k = 0; k < width; k++) {
        s[k] += flat[off + k];
      }
    }
    return s;
  }

  private static double[] difference(long[] a, long[] b, int labels) {
    double[] x = statistics(a, labels);
    double[] y = statistics(b, labels);
    for (int i = 0; i < x.length; i++) {
      x[i] -= y[i];
    }
    return x;
  }

  /**
   * The statistics of summed counts: for "all labels" then each label, span ent_type F1, span
   * strict F1 and token F1 (the macro average over labels for "all labels").
   */
  static double[] statistics(long[] s, int labels) {
    int m = METRICS.size();
    double[] out = new double[m * (labels + 1)];
    long etC = 0;
    long etP = 0;
    long etA = 0;
    long stC = 0;
    long stP = 0;
    long stA = 0;
    double macro = 0;
    for (int l = 0; l < labels; l++) {
      int o = l * DocCounts.FIELDS;
      etC += s[o + DocCounts.ET_CREDIT2];
      etP += s[o + DocCounts.ET_POSSIBLE];
      etA += s[o + DocCounts.ET_ACTUAL];
      stC += s[o + DocCounts.ST_CREDIT2];
      stP += s[o + DocCounts.ST_POSSIBLE];
      stA += s[o + DocCounts.ST_ACTUAL];
      double tok =
          DocCounts.tokenF1(
              s[o + DocCounts.TOK_TP], s[o + DocCounts.TOK_GOLD], s[o + DocCounts.TOK_PRED]);
      macro += tok;
      int base = (l + 1) * m;
      out[base] =
          DocCounts.spanF1(
              s[o + DocCounts.ET_CREDIT2],
              s[o + DocCounts.ET_POSSIBLE],
              s[o + DocCounts.ET_ACTUAL]);
      out[base + 1] =
          DocCounts.spanF1(
              s[o + DocCounts.ST_CREDIT2],
              s[o + DocCounts.ST_POSSIBLE],
              s[o + DocCounts.ST_ACTUAL]);
      out[base + 2] = tok;
    }
    out[0] = DocCounts.spanF1(etC, etP, etA);
    out[1] = DocCounts.spanF1(stC, stP, stA);
    out[2] = labels == 0 ? 0 : macro / labels;
    return out;
  }

  /** The q-quantile of sorted values, interpolating linearly between order statistics. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
