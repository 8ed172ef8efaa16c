package org.ncer.run;

import java.util.Locale;
import org.ncer.NcerException;

/**
 * How many failed calls a run tolerates ({@code --max-failures}): a count, or a percentage of the
 * calls planned. Beyond it the run still writes everything, then exits 1.
 *
 * @param count the most failed calls; -1 when given as a percentage
 * @param percent the most failed calls in percent of the planned ones; -1 when given as a count
 */
public record FailureBudget(int count, double percent) {

  /** No limit: failures are counted and listed, and the run succeeds. */
  public static final FailureBudget UNLIMITED = new FailureBudget(Integer.MAX_VALUE, -1);

  /** Reads {@code N} or {@code P%}. */
  public static FailureBudget parse(String value) {
    String v = value.trim();
    try {
      if (v.endsWith("%")) {
        double p = Double.parseDouble(v.substring(0, v.length() - 1));
        if (p < 0 || p > 100) {
          throw new NcerException("--max-failures " + value + " is not between 0% and 100%");
        }
        return new FailureBudget(-1, p);
      }
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NcerException("--max-failures " + value + " is negative");
      }
      return new FailureBudget(n, -1);
    } catch (NumberFormatException e) {
      throw new NcerException(
          "--max-failures '" + value + "' is neither a count (5) nor a percentage (2%)", e);
    }
  }

  /** Whether {@code failed} of {@code planned} calls is more than the budget allows. */
  public boolean exceeded(long failed, long planned) {
    if (percent >= 0) {
      return planned > 0 && failed * 100.0 / planned > percent;
    }
    return failed > count;
  }

  /** As given: {@code 5} or {@code 2%}; {@code none} when unlimited. */
  public String describe() {
    if (percent >= 0) {
      return String.format(Locale.ROOT, "%s%%", stripZero(percent));
    }
    return count == Integer.MAX_VALUE ? "none" : Integer.toString(count);
  }

  private static String stripZero(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
