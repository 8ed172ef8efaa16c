package org.ncer.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ncer.dataset.Checksums;
import org.ncer.dataset.Document;
import org.ncer.span.Mention;

/**
 * Draws few-shot examples from training documents, the same ones on every machine and run.
 *
 * <p>The rule:
 *
 * <ol>
 *   <li>Each document longer than {@code max_chars} is cut at the last sentence end (else line
 *       break, else space) within that length; only mentions wholly inside the kept text, and only
 *       of the dataset's labels, remain. Documents left with no mention are skipped.
 *   <li>The documents are ordered by the SHA-256 of {@code seed + "\n" + id}, then by id: a fixed
 *       shuffle that does not depend on file order.
 *   <li>Walking that order, a document is taken when it has a label no taken document has yet,
 *       until every label is covered or {@code count} are taken.
 *   <li>Remaining places are filled by the next documents in the same order.
 * </ol>
 *
 * Examples keep the order they were taken in.
 */
final class FewShot {
  private FewShot() {}

  private record Candidate(String key, String id, Example example, Set<String> labels) {}

  static List<Example> draw(ExampleRule rule, List<Document> pool, List<String> labels) {
    List<Candidate> candidates = new ArrayList<>();
    for (Document d : pool) {
      Example e = trim(d, labels, rule.maxChars());
      Set<String> present = new HashSet<>();
      e.entities()
          .forEach(
              (label, strings) -> {
                if (!strings.isEmpty()) {
                  present.add(label);
                }
              });
      if (!present.isEmpty()) {
        candidates.add(
            new Candidate(Checksums.sha256Hex(rule.seed() + "\n" + d.id()), d.id(), e, present));
      }
    }
    candidates.sort(Comparator.comparing(Candidate::key).thenComparing(Candidate::id));

    Set<Candidate> taken = new LinkedHashSet<>();
    Set<String> covered = new HashSet<>();
    for (Candidate c : candidates) {
      if (taken.size() == rule.count() || covered.size() == labels.size()) {
        break;
      }
      if (!covered.containsAll(c.labels())) {
        taken.add(c);
        covered.addAll(c.labels());
      }
    }
    for (Candidate c : candidates) {
      if (taken.size() == rule.count()) {
        break;
      }
      taken.add(c);
    }
    return taken.stream().map(Candidate::example).toList();
  }

  /**
   * The document as an example no longer than {@code maxChars}, with the distinct mention strings
   * of each label in the order they first occur.
   */
  static Example trim(Document d, List<String> labels, int maxChars) {
    String text = d.text();
    if (text.length() > maxChars) {
      text = text.substring(0, Chunker.cut(text, 0, maxChars)).stripTrailing();
    }
    Map<String, Set<String>> strings = new LinkedHashMap<>();
    labels.forEach(l -> strings.put(l, new LinkedHashSet<>()));
    List<Mention> mentions = new ArrayList<>(d.mentions());
    mentions.sort(Mention.BY_POSITION);
    for (Mention m : mentions) {
      if (m.end() <= text.length() && strings.containsKey(m.label()) && !m.span().isEmpty()) {
        strings.get(m.label()).add(d.textOf(m));
      }
    }
    Map<String, List<String>> entities = new LinkedHashMap<>();
    strings.forEach((l, s) -> entities.put(l, List.copyOf(s)));
    return new Example(text, entities);
  }
}
