package org.ncer.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ncer.extract.Payload.Region;
import org.ncer.extract.ValueParser.Entry;
import org.ncer.extract.ValueParser.Node;
import org.ncer.extract.ValueParser.Obj;
import org.ncer.extract.ValueParser.Scalar;
import org.ncer.extract.ValueParser.Seq;
import org.ncer.extract.ValueParser.Text;

/**
 * Finds a JSON or Python value in a region of an answer, alone or in prose, and turns it into
 * candidates.
 *
 * <p>The shapes models give: labels as keys ({@code {"condition": ["..."], "drug": [...]}}), entity
 * objects ({@code [{"text": "...", "label": "..."}]}, also under a wrapper key such as {@code
 * entities}, with {@code entity}, {@code span} or {@code name} for the text and {@code type} or
 * {@code category} for the label), strings mapped to labels ({@code {"aspirin": "drug"}}), pairs
 * ({@code [["aspirin", "drug"]]}), a plain list of strings, and these nested.
 */
final class ValueReader {
  private ValueReader() {}

  // Keys, compared by LabelResolver.key, that hold an entity's text; the first present wins.
  private static final List<String> TEXT_KEYS =
      List.of(
          "text",
          "span",
          "span text",
          "entity text",
          "mention",
          "name",
          "entity",
          "term",
          "phrase",
          "word",
          "value",
          "string");

  // Keys that hold an entity's label; the first present wins.
  private static final List<String> LABEL_KEYS =
      List.of(
          "label",
          "type",
          "category",
          "entity type",
          "entity label",
          "entity group",
          "class",
          "tag",
          "kind",
          "group");

  // Keys that only wrap the entities: their value is read with the label from outside.
  private static final Set<String> WRAPPER_KEYS =
      Set.of(
          "entities",
          "entity list",
          "named entities",
          "extracted entities",
          "all entities",
          "ner",
          "results",
          "result",
          "output",
          "outputs",
          "answer",
          "response",
          "data",
          "items",
          "spans",
          "mentions",
          "predictions",
          "annotations",
          "extractions",
          "list",
          "values");

  // Enough attempts for any real answer; bounds the work on a hostile one.
  private static final int MAX_ATTEMPTS = 64;

  /** Reads the first value in {@code region}; null when it holds no bracket. */
  static Reading read(String s, Region region, LabelResolver labels) {
    ValueParser best = null;
    Node bestNode = null;
    int bestScore = -1;
    int at = nextOpening(s, region.start(), region.end());
    int first = firstNonSpace(s, region);
    if (first >= 0 && s.charAt(first) == '(') {
      // A Python tuple, but only as the whole answer: parentheses in prose are not values.
      at = first;
    }
    for (int attempt = 0; at >= 0 && attempt < MAX_ATTEMPTS; attempt++) {
      ValueParser parser = new ValueParser(s, at, region.end());
      Node node = parser.container();
      int score = score(node);
      if (score > bestScore) {
        best = parser;
        bestNode = node;
        bestScore = score;
      }
      if (score == 2) {
        break;
      }
      at = nextOpening(s, at + 1, region.end());
    }
    if (best == null) {
      return null;
    }
    List<Node> values = new ArrayList<>();
    values.add(bestNode);
    // Several values in a row, as in JSON Lines: {"condition": [...]}\n{"drug": [...]}.
    while (!best.atEnd() && (best.peek() == '[' || best.peek() == '{')) {
      values.add(best.container());
    }
    Reading r = new Reading(Reading.Kind.VALUE, style(bestNode, best));
    r.object = bestNode instanceof Obj;
    r.notJson.addAll(best.notJson);
    r.repairs.addAll(best.repairs);
    if (!s.substring(region.start(), bestNode.pos()).isBlank()
        || !s.substring(best.position(), region.end()).isBlank()) {
      r.remarks.add("in prose");
      r.weak = bestScore < 2;
    }
    Walker w = new Walker(r, labels);
    for (Node v : values) {
      w.walk(v, null);
    }
    return r;
  }

  private static String style(Node node, ValueParser p) {
    String dialect = p.notJson.isEmpty() ? "json" : "python";
    return dialect + (node instanceof Obj ? " object" : " list");
  }

