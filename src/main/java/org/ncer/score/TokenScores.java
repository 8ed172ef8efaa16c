package org.ncer.score;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Token-level precision, recall and F1, as the benchmark's token metrics compute them.
 *
 * <p>How tokens get labels (the benchmark's {@code get_char_label_map} and {@code
 * get_list_of_token_label_tuples} in {@code clinical_ner/models/utils.py}): the text is split into
 * tokens by {@code \w+(?:[-_]\w+)*|\S}, with Python's Unicode {@code \w} (letters, numbers and
 * {@code _}) and {@code \s}; each character takes the label of the last mention in list order that
 * covers it; each token takes the label most of its characters carry, {@code O} for none. A tie is
 * broken in favour of the tied label that occurs first in the token: the benchmark breaks it with
 * Python's {@code max(set(...))}, whose order changes with the string hash seed, so any fixed rule
 * is as faithful as another and this one is reproducible. Characters are counted as Unicode code
 * points, as in Python.
 *
 * <p>How the numbers are computed (scikit-learn's {@code classification_report} with {@code labels}
 * set to the scored labels): per label, precision is TP / predicted tokens, recall is TP / gold
 * tokens and F1 is 2 TP / (gold + predicted tokens), each 0 when its denominator is 0. {@code O} is
 * not a label, so it enters no average. Micro sums TP, predicted and gold tokens over the labels
 * first; macro is the unweighted mean of the per-label values (a label absent from both gold and
 * predictions adds zeros); weighted is their mean weighted by support, or the unweighted mean when
 * no label has support.
 */
public record TokenScores(Prf macro, Prf micro, Prf weighted, Map<String, LabelScore> byLabel) {

  public TokenScores {
    Objects.requireNonNull(macro, "macro");
    Objects.requireNonNull(micro, "micro");
    Objects.requireNonNull(weighted, "weighted");
    byLabel = Collections.unmodifiableMap(new LinkedHashMap<>(byLabel));
  }
}
