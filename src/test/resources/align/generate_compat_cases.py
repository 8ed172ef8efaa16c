#!/usr/bin/env python3
"""Writes compat_cases.json: random texts and strings with the spans the benchmark maps them to.

    python3.11 generate_compat_cases.py > compat_cases.json

The mapping is the benchmark's (clinical_ner/models/utils.py get_all_matches, and the sort and merge of
DecoderSpanExtractor.extract_spans_from_chunk / merge_spans_with_same_labels), restated here:

  1. each string s gives a span for every match of re.finditer(re.escape(s), text, re.IGNORECASE);
     a string with no match is a "hallucination" and gives nothing;
  2. the spans of all strings are sorted by (start, -len(s), label);
  3. a span is dropped when the span kept just before it has the same label and contains it.

Matching is done by the running Python's re module, so the expectations are CPython's own case rules.
Run it with CPython 3.11: its Unicode 14 tables differ from Java 17's Unicode 13 only for characters
added in 14, and none is drawn here.

Each case holds the text, the strings as [string, label] pairs, the expected spans as [start, end,
label] in the order the merge keeps them, and the indices of the strings found nowhere. Offsets count
code points, as Python does, with exclusive ends. The file is written with ASCII escapes so that look-
alike characters (K and the Kelvin sign, s and long s) stay tellable apart.
"""
import json
import platform
import random
import re
import sys

# Characters whose case rules trip up naive case-insensitive matching, as (character, why) pairs.
TRICKY = [
    ("\u017f", "long s: upper case S, grouped with s"),
    ("\u212a", "Kelvin sign: lower case k"),
    ("\u212b", "Angstrom sign: lower case a with ring"),
    ("\u2126", "Ohm sign: lower case omega"),
    ("\u00df", "sharp s: upper case SS, a special mapping"),
    ("\u1e9e", "capital sharp s: lower case sharp s"),
    ("\u0130", "I with dot: lower case i, by the simple mapping"),
    ("\u0131", "dotless i: upper case I, grouped with i"),
    ("\u03c3", "sigma"),
    ("\u03c2", "final sigma, grouped with sigma"),
    ("\u03a3", "capital sigma"),
    ("\u00b5", "micro sign, grouped with mu"),
    ("\u03bc", "mu"),
    ("\u039c", "capital mu"),
    ("\u01c4", "DZ with caron"),
    ("\u01c5", "Dz with caron: title case"),
    ("\u01c6", "dz with caron"),
    ("\u1f88", "alpha with psili and prosgegrammeni: title case"),
    ("\u1f80", "alpha with psili and ypogegrammeni"),
    ("\u0345", "combining ypogegrammeni, grouped with iota"),
    ("\u03b9", "iota"),
    ("\u1fbe", "prosgegrammeni, grouped with iota"),
    ("\u03b8", "theta"),
    ("\u03d1", "theta symbol, grouped with theta"),
    ("\u03f4", "capital theta symbol: lower case theta"),
    ("\u0432", "Cyrillic ve"),
    ("\u1c80", "rounded ve, grouped with ve"),
    ("\u1e61", "s with dot above"),
    ("\u1e9b", "long s with dot above, grouped with it"),
    ("\ufb05", "ligature long s t"),
    ("\ufb06", "ligature st, grouped with it"),
    ("\ufb00", "ligature ff: upper case FF, a special mapping"),
    ("\u0149", "n preceded by apostrophe: special upper case"),
    ("\u00c5", "A with ring"),
    ("\u00e5", "a with ring"),
    ("\u0301", "combining acute: uncased"),
    ("\U0001d538", "double-struck A: astral, uncased"),
    ("\U0001f600", "emoji: astral"),
    ("\U00010400", "Deseret capital long I: astral, cased"),
    ("\U00010428", "Deseret small long i"),
    ("\u00a0", "no-break space"),
]
PLAIN = list("aAbBiIkKsSnN ") + ["\n", "\t"]
REGEX_SIGNS = list(".*+?()[]{}|^$\\-")
ALPHABET = [c for c, _ in TRICKY] + PLAIN + REGEX_SIGNS
WORDS = ["aspirin", "ASPIRIN", "K\u212aSS", "stra\u00dfe", "STRASSE", "\u0130stanbul", "\u03c3\u03bf\u03c6\u03cc\u03c2",
         "\u03a3\u039f\u03a6\u039f\u03a3", "caf\u00e9", "cafe\u0301", "\U0001d538\U0001d538", "\u00b5g", "\u03bcg",
         "fe\u017fter", "a.b", "(x)", "[1]", "c++", "\U00010400\U00010428"]
