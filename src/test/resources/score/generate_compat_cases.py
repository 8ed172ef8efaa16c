#!/usr/bin/env python3
"""Writes compat_cases.json: random scoring cases with the numbers the benchmark's tools give.

    pip install nervaluate==0.1.8 scikit-learn numpy
    python3 generate_compat_cases.py > compat_cases.json

Span numbers come from nervaluate 0.1.8's Evaluator. Token numbers come from scikit-learn's
classification_report over tokens labelled as the benchmark labels them (clinical_ner/models/utils.py:
regex tokens, character labels overwritten in list order, majority label per token, 'O' outside
mentions), restated here. One deliberate difference: the benchmark breaks a majority tie with
max(set(labels)), whose order follows Python's string hash seed; here, as in ncer, a tie goes to the
first of the scored labels in their order, then any other label, then 'O' (one of the orders the
benchmark gives under some seed). nervaluate drops mentions whose label is not scored; the token labels
are painted from every mention, and classification_report then counts only the scored labels.

The compat_cases.json beside this file was written when ties went to the tied label that occurs first
in the token; CompatCasesTest checks its token numbers only in the cases where both rules agree.

Offsets in the output are code point offsets with exclusive ends, as in the benchmark's files.
"""
import json
import random
import re
import sys

from nervaluate import Evaluator
from sklearn.metrics import classification_report, precision_recall_fscore_support

TOKEN = re.compile(r"\w+(?:[-_]\w+)*|\S")
SCORED = ["condition", "drug", "gene", "gene variant", "procedure", "measurement"]
OTHER = ["device", "Temporal"]
PIECES = [
    "pain", "chest", "non-small", "cell", "lung", "cancer", "type_2", "diabetes", "IL-6", "CD4+",
    "5-FU", "mg", "10", "x", "of", "the", "caf\u00e9", "na\u00efve", "e\u0301te\u0301", "\u00c4rzte",
    "\u00b2", "\u00bd", "\u65e5\u672c\u8a9e", "\U0001F642", "\U0001D400\U0001D401", "\u2014", ",", ".",
    "(", ")", "/", "a-", "-b", "__", "\u03b1-synuclein", "\u03a9", "so\u00adft", "x\u200dy", "_1_",
    "\u0661\u0662", "\u2167",
]
SEPARATORS = [" ", " ", " ", " ", "\n", "\t", "\u00a0", "\u2003", "", "  ", "\x1c", "\u3000"]


def make_text(rng, words):
    parts = []
    for _ in range(words):
        parts.append(rng.choice(PIECES))
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts).strip(" ") or "pain"


def random_span(rng, text, tokens, labels):
    n = len(text)
    label = rng.choice(labels) if rng.random() < 0.9 else rng.choice(OTHER)
    roll = rng.random()
    if roll < 0.55 and tokens:
        first = rng.randrange(len(tokens))
        last = min(len(tokens) - 1, first + rng.choice([0, 0, 0, 1, 1, 2, 3]))
        return [tokens[first][0], tokens[last][1], label]
    if roll < 0.62:
        at = rng.randint(0, n)
        return [at, at, label]
    start = rng.randint(0, max(0, n - 1))
    end = min(n, start + rng.randint(1, 12))
    return [start, end, label]


def mutate(rng, span, text, labels, tokens):
    start, end, label = span
    n = len(text)
    roll = rng.random()
    if roll < 0.30:
        return [start, end, label]
    if roll < 0.50:
        s = min(max(0, start + rng.randint(-3, 3)), n)
        e = min(max(s, end + rng.randint(-3, 3)), n)
        return [s, e, label]
    if roll < 0.65:
        return [start, end, rng.choice(labels + OTHER)]
    if roll < 0.75:
        if rng.random() < 0.5 and start > 0:
            return [max(0, start - rng.randint(1, 4)), start, label]
        return [end, min(n, end + rng.randint(0, 4)), label]
    if roll < 0.85:
        s = min(max(0, start + rng.randint(-2, 2)), n)
        e = min(max(s, end + rng.randint(-2, 2)), n)
        return [s, e, rng.choice(labels)]
    return random_span(rng, text, tokens, labels)


