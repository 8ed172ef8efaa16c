package org.ncer.align;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ncer.extract.ParseStatus;
import org.ncer.extract.ParsedAnswer;

/**
 * Counts over many grounded documents: answers by parse status, strings by match status and by
 * reason, and strings not found per label (the model's hallucinations). Not thread-safe.
 */
public final class GroundingTally {
  private int documents;
  private int mentions;
  private final Map<ParseStatus, Integer> parses = new EnumMap<>(ParseStatus.class);
  private final Map<MatchStatus, Integer> matches = new EnumMap<>(MatchStatus.class);
  private final Map<String, Integer> reasons = new TreeMap<>();
  private final Map<String, Integer> notFoundByLabel = new TreeMap<>();

  /** Adds one document's counts. */
  public void add(GroundedDocument d) {
    documents++;
    mentions += d.mentions().size();
    for (ParsedAnswer p : d.parses()) {
      parses.merge(p.status(), 1, Integer::sum);
    }
    for (MatchStatus m : d.grounding().statuses()) {
      if (m != MatchStatus.NOT_FOUND) {
        matches.merge(m, 1, Integer::sum);
      }
    }
    for (Unaligned u : d.unaligned()) {
      reasons.merge(u.reason(), 1, Integer::sum);
      if (u.reason().equals(Unaligned.NOT_FOUND)) {
        notFoundByLabel.merge(u.label(), 1, Integer::sum);
      }
    }
  }

  public int documents() {
    return documents;
  }

  /** Mentions kept after merging. */
  public int mentions() {
    return mentions;
  }

  public int answers() {
    return parses.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int answers(ParseStatus status) {
    return parses.getOrDefault(status, 0);
  }

  /** All strings the answers named, grounded or not. */
  public int strings() {
    return grounded() + reasons.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Strings grounded, at any status. */
  public int grounded() {
    return matches.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Strings whose best match has {@code status}; for {@link MatchStatus#NOT_FOUND}, see below. */
  public int strings(MatchStatus status) {
    return status == MatchStatus.NOT_FOUND
        ? unaligned(Unaligned.NOT_FOUND)
        : matches.getOrDefault(status, 0);
  }

  /** Strings not grounded for {@code reason} ({@link Unaligned#NOT_FOUND} and the others). */
  public int unaligned(String reason) {
    return reasons.getOrDefault(reason, 0);
  }

  /** Strings not found in the text, per label, labels in alphabetical order. */
  public Map<String, Integer> notFoundByLabel() {
    return new TreeMap<>(notFoundByLabel);
  }

  /**
   * One line such as {@code 3 documents, 4 answers (ok 3, repaired 1, failed 0), 9 strings: exact
   * 6, case 1, normalized 1, searched 0, rewritten 0, near-miss 0, fuzzy 0, not found 1, empty 0,
   * unknown label 0, no label 0, unlabelled 0, near-miss not grounded 0; 8 mentions}.
   */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d documents, %d answers (ok %d, repaired %d, failed %d), %d strings: exact %d, case %d,"
            + " normalized %d, searched %d, rewritten %d, near-miss %d, fuzzy %d, not found %d,"
            + " empty %d, unknown label %d, no label %d, unlabelled %d, near-miss not grounded %d;"
            + " %d mentions",
        documents,
        answers(),
        answers(ParseStatus.OK),
        answers(ParseStatus.REPAIRED),
        answers(ParseStatus.FAILED),
        strings(),
        strings(MatchStatus.EXACT),
        strings(MatchStatus.CASE),
        strings(MatchStatus.NORMALIZED),
        strings(MatchStatus.SEARCHED),
        strings(MatchStatus.REWRITTEN),
        strings(MatchStatus.NEAR_MISS),
        strings(MatchStatus.FUZZY),
        unaligned(Unaligned.NOT_FOUND),
        unaligned(Unaligned.EMPTY),
        unaligned(Unaligned.UNKNOWN_LABEL),
        unaligned(Unaligned.NO_LABEL),
        unaligned(Unaligned.UNLABELLED),
        unaligned(Unaligned.NEAR_MISS),
        mentions);
  }
}
