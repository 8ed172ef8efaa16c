package org.ncer.extract;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Answers and items that mean "no entity" rather than naming one. */
final class Placeholders {
  private Placeholders() {}

  // Items models put in a list when they found nothing. The benchmark would search the text for
  // them ("none" matches inside "none of the patients"); ncer treats them as no entity.
  private static final Set<String> ITEMS =
      Set.of(
          "none",
          "null",
          "nil",
          "n/a",
          "not applicable",
          "nothing",
          "no entities",
          "no entity",
          "no entities found",
          "none found",
          "not found",
          "not mentioned",
          "not specified",
          "none mentioned",
          "none identified");

  // A whole answer that says there is nothing: "None", "No entities found.", "There are no drugs
  // mentioned in the text.", "The text does not contain any gene variants."
  private static final Pattern ANSWER =
      Pattern.compile(
          "(?i)[\\s*_`\"'.:-]*(?:"
              + "none|nothing|null|nil|n/?a|not applicable|"
              + "no(?:ne)?(?: \\S+){0,5} (?:found|identified|detected|present|mentioned|"
              + "extracted|recogni[sz]ed)(?: in .{0,200})?|"
              + "no (?:entit(?:y|ies)|mentions?|matches|results)(?: .{0,200})?|"
              + "there (?:are|is|were|was) no .{0,300}|"
              + "(?:the |this )?(?:given )?(?:text|note|document|passage|input|abstract|sentence)"
              + " (?:does not|doesn't|did not|contains no|mentions no) .{0,300}"
              + ")[\\s*_`\"'.!]*");

  /** True when {@code item} is a placeholder such as {@code None} or {@code N/A}. */
  static boolean isItem(String item) {
    String t = item.strip().toLowerCase(Locale.ROOT);
    while (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return ITEMS.contains(t) || t.codePoints().noneMatch(Character::isLetterOrDigit);
  }

  /** True when the whole of {@code text} says that there are no entities. */
  static boolean isAnswer(CharSequence text) {
    return text.length() <= 400 && ANSWER.matcher(text).matches();
  }
}
