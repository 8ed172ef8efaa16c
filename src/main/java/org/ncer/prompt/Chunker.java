package org.ncer.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a note into consecutive pieces of at most a given length, preferring to cut between
 * sentences, then at line breaks, then at spaces, and only then anywhere.
 *
 * <p>The pieces cover the note exactly: concatenated they give it back, so a piece's start is all
 * it takes to move a span back into the note. A cut falls just before the first character after
 * whitespace, so whitespace stays at the end of the piece before it.
 */
final class Chunker {
  private Chunker() {}

  /** A piece of a note and where it starts. */
  record Chunk(int start, String text) {}

  /** Splits {@code text} into pieces of at most {@code budget} characters. */
  static List<Chunk> split(String text, int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("chunk budget " + budget + " is below 1");
    }
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = cut(text, start, start + budget);
      chunks.add(new Chunk(start, text.substring(start, end)));
      start = end;
    }
    if (chunks.isEmpty()) {
      chunks.add(new Chunk(0, ""));
    }
    return chunks;
  }

  /**
   * The best place to end a piece that starts at {@code from} and may not pass {@code limit}: the
   * end of the text when it fits, else the last sentence start, line start or word start in {@code
   * (from, limit]}, else {@code limit} itself (moved back one if that would split a surrogate
   * pair).
   */
  static int cut(CharSequence text, int from, int limit) {
    if (limit >= text.length()) {
      return text.length();
    }
    int line = -1;
    int word = -1;
    for (int i = limit; i > from; i--) {
      if (!isWordStart(text, i)) {
        continue;
      }
      if (endsSentence(text, i)) {
        return i;
      }
      if (line < 0 && followsLineBreak(text, i)) {
        line = i;
      }
      if (word < 0) {
        word = i;
      }
    }
    if (line > 0) {
      return line;
    }
    if (word > 0) {
      return word;
    }
    boolean splitsPair =
        Character.isHighSurrogate(text.charAt(limit - 1))
            && Character.isLowSurrogate(text.charAt(limit));
    return splitsPair && limit - 1 > from ? limit - 1 : limit;
  }

  /** A non-whitespace character right after whitespace. */
  private static boolean isWordStart(CharSequence text, int i) {
    return Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i));
  }

  /** The whitespace before {@code i} follows {@code .}, {@code !} or {@code ?} (maybe closed). */
  private static boolean endsSentence(CharSequence text, int i) {
    int j = i - 1;
    while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
      j--;
    }
    while (j >= 0 && ")]\"'".indexOf(text.charAt(j)) >= 0) {
      j--;
    }
    return j >= 0 && ".!?".indexOf(text.charAt(j)) >= 0;
  }

  private static boolean followsLineBreak(CharSequence text, int i) {
    for (int j = i - 1; j >= 0 && Character.isWhitespace(text.charAt(j)); j--) {
      if (text.charAt(j) == '\n' || text.charAt(j) == '\r') {
        return true;
      }
    }
    return false;
  }
}
