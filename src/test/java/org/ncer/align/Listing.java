package org.ncer.align;

import java.util.ArrayList;
import java.util.List;

/** Groundings written as text for assertions: one line per mention, then the unaligned strings. */
final class Listing {
  private Listing() {}

  /**
   * Lines such as {@code 0-7 drug "Aspirin" case} with code point offsets (as Python counts), then
   * {@code ! "x" condition not-found} for each unaligned string.
   */
  static String of(String text, Grounding g) {
    List<String> lines = new ArrayList<>();
    for (Grounded m : g.mentions()) {
      lines.add(
          text.codePointCount(0, m.mention().start())
              + "-"
              + text.codePointCount(0, m.mention().end())
              + " "
              + m.mention().label()
              + " \""
              + m.mention().span().of(text)
              + "\" "
              + m.match().key());
    }
    for (Unaligned u : g.unaligned()) {
      lines.add("! \"" + u.text() + "\" " + u.label() + " " + u.reason());
    }
    return String.join("\n", lines);
  }

  /** Strings from alternating text and label arguments. */
  static List<LabeledString> strings(String... textAndLabel) {
    List<LabeledString> out = new ArrayList<>();
    for (int i = 0; i < textAndLabel.length; i += 2) {
      out.add(new LabeledString(textAndLabel[i], textAndLabel[i + 1]));
    }
    return out;
  }
}
