package org.ncer.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A style of model answer in the evaluation set: how the entities are marked or listed, what is
 * wrapped around them, and what the model rewrote.
 */
public enum AnswerStyle {
  SPAN_CLASS(
      Group.ECHO, "span-class", "<span class=\"disorder\">x</span>, one answer for all labels"),
  SINGLE_QUOTES(
      Group.ECHO, "single-quotes", "<span class='disorder' >x</span >, the benchmark's own form"),
  DATA_LABEL(Group.ECHO, "data-label", "<span data-label=\"condition\">x</span>"),
  UPPER_CASE(Group.ECHO, "upper-case", "<SPAN CLASS=\"DISORDER\">x</SPAN>"),
  SPAN_STYLE(
      Group.ECHO,
      "span-style",
      "<span style=\"background-color: ...\">x</span>, one answer per label"),
  SPAN_STYLE_ALL(
      Group.ECHO,
      "span-style-all-labels",
      "<span style=\"background-color: ...\">x</span>, one answer for all labels (no label to read)"),
  UNKNOWN_CLASS(
      Group.ECHO, "unknown-class", "<span class=\"highlight\">x</span>, one answer per label"),
  MARK(Group.ECHO, "mark", "<mark>x</mark>, one answer per label"),
  BOLD_TAGS(Group.ECHO, "b-strong", "<b>x</b> or <strong>x</strong>, one answer per label"),
  EMPHASIS(Group.ECHO, "em-i", "<em>x</em> or <i>x</i>, one answer per label"),
  UNCLOSED_STRAY(
      Group.ECHO,
      "unclosed-stray",
      "span-class with stray closing tags and the last tag left open"),
  BRACKETS(Group.ECHO, "brackets", "[[x]] with markup brackets, one answer per label"),
  BOLD_MARKDOWN(Group.ECHO, "bold-markdown", "**x** with markup bold, one answer per label"),

  CODE_FENCE(Group.WRAPPER, "code-fence", "span-class echo in a ```html code fence"),
  PREAMBLE(Group.WRAPPER, "preamble", "span-class echo after a sentence that introduces it"),
  INPUT_OUTPUT(Group.WRAPPER, "input-output", "INPUT: the note, OUTPUT: the span-class echo"),
  EXAMPLE(Group.WRAPPER, "example", "span-class echo inside <example>...</example>"),

  SPACING(Group.REWRITE, "spacing", "spaces inserted or removed around symbols (HbA1c > 7 %)"),
  DASHES_QUOTES(
      Group.REWRITE, "dashes-quotes", "hyphens and quotes written as other dashes and quotes"),
  DROPPED_WORD(Group.REWRITE, "dropped-word", "a word outside the entities left out"),
  INSERTED_WORD(Group.REWRITE, "inserted-word", "a word inserted outside the entities"),
  PARAPHRASE(Group.REWRITE, "paraphrase", "a stretch of words away from the entities reworded"),
  LOWER_CASE(Group.REWRITE, "lower-case", "the whole echo in lower case"),
  MOVED_SENTENCE(
      Group.REWRITE,
      "moved-sentence",
      "a later sentence of the note moved to the front of the echo"),
  TRUNCATED(Group.REWRITE, "truncated", "the echo cut off part way, perhaps inside a tag"),
  HALLUCINATED(
      Group.REWRITE,
      "hallucinated",
      "a tagged region whose string is nowhere in the note (another note's mention)"),
  CHANGED_REGION(
      Group.REWRITE,
      "changed-region",
      "a tagged region whose words the model changed (a plural, swapped letters)"),

  JSON_OBJECT(Group.LIST, "json-object", "{\"condition\": [...], \"drug\": [...]}"),
  PYTHON_LIST(Group.LIST, "python-list", "['a', 'b'], one answer per label"),
  ENTITY_OBJECTS(
      Group.LIST, "entity-objects", "[{\"text\": \"a\", \"label\": \"condition\"}, ...]"),
  LINES(Group.LIST, "lines", "one string a line, bulleted or numbered, one answer per label"),
  COMMAS(Group.LIST, "commas", "a, b, c on one line, one answer per label"),
  LOWER_STRINGS(Group.LIST, "lower-strings", "json-object with every string in lower case"),
  FIRST_LETTER(
      Group.LIST,
      "first-letter-case",
      "json-object with the case of each string's first letter turned (Asthma / asthma)"),
  REPEATED(Group.LIST, "repeated", "json-object naming a string once for each of its mentions"),

  TAGLESS_ECHO(Group.NONE, "tagless-echo", "the note echoed without any tag (html prompt)"),
  TAGLESS_ECHO_AUTO(Group.NONE, "tagless-echo-auto", "the note echoed without any tag (auto)"),
  NO_GOLD_ECHO(Group.NONE, "no-gold-echo", "a sentence without gold mentions, echoed"),
  NO_GOLD_LIST(
      Group.NONE, "no-gold-list", "a sentence without gold mentions, answered with empty lists");

  /** What a style varies. */
  public enum Group {
    /** How the entities are marked in an echo of the note. */
    ECHO("echo"),
    /** What is put around an echo. */
    WRAPPER("wrapper"),
    /** What the model rewrote in an echo. */
    REWRITE("rewrite"),
    /** Strings listed rather than marked. */
    LIST("list"),
    /** Answers that name no entity. */
    NONE("no entity");

    private final String key;

    Group(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** True for the groups whose answers echo the note with marks. */
    public boolean echoes() {
      return this == ECHO || this == WRAPPER || this == REWRITE;
    }
  }

  private final Group group;
  private final String key;
  private final String description;

  AnswerStyle(Group group, String key, String description) {
    this.group = group;
    this.key = key;
    this.description = description;
  }

  public Group group() {
    return group;
  }

  /** The style's name on the command line and in tables, such as {@code span-class}. */
  public String key() {
    return key;
  }

  /** One line saying what the answers of the style look like. */
  public String description() {
    return description;
  }

  /** The style named {@code key}, ignoring case. */
  public static Optional<AnswerStyle> fromKey(String key) {
    String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.key.equals(k)).findFirst();
  }

  /** Every style, in table order. */
  public static List<AnswerStyle> all() {
    return List.of(values());
  }
}
