package org.ncer.align;

import java.util.ArrayList;
import java.util.List;
import org.ncer.extract.ParseStatus;
import org.ncer.extract.ParsedAnswer;

/**
 * Everything that became of the answers about one document: how each was parsed, the mentions
 * found, and every string that gave none.
 *
 * @param parses one per answer, in answer order
 * @param strings the strings that reached the aligner, with their dataset labels
 * @param grounding the aligner's result for {@code strings}
 * @param labelIssues strings that never reached the aligner: their label is unknown or missing
 */
public record GroundedDocument(
    List<ParsedAnswer> parses,
    List<LabeledString> strings,
    Grounding grounding,
    List<Unaligned> labelIssues) {

  public GroundedDocument {
    parses = List.copyOf(parses);
    strings = List.copyOf(strings);
    labelIssues = List.copyOf(labelIssues);
    if (grounding.statuses().size() != strings.size()) {
      throw new IllegalArgumentException(
          grounding.statuses().size() + " statuses for " + strings.size() + " strings");
    }
  }

  /** The mentions found, in the benchmark's order (start, longest first, label). */
  public List<Grounded> mentions() {
    return grounding.mentions();
  }

  /** Every string that gave no mention: label issues first, then strings not found. */
  public List<Unaligned> unaligned() {
    List<Unaligned> all = new ArrayList<>(labelIssues);
    all.addAll(grounding.unaligned());
    return all;
  }

  /** The worst parse status of the document's answers; ok when there are none. */
  public ParseStatus parse() {
    ParseStatus worst = ParseStatus.OK;
    for (ParsedAnswer p : parses) {
      worst = worst.worst(p.status());
    }
    return worst;
  }
}
