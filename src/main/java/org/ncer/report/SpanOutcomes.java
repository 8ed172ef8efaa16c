package org.ncer.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ncer.span.Mention;

/**
 * Pairs the spans of one document as nervaluate 0.1.8 does and names each outcome; the reading side
 * of {@code org.ncer.score}'s compat matching, kept simple (each prediction scans the gold spans)
 * because reports show one document at a time.
 *
 * <p>Only mentions whose label is scored take part, on both sides. For each prediction in list
 * order: a gold span with the same offsets and label makes it correct; otherwise the first gold
 * span in list order that has the same offsets (any label) or overlaps it and is not yet claimed
 * decides its kind; otherwise it is spurious. Overlap treats end offsets as inclusive, as
 * nervaluate's {@code range(start, end + 1)} does, so spans that only touch overlap. A gold span is
 * claimed once any prediction matched a span equal to it; unclaimed gold spans are missed.
 */
final class SpanOutcomes {
  private SpanOutcomes() {}

  /**
   * One outcome: the gold and predicted mention (either may be null), its kind and the label it is
   * counted under (the gold label, except for spurious predictions).
   */
  record Outcome(Mention gold, Mention predicted, ErrorKind kind, String label) {}

  static List<Outcome> of(List<Mention> goldAll, List<Mention> predictedAll, Set<String> labels) {
    List<Mention> gold = goldAll.stream().filter(m -> labels.contains(m.label())).toList();
    List<Mention> predicted =
        predictedAll.stream().filter(m -> labels.contains(m.label())).toList();
    Set<Mention> goldSet = new HashSet<>(gold);
    Set<Mention> claimed = new HashSet<>();
    List<Outcome> out = new ArrayList<>();
    for (Mention p : predicted) {
      if (goldSet.contains(p)) {
        claimed.add(p);
        out.add(new Outcome(p, p, ErrorKind.CORRECT, p.label()));
        continue;
      }
      Outcome found = null;
      for (Mention g : gold) {
        if (g.start() == p.start() && g.end() == p.end()) {
          found = new Outcome(g, p, ErrorKind.WRONG_LABEL, g.label());
        } else if (overlaps(g, p) && !claimed.contains(g)) {
          ErrorKind kind =
              g.label().equals(p.label()) ? ErrorKind.BOUNDARY : ErrorKind.BOUNDARY_AND_LABEL;
          found = new Outcome(g, p, kind, g.label());
        }
        if (found != null) {
          claimed.add(g);
          break;
        }
      }
      out.add(found != null ? found : new Outcome(null, p, ErrorKind.SPURIOUS, p.label()));
    }
    for (Mention g : gold) {
      if (!claimed.contains(g)) {
        out.add(new Outcome(g, null, ErrorKind.MISSED, g.label()));
      }
    }
    return out;
  }

  // nervaluate 0.1.8 treats end as inclusive: range(start, end + 1). Touching spans overlap.
  private static boolean overlaps(Mention a, Mention b) {
    return Math.max(a.start(), b.start()) <= Math.min(a.end(), b.end());
  }
}