# Labels whose order differs by UTF-16 unit and by code point (U+FF21 against an astral one), and
# labels that differ only in case.
LABELS = ["drug", "condition", "gene", "Drug", "\uff21", "\U0001f600x", "g\u00e8ne"]


def spans_of(needle, text):
    """The (start, end) of every match of the escaped needle, ignoring case, left to right."""
    return [m.span() for m in re.finditer(re.escape(needle), text, flags=re.IGNORECASE)]


def benchmark_spans(text, strings):
    """The spans the benchmark keeps, as [start, end, label], and the strings it found nowhere."""
    found = []
    nowhere = []
    for index, (needle, label) in enumerate(strings):
        matches = spans_of(needle, text)
        if not matches:
            nowhere.append(index)
        for start, end in matches:
            found.append((start, end, needle, label))
    found.sort(key=lambda f: (f[0], -len(f[2]), f[3]))
    kept = []
    for start, end, needle, label in found:
        if kept:
            last_start, last_end, _, last_label = kept[-1]
            if last_label == label and last_start <= start and end <= last_end:
                continue
        kept.append((start, end, needle, label))
    return [[start, end, label] for start, end, _, label in kept], nowhere


def random_text(rng):
    style = rng.random()
    if style < 0.05:
        return ""
    if style < 0.6:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 30)))
    parts = []
    for _ in range(rng.randint(1, 8)):
        parts.append(rng.choice(WORDS) if rng.random() < 0.7 else rng.choice(ALPHABET))
        parts.append(rng.choice([" ", " ", ", ", "\n", "", "-"]))
    return "".join(parts)


def change_case(rng, s):
    """s with some characters put in another case; str.upper() and lower() may change the length."""
    out = []
    for c in s:
        roll = rng.random()
        out.append(c.upper() if roll < 0.3 else c.lower() if roll < 0.6 else c)
    return "".join(out)


def random_string(rng, text, earlier):
    roll = rng.random()
    if roll < 0.45 and text:
        start = rng.randint(0, len(text) - 1)
        piece = text[start:start + rng.randint(1, 6)]
        return change_case(rng, piece) if rng.random() < 0.6 else piece
    if roll < 0.52:
        return ""
    if roll < 0.62 and earlier:
        # A string around an earlier one, so that spans nest.
        return rng.choice(PLAIN + ALPHABET) + rng.choice(earlier) + rng.choice(["", rng.choice(ALPHABET)])
    if roll < 0.7:
        return rng.choice(WORDS)
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 3)))


def random_case(rng):
    text = random_text(rng)
    labels = rng.sample(LABELS, rng.randint(1, 3))
    strings = []
    for _ in range(rng.randint(1, 6)):
        if strings and rng.random() < 0.1:
            # The same string again, under the same or another label.
            strings.append([rng.choice(strings)[0], rng.choice(labels)])
            continue
        strings.append([random_string(rng, text, [s for s, _ in strings]), rng.choice(labels)])
    spans, nowhere = benchmark_spans(text, strings)
    return {"text": text, "strings": strings, "expected": spans, "found_nowhere": nowhere}


def main():
    rng = random.Random(20250112)
    cases = [random_case(rng) for _ in range(1000)]
    head = {"generator": "generate_compat_cases.py", "python": platform.python_version()}
    lines = [json.dumps(c, ensure_ascii=True) for c in cases]
    sys.stdout.write(json.dumps(head)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")


if __name__ == "__main__":
    main()
