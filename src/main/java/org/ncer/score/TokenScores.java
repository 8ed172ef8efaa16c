package org.ncer.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Token-level precision, recall and F1, as the benchmark's token metrics compute them.
 *
 * <p>How tokens get labels (the benchmark's {@code get_char_label_map} and {@code
 * get_list_of_token_label_tuples} in {@code clinical_ner/models/utils.py}): the text is split into
 * tokens by {@code \w+(?:[-_]\w+)*|\S}, with Python's Unicode {@code \w} (letters, numbers and
 * {@code _}) and {@code \s}; each character takes the label of the last mention in list order that
 * covers it; each token takes the label most of its characters carry, {@code O} for none.
 * Characters are counted as Unicode code points, as in Python.
 *
 * <p>A tie (as many characters of two labels) goes to the label that comes first in {@link
 * #tieOrder}: the scored labels in the order scored, then any other label, then {@code O}. The
 * benchmark breaks it with Python's {@code max(set(...))}, whose order follows the string hash seed
 * of the process: within one process that is a fixed order between labels, and every fixed order is
 * the one some seed gives, so this one is among the benchmark's outcomes and is reproducible. How
 * far the benchmark's own numbers move from seed to seed is in {@code docs/token-ties.md}.
 *
 * <p>How the numbers are computed (scikit-learn's {@code classification_report} with {@code labels}
 * set to the scored labels): per label, precision is TP / predicted tokens, recall is TP / gold
 * tokens and F1 is 2 TP / (gold + predicted tokens), each 0 when its denominator is 0. {@code O} is
 * not a label, so it enters no average. Micro sums TP, predicted and gold tokens over the labels
 * first; macro is the unweighted mean of the per-label values (a label absent from both gold and
 * predictions adds zeros); weighted is their mean weighted by support, or the unweighted mean when
 * no label has support.
 */
public record TokenScores(
    Prf macro, Prf micro, Prf weighted, Map<String, LabelScore> byLabel, List<String> tieOrder) {

  /** How {@link #tieOrder} names the labels that are not scored. */
  public static final String OTHER_LABELS = "*";

  /** How {@link #tieOrder} names the label of tokens outside every mention. */
  public static final String OUTSIDE = "O";

  public TokenScores {
    Objects.requireNonNull(macro, "macro");
    Objects.requireNonNull(micro, "micro");
    Objects.requireNonNull(weighted, "weighted");
    byLabel = Collections.unmodifiableMap(new LinkedHashMap<>(byLabel));
    tieOrder = List.copyOf(tieOrder);
  }

  /**
   * The order in which ties between labels are broken, winner first, for {@code labels} scored in
   * that order: the labels, then {@value #OTHER_LABELS} for every label that is not scored (their
   * order among themselves changes no count), then {@value #OUTSIDE}.
   */
  public static List<String> tieOrder(List<String> labels) {
    List<String> order = new ArrayList<>(labels);
    order.add(OTHER_LABELS);
    order.add(OUTSIDE);
    return List.copyOf(order);
  }
}