  /** 2: holds a quoted string; 1: holds another item; 0: empty. */
  private static int score(Node node) {
    if (node instanceof Text t) {
      return t.quoted() ? 2 : 1;
    }
    if (node instanceof Scalar) {
      return 1;
    }
    int best = 0;
    if (node instanceof Seq q) {
      for (Node item : q.items()) {
        best = Math.max(best, score(item));
      }
    } else if (node instanceof Obj o) {
      for (Entry e : o.entries()) {
        best = Math.max(best, Math.max(score(e.key()), e.value() == null ? 0 : score(e.value())));
      }
    }
    return best;
  }

  private static int firstNonSpace(String s, Region region) {
    for (int i = region.start(); i < region.end(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int nextOpening(String s, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /** Turns a value tree into candidates, carrying the label down from keys and fields. */
  private static final class Walker {
    private final Reading r;
    private final LabelResolver labels;

    Walker(Reading r, LabelResolver labels) {
      this.r = r;
      this.labels = labels;
    }

    void walk(Node node, String label) {
      if (node instanceof Text t) {
        text(t, label);
      } else if (node instanceof Scalar sc) {
        if (sc.number()) {
          r.candidates.add(new Candidate(sc.raw(), label, sc.pos()));
        }
      } else if (node instanceof Seq q) {
        for (Node item : q.items()) {
          if (!pair(item)) {
            walk(item, label);
          }
        }
      } else if (node instanceof Obj o) {
        object(o, label);
      }
    }

    private void text(Text t, String label) {
      if (!t.complete()) {
        r.remarks.add("dropped an incomplete string at the end");
      } else if (Placeholders.isItem(t.value())) {
        if (!t.value().isBlank()) {
          r.remarks.add("ignored placeholder '" + t.value().strip() + "'");
        }
      } else {
        r.candidates.add(new Candidate(t.value(), label, t.pos()));
      }
    }

    /** {@code ["aspirin", "drug"]} inside a list: a string and its label. */
    private boolean pair(Node item) {
      if (item instanceof Seq q
          && q.items().size() == 2
          && q.items().get(0) instanceof Text a
          && q.items().get(1) instanceof Text b
          && labels.isLabel(b.value())
          && !labels.isLabel(a.value())) {
        text(a, b.value());
        return true;
      }
      return false;
    }

    private void object(Obj o, String label) {
      Entry textEntry = first(o, TEXT_KEYS);
      Entry labelEntry = first(o, LABEL_KEYS);
      if (labelEntry != null && !(labelEntry.value() instanceof Text)) {
        labelEntry = null;
      }
      if (textEntry != null || labelEntry != null) {
        entity(o, textEntry, labelEntry, label);
        return;
      }
      for (Entry e : o.entries()) {
        Node v = e.value();
        String k = e.key().value();
        if (v == null || !e.key().complete()) {
          continue;
        }
        if (WRAPPER_KEYS.contains(LabelResolver.key(k))) {
          walk(v, label);
        } else if (labels.isLabel(k)) {
          walk(v, k);
        } else if (v instanceof Text t && labels.isLabel(t.value())) {
          // {"aspirin": "drug"}: strings mapped to their labels.
          text(e.key(), t.value());
        } else if (v instanceof Scalar) {
          r.remarks.add("ignored field '" + k + "'");
        } else {
          // An unknown label name: kept as the raw label, and reported when it does not resolve.
          walk(v, k);
        }
      }
    }

    private void entity(Obj o, Entry textEntry, Entry labelEntry, String label) {
      if (!o.closed()) {
        r.remarks.add("dropped an incomplete entity at the end");
        return;
      }
      String own = label;
      if (labelEntry != null) {
        own = ((Text) labelEntry.value()).value();
      } else {
        Entry entity = first(o, List.of("entity"));
        if (entity != null
            && !entity.equals(textEntry)
            && entity.value() instanceof Text t
            && labels.isLabel(t.value())) {
          own = t.value();
        }
      }
      if (textEntry != null && textEntry.value() != null) {
        walk(textEntry.value(), own);
        return;
      }
      // {"label": "drug", "mentions": ["a", "b"]}: a label with a list of strings.
      for (Entry e : o.entries()) {
        if (!e.equals(labelEntry) && e.value() instanceof Seq) {
          walk(e.value(), own);
        }
      }
    }

    private static Entry first(Obj o, List<String> keys) {
      for (String key : keys) {
        for (Entry e : o.entries()) {
          if (e.key().complete() && LabelResolver.key(e.key().value()).equals(key)) {
            return e;
          }
        }
      }
      return null;
    }
  }
}