def make_document(rng, labels, size):
    text = make_text(rng, size)
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    gold_count = 0 if rng.random() < 0.1 else rng.randint(1, max(1, size // 2))
    gold = [random_span(rng, text, tokens, labels) for _ in range(gold_count)]
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        if gold:
            gold.insert(rng.randrange(len(gold) + 1), list(rng.choice(gold)))
    predicted = []
    if rng.random() >= 0.1:
        for span in gold:
            if rng.random() < 0.85:
                predicted.append(mutate(rng, span, text, labels, tokens))
        for _ in range(rng.randint(0, 3)):
            predicted.append(random_span(rng, text, tokens, labels))
        for _ in range(rng.choice([0, 0, 1, 2])):
            if predicted:
                predicted.insert(rng.randrange(len(predicted) + 1), list(rng.choice(predicted)))
        if rng.random() < 0.3:
            rng.shuffle(predicted)
    return {"text": text, "gold": gold, "predicted": predicted}


def as_dicts(spans):
    return [{"start": s, "end": e, "label": l} for s, e, l in spans]


def tie_rank(label, labels):
    if label == "O":
        return len(labels) + 1
    return labels.index(label) if label in labels else len(labels)


def token_labels(text, spans, labels):
    char_label = {}
    for start, end, label in spans:
        for i in range(start, end):
            char_label[i] = label
    out = []
    for m in TOKEN.finditer(text):
        chars = [char_label.get(i, "O") for i in range(m.start(), m.end())]
        if not chars:
            out.append("O")
            continue
        out.append(min(set(chars), key=lambda l: (-chars.count(l), tie_rank(l, labels))))
    return out


def schema_numbers(result):
    keys = ["correct", "incorrect", "partial", "missed", "spurious", "possible", "actual",
            "precision", "recall", "f1"]
    return {k: result[k] for k in keys}


def expected(documents, labels):
    true = [as_dicts(d["gold"]) for d in documents]
    pred = [as_dicts(d["predicted"]) for d in documents]
    overall, per_tag = Evaluator(true, pred, tags=labels).evaluate()
    schemas = ["strict", "exact", "partial", "ent_type"]
    span = {s: schema_numbers(overall[s]) for s in schemas}
    span["by_label"] = {l: {s: schema_numbers(per_tag[l][s]) for s in schemas} for l in labels}

    gt, pr = [], []
    for d in documents:
        gt += token_labels(d["text"], d["gold"], labels)
        pr += token_labels(d["text"], d["predicted"], labels)
    report = classification_report(gt, pr, labels=labels, output_dict=True)
    micro = precision_recall_fscore_support(gt, pr, labels=labels, average="micro")
    token = {
        "macro": prf(report["macro avg"]),
        "micro": {"precision": float(micro[0]), "recall": float(micro[1]), "f1": float(micro[2])},
        "weighted": prf(report["weighted avg"]),
        "by_label": {l: dict(prf(report[l]), support=int(report[l]["support"])) for l in labels},
    }
    return {"span": span, "token": token}


def prf(row):
    return {"precision": row["precision"], "recall": row["recall"], "f1": row["f1-score"]}


def main():
    rng = random.Random(20241007)
    cases = []
    for number in range(400):
        labels = rng.sample(SCORED, rng.randint(1, 4))
        size = rng.choice([3, 6, 10, 20, 40]) if number % 50 else 120
        documents = [make_document(rng, labels, size) for _ in range(rng.randint(1, 4))]
        cases.append({"name": "case %d" % number, "labels": labels, "documents": documents,
                      "expected": expected(documents, labels)})
    json.dump({"generator": "generate_compat_cases.py", "cases": cases}, sys.stdout,
              ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
