package org.ncer.align;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Case-insensitive character matching as Python's {@code re} module does it with {@code
 * re.IGNORECASE} on str patterns.
 *
 * <p>CPython compiles each cased pattern character to its lower case and matches a text character
 * whose lower case is the same, or, for the few lower-case letters that share an upper case with
 * another ({@code s} and long {@code ſ}, the Greek symbol variants), one of that group; an uncased
 * pattern character matches only itself. This differs from Java's {@code Pattern.CASE_INSENSITIVE |
 * UNICODE_CASE}, which compares both upper and lower cases. Sources: CPython 3.11 {@code
 * Lib/re/_compiler.py} ({@code _compile}, {@code LITERAL_UNI_IGNORE}) and the table in {@code
 * Lib/re/_casefix.py}. Java 17 knows Unicode 13, Python 3.11 Unicode 14: the characters added in 14
 * differ, none of them in clinical text.
 */
final class PythonCase {
  private PythonCase() {}

  // re/_casefix.py (_EXTRA_CASES): lower-case characters that share an upper case, as groups.
  private static final int[][] EXTRA_GROUPS = {
    {0x0069, 0x0131},
    {0x0073, 0x017F},
    {0x00B5, 0x03BC},
    {0x0345, 0x03B9, 0x1FBE},
    {0x0390, 0x1FD3},
    {0x03B0, 0x1FE3},
    {0x03B2, 0x03D0},
    {0x03B5, 0x03F5},
    {0x03B8, 0x03D1},
    {0x03BA, 0x03F0},
    {0x03C0, 0x03D6},
    {0x03C1, 0x03F1},
    {0x03C2, 0x03C3},
    {0x03C6, 0x03D5},
    {0x0432, 0x1C80},
    {0x0434, 0x1C81},
    {0x043E, 0x1C82},
    {0x0441, 0x1C83},
    {0x0442, 0x1C84, 0x1C85},
    {0x044A, 0x1C86},
    {0x0463, 0x1C87},
    {0x1C88, 0xA64B},
    {0x1E61, 0x1E9B},
    {0xFB05, 0xFB06}
  };

  private static final Map<Integer, int[]> GROUP_OF = new HashMap<>();

  static {
    for (int[] group : EXTRA_GROUPS) {
      for (int cp : group) {
        GROUP_OF.put(cp, group);
      }
    }
  }

  /** One compiled pattern character. */
  record Matcher(int exact, int lower, int[] group) {
    /**
     * True when the text character whose code point is {@code cp} and whose lower case is {@code
     * lowerCp} matches.
     */
    boolean matches(int cp, int lowerCp) {
      if (exact >= 0) {
        return cp == exact;
      }
      if (group == null) {
        return lowerCp == lower;
      }
      for (int g : group) {
        if (g == lowerCp) {
          return true;
        }
      }
      return false;
    }
  }

  /** Compiles one pattern character. */
  static Matcher compile(int cp) {
    if (!isCased(cp)) {
      return new Matcher(cp, -1, null);
    }
    int lower = lower(cp);
    return new Matcher(-1, lower, GROUP_OF.get(lower));
  }

  /** The lower case CPython's {@code _sre.unicode_tolower} gives: the simple mapping. */
  static int lower(int cp) {
    return Character.toLowerCase(cp);
  }

  /**
   * CPython's {@code _sre.unicode_iscased}: the character changes under lower or upper case, where
   * the upper case of a character with a special mapping ({@code ß} to {@code SS}) is the first
   * character of that mapping.
   */
  static boolean isCased(int cp) {
    if (Character.toLowerCase(cp) != cp || Character.toUpperCase(cp) != cp) {
      return true;
    }
    if (cp < 0x80) {
      return false;
    }
    String upper = new String(Character.toChars(cp)).toUpperCase(Locale.ROOT);
    return upper.codePointAt(0) != cp;
  }
}
