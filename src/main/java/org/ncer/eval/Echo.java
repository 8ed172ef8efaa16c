package org.ncer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.span.Mention;

/**
 * An echo of a note as a model writes it: pieces of plain text and marked pieces, each marked piece
 * standing for one gold mention (or none, for a region the model made up), with the rewrites models
 * make to such echoes.
 */
final class Echo {
  /** A stretch of the echo: plain text when {@code label} is null, else a marked region. */
  record Piece(String text, String label, Mention gold) {
    boolean marked() {
      return label != null;
    }

    Piece withText(String other) {
      return new Piece(other, label, gold);
    }
  }

  /** The tags around one marked piece. */
  @FunctionalInterface
  interface Marker {
    /** The opening and closing tag for a region of {@code label}. */
    String[] tags(String label, Random random);
  }

  /**
   * An echo rendered with its tags.
   *
   * @param text the answer text
   * @param closeEnds for each marked piece in order, where its closing tag ends in {@code text}
   * @param gold for each marked piece in order, the gold mention it stands for, or null
   */
  record Rendered(String text, List<Integer> closeEnds, List<Mention> gold) {}

  private static final String SYMBOLS = "-/()%<>=+:;,[]";
  private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(?=[A-Z])");
  private static final String[] FILLERS = {
    "also", "then", "clearly", "further", "the", "in", "these", "cases", "it", "was", "noted",
    "that", "we", "found", "which", "were", "seen", "overall"
  };

  final List<Piece> pieces;

  private Echo(List<Piece> pieces) {
    this.pieces = pieces;
  }

  /** The note with each of {@code mentions} (sorted, not overlapping) marked. */
  static Echo of(String note, List<Mention> mentions) {
    List<Piece> pieces = new ArrayList<>();
    int pos = 0;
    for (Mention m : mentions) {
      if (m.start() > pos) {
        pieces.add(new Piece(note.substring(pos, m.start()), null, null));
      }
      pieces.add(new Piece(note.substring(m.start(), m.end()), m.label(), m));
      pos = m.end();
    }
    if (pos < note.length()) {
      pieces.add(new Piece(note.substring(pos), null, null));
    }
    return new Echo(pieces);
  }

  /** This echo with only the regions of {@code label} marked. */
  Echo only(String label) {
    List<Piece> out = new ArrayList<>();
    for (Piece p : pieces) {
      out.add(p.marked() && !p.label().equals(label) ? new Piece(p.text(), null, null) : p);
    }
    return new Echo(out);
  }

  /** True when some region is marked. */
  boolean anyMarked() {
    return pieces.stream().anyMatch(Piece::marked);
  }

  Rendered render(Marker marker, Random random) {
    StringBuilder b = new StringBuilder();
    List<Integer> ends = new ArrayList<>();
    List<Mention> gold = new ArrayList<>();
    for (Piece p : pieces) {
      if (!p.marked()) {
        b.append(p.text());
        continue;
      }
      String[] tags = marker.tags(p.label(), random);
      b.append(tags[0]).append(p.text()).append(tags[1]);
      ends.add(b.length());
      gold.add(p.gold());
    }
    return new Rendered(b.toString(), ends, gold);
  }

  // ---- rewrites; each returns a new echo

  /** Spaces inserted around symbols that have none, or removed around those that have them. */
  Echo respaced(Random random) {
    List<Piece> out = new ArrayList<>();
    for (Piece p : pieces) {
      String t = respace(p.text(), random);
      out.add(p.withText(p.marked() ? t.strip() : t));
    }
    return new Echo(out);
  }

