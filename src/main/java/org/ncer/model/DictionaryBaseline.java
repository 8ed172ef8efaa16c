package org.ncer.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ncer.dataset.Document;
import org.ncer.span.Mention;
import org.ncer.span.Span;

/**
 * The {@code baseline:dictionary} model: finds the mention strings of a dataset's training split in
 * new text, case-insensitively, on whole words, longest match first.
 *
 * <p>It needs no network and no weights, so it is the floor every model should beat and a way to
 * exercise the whole evaluation path offline. Matching scans left to right; at each word start it
 * takes the longest dictionary entry that ends on a word boundary, then resumes after it, so
 * matches never overlap. A string seen under several labels takes its most frequent label (ties:
 * the label that comes first in the dataset's label order). Entries with no letter or digit, and
 * one-character entries, are left out: they are punctuation and initials that would match
 * everywhere.
 */
public final class DictionaryBaseline {
  /** The model name used on the command line and in run folders. */
  public static final String NAME = "baseline:dictionary";

  private final Node root = new Node();
  private final int entries;

  private DictionaryBaseline(Map<String, String> labelByLowerText) {
    for (Map.Entry<String, String> e : labelByLowerText.entrySet()) {
      Node n = root;
      for (int i = 0; i < e.getKey().length(); i++) {
        n = n.children.computeIfAbsent(e.getKey().charAt(i), c -> new Node());
      }
      n.label = e.getValue();
    }
    this.entries = labelByLowerText.size();
  }

  /**
   * Builds the dictionary from the gold mentions of {@code training} whose label is in {@code
   * labels}.
   */
  public static DictionaryBaseline train(List<Document> training, List<String> labels) {
    Map<String, Map<String, Integer>> votes = new HashMap<>();
    for (Document d : training) {
      for (Mention m : d.mentions()) {
        if (!labels.contains(m.label())) {
          continue;
        }
        String key = lower(d.textOf(m).strip());
        if (key.length() < 2 || key.chars().noneMatch(Character::isLetterOrDigit)) {
          continue;
        }
        votes.computeIfAbsent(key, k -> new TreeMap<>()).merge(m.label(), 1, Integer::sum);
      }
    }
    Map<String, String> chosen = new HashMap<>();
    votes.forEach(
        (text, byLabel) -> {
          String best = null;
          int bestVotes = -1;
          for (String label : labels) {
            int v = byLabel.getOrDefault(label, 0);
            if (v > bestVotes) {
              best = label;
              bestVotes = v;
            }
          }
          chosen.put(text, best);
        });
    return new DictionaryBaseline(chosen);
  }

  /** How many distinct strings the dictionary holds. */
  public int size() {
    return entries;
  }

  /** The mentions found in {@code text}, left to right, never overlapping. */
  public List<Mention> find(String text) {
    List<Mention> found = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (!isWordChar(text.charAt(i)) || (i > 0 && isWordChar(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      int bestEnd = -1;
      String bestLabel = null;
      Node node = root;
      for (int j = i; j < n; j++) {
        node = node.children.get(Character.toLowerCase(text.charAt(j)));
        if (node == null) {
          break;
        }
        if (node.label != null && (j + 1 == n || !isWordChar(text.charAt(j + 1)))) {
          bestEnd = j + 1;
          bestLabel = node.label;
        }
      }
      if (bestEnd > 0) {
        found.add(new Mention(new Span(i, bestEnd), bestLabel));
        i = bestEnd;
      } else {
        i++;
      }
    }
    return found;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  // Character-wise lower-casing keeps every offset where it was, unlike String.toLowerCase.
  private static String lower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      b.append(Character.toLowerCase(s.charAt(i)));
    }
    return b.toString();
  }

  private static final class Node {
    final Map<Character, Node> children = new HashMap<>(4);
    String label;
  }
}