  private static String respace(String s, Random random) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (SYMBOLS.indexOf(c) < 0 || random.nextInt(3) != 0) {
        b.append(c);
        continue;
      }
      boolean spaced =
          (i > 0 && s.charAt(i - 1) == ' ') || (i + 1 < s.length() && s.charAt(i + 1) == ' ');
      if (spaced) {
        while (b.length() > 0 && b.charAt(b.length() - 1) == ' ') {
          b.setLength(b.length() - 1);
        }
        b.append(c);
        while (i + 1 < s.length() && s.charAt(i + 1) == ' ') {
          i++;
        }
      } else {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(c);
        if (i + 1 < s.length()) {
          b.append(' ');
        }
      }
    }
    return b.toString();
  }

  /** Hyphens, apostrophes and quotes written as other dashes and quotes, and back. */
  Echo redashed(Random random) {
    List<Piece> out = new ArrayList<>();
    boolean[] openQuote = {true};
    for (Piece p : pieces) {
      StringBuilder b = new StringBuilder();
      for (char c : p.text().toCharArray()) {
        if (random.nextInt(10) >= 7) {
          b.append(c);
          continue;
        }
        switch (c) {
          case '-' -> b.append(random.nextBoolean() ? '\u2013' : '\u2010');
          case '\u2013', '\u2014' -> b.append('-');
          case '\'' -> b.append('\u2019');
          case '\u2019' -> b.append('\'');
          case '"' -> {
            b.append(openQuote[0] ? '\u201C' : '\u201D');
            openQuote[0] = !openQuote[0];
          }
          default -> b.append(c);
        }
      }
      out.add(p.withText(b.toString()));
    }
    return new Echo(out);
  }

  /** Every piece in lower case. */
  Echo lowerCased() {
    List<Piece> out = new ArrayList<>();
    for (Piece p : pieces) {
      out.add(p.withText(p.text().toLowerCase(Locale.ROOT)));
    }
    return new Echo(out);
  }

  /** {@code n} words left out of the plain text, never the first or last word of a piece. */
  Echo withoutWords(int n, Random random) {
    Echo e = this;
    for (int k = 0; k < n; k++) {
      e = e.editPlain(random, 4, (words, r) -> words.remove(1 + r.nextInt(words.size() - 2)));
    }
    return e;
  }

  /** {@code n} words inserted into the plain text, never at the edge of a piece. */
  Echo withInsertedWords(int n, Random random) {
    Echo e = this;
    for (int k = 0; k < n; k++) {
      e =
          e.editPlain(
              random, 3, (words, r) -> words.add(1 + r.nextInt(words.size() - 1), filler(r)));
    }
    return e;
  }

  /** A stretch of three to six words inside one plain piece replaced by other words. */
  Echo paraphrased(Random random) {
    return editPlain(
        random,
        8,
        (words, r) -> {
          int length = 3 + r.nextInt(4);
          int from = 1 + r.nextInt(Math.max(1, words.size() - length - 1));
          int to = Math.min(words.size() - 1, from + length);
          int count = Math.max(1, to - from + r.nextInt(3) - 1);
          words.subList(from, to).clear();
          for (int i = 0; i < count; i++) {
            words.add(from, filler(r));
          }
        });
  }

  /**
   * One sentence after the first moved to the front, as a model that reorders the note would; the
   * note is left as it is when it has fewer than three sentences. Sentences end after a full stop
   * and white space in the plain text.
   */
  Echo withMovedSentence(Random random) {
    List<List<Piece>> sentences = new ArrayList<>();
    List<Piece> current = new ArrayList<>();
    for (Piece p : pieces) {
      if (p.marked()) {
        current.add(p);
        continue;
      }
      Matcher m = SENTENCE_END.matcher(p.text());
      int from = 0;
      while (m.find()) {
        current.add(new Piece(p.text().substring(from, m.end()), null, null));
        sentences.add(current);
        current = new ArrayList<>();
        from = m.end();
      }
      if (from < p.text().length()) {
        current.add(new Piece(p.text().substring(from), null, null));
      }
    }
    if (!current.isEmpty()) {
      sentences.add(current);
    }
    if (sentences.size() < 3) {
      return this;
    }
    List<Piece> moved = new ArrayList<>(sentences.remove(1 + random.nextInt(sentences.size() - 1)));
    Piece last = moved.get(moved.size() - 1);
    if (last.marked() || !last.text().endsWith(" ")) {
      moved.add(new Piece(" ", null, null));
    }
    List<Piece> out = new ArrayList<>(moved);
    sentences.forEach(out::addAll);
    return new Echo(out);
  }

  /** {@code fakes} regions inserted at word boundaries of the plain text, standing for nothing. */
  Echo withInventedRegions(List<String[]> fakes, Random random) {
    List<Piece> out = new ArrayList<>(pieces);
    for (String[] fake : fakes) {
      List<Integer> plain = new ArrayList<>();
      for (int i = 0; i < out.size(); i++) {
        if (!out.get(i).marked() && out.get(i).text().indexOf(' ', 1) > 0) {
          plain.add(i);
        }
      }
      if (plain.isEmpty()) {
        break;
      }
      int at = plain.get(random.nextInt(plain.size()));
      String t = out.get(at).text();
      List<Integer> spaces = new ArrayList<>();
      for (int i = 1; i < t.length() - 1; i++) {
        if (t.charAt(i) == ' ') {
          spaces.add(i);
        }
      }
      if (spaces.isEmpty()) {
        continue;
      }
      int space = spaces.get(random.nextInt(spaces.size()));
      out.remove(at);
      out.add(at, new Piece(" " + t.substring(space + 1), null, null));
      out.add(at, new Piece(fake[0], fake[1], null));
      out.add(at, new Piece(t.substring(0, space + 1), null, null));
    }
    return new Echo(out);
  }

  /**
   * Up to {@code n} marked regions with their words changed: a plural made singular or the other
   * way, or two letters of a long word swapped.
   */
  Echo withChangedRegions(int n, Random random) {
    List<Piece> out = new ArrayList<>(pieces);
    List<Integer> marked = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).marked()) {
        marked.add(i);
      }
    }
    for (int k = 0; k < n && !marked.isEmpty(); k++) {
      int at = marked.remove(random.nextInt(marked.size()));
      String changed = change(out.get(at).text(), random);
      if (changed != null) {
        out.set(at, out.get(at).withText(changed));
      }
    }
    return new Echo(out);
  }

  private static String change(String text, Random random) {
    String[] words = text.split(" ", -1);
    int last = words.length - 1;
    String w = words[last];
    boolean letters = w.length() >= 4 && w.chars().allMatch(Character::isLetter);
    if (letters && random.nextBoolean()) {
      words[last] = w.endsWith("s") ? w.substring(0, w.length() - 1) : w + "s";
      return String.join(" ", words);
    }
    int longest = -1;
    for (int i = 0; i < words.length; i++) {
      if (words[i].length() >= 5 && (longest < 0 || words[i].length() > words[longest].length())) {
        longest = i;
      }
    }
    if (longest < 0) {
      return letters ? text + "s" : null;
    }
    char[] c = words[longest].toCharArray();
    for (int tries = 0; tries < 8; tries++) {
      int i = 1 + random.nextInt(c.length - 3);
      if (c[i] != c[i + 1] && Character.isLetter(c[i]) && Character.isLetter(c[i + 1])) {
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        words[longest] = new String(c);
        return String.join(" ", words);
      }
    }
    return null;
  }

  /** An edit of the word list of one plain piece. */
  @FunctionalInterface
  private interface WordEdit {
    void apply(List<String> words, Random random);
  }

  /**
   * Applies {@code edit} to the words (split at single spaces) of a random plain piece with at
   * least {@code minWords} words; the piece's first and last word are kept, so that the text next
   * to a marked region is unchanged.
   */
  private Echo editPlain(Random random, int minWords, WordEdit edit) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      if (!p.marked() && p.text().split(" ", -1).length >= minWords) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return this;
    }
    int at = candidates.get(random.nextInt(candidates.size()));
    List<String> words = new ArrayList<>(List.of(pieces.get(at).text().split(" ", -1)));
    edit.apply(words, random);
    List<Piece> out = new ArrayList<>(pieces);
    out.set(at, new Piece(String.join(" ", words), null, null));
    return new Echo(out);
  }

  private static String filler(Random random) {
    return FILLERS[random.nextInt(FILLERS.length)];
  }
}
