package org.ncer.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncer.Json;
import org.ncer.align.Answer;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Document;
import org.ncer.extract.LabelResolver;
import org.ncer.prompt.Markup;
import org.ncer.prompt.OutputFormat;
import org.ncer.span.Mention;

/**
 * Makes the evaluation set: for each document of a dataset split and each {@link AnswerStyle}, the
 * answers a model might give, built from the note's own text and gold mentions.
 *
 * <p>The set is a function of the documents, the styles and the seed only: each document and style
 * draws from its own random source, seeded from the seed, the style and the document id, so the
 * same call gives the same answers on every machine, and a document's answers do not depend on the
 * other documents of the slice (except for {@link AnswerStyle#HALLUCINATED}, which borrows another
 * document's mention).
 *
 * <p>The answers and rewrites are ncer's own, modelled on what real models do; figures measured on
 * them say how the grounding rules handle known rewrites, not how they fare on real answers.
 */
public final class EvalSet {
  private EvalSet() {}

  // The class names of the benchmark's HTML prompt, for the labels whose name is not a class.
  private static final Map<String, String> CLASSES =
      Map.of("condition", "disorder", "gene variant", "gene-variant");
  private static final String[] COLOURS = {"#ffeb3b", "#a5d6a7", "#90caf9", "#f48fb1", "#ffcc80"};
  private static final String[] PREAMBLES = {
    "Here is the text with the entities highlighted:\n\n",
    "Sure! Below is the text with each entity wrapped in a span tag.\n\n",
    "The marked-up text:\n"
  };
  private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]?");

  /** The class name the benchmark's HTML prompt uses for {@code label}. */
  static String className(String label) {
    return CLASSES.getOrDefault(label, label.replace(' ', '-'));
  }

  /** The label names the answers use for {@code labels}: the labels and their class names. */
  public static LabelResolver labels(List<String> labels) {
    Map<String, String> aliases = new LinkedHashMap<>();
    for (String l : labels) {
      String c = className(l);
      if (!c.equals(l)) {
        aliases.put(c, l);
      }
    }
    return LabelResolver.of(labels, aliases);
  }

  /** The evaluation set of {@code dataset} in {@code styles}, style by style, in document order. */
  public static List<EvalCase> generate(Dataset dataset, long seed, List<AnswerStyle> styles) {
    Map<String, List<String>> pool = pool(dataset);
    List<EvalCase> cases = new ArrayList<>();
    for (AnswerStyle style : styles) {
      for (Document d : dataset.documents()) {
        EvalCase c = make(style, d, dataset.labels(), random(seed, style, d.id()), pool);
        if (c != null) {
          cases.add(c);
        }
      }
    }
    return cases;
  }

  /** A random source of its own for each seed, style and document (FNV-1a of the three). */
  static Random random(long seed, AnswerStyle style, String id) {
    long h = 0xcbf29ce484222325L;
    byte[] bytes = (seed + "\n" + style.key() + "\n" + id).getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return new Random(h);
  }

  /** The distinct gold strings of each label, in order of first occurrence. */
  private static Map<String, List<String>> pool(Dataset dataset) {
    Map<String, Set<String>> byLabel = new LinkedHashMap<>();
    for (Document d : dataset.documents()) {
      for (Mention m : d.mentions()) {
        byLabel.computeIfAbsent(m.label(), k -> new LinkedHashSet<>()).add(d.textOf(m));
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    byLabel.forEach((label, strings) -> out.put(label, List.copyOf(strings)));
    return out;
  }

  /** The gold mentions an echo can tag: by position, longest first, none overlapping a kept one. */
  static List<Mention> tagged(Document d) {
    List<Mention> sorted = new ArrayList<>(d.mentions());
    sorted.sort(
        Comparator.comparingInt(Mention::start)
            .thenComparing(m -> -m.span().length())
            .thenComparing(Mention::label));
    List<Mention> kept = new ArrayList<>();
    int pos = 0;
    for (Mention m : sorted) {
      if (m.start() >= pos && m.end() > m.start()) {
        kept.add(m);
        pos = m.end();
      }
    }
    return kept;
  }

  /** The gold mentions a list of strings stands for: all but those inside another of the label. */
  static List<Mention> listed(Document d) {
    List<Mention> out = new ArrayList<>();
    for (Mention m : new LinkedHashSet<>(d.mentions())) {
      boolean inside = false;
      for (Mention o : d.mentions()) {
        inside |= !o.equals(m) && o.label().equals(m.label()) && o.span().contains(m.span());
      }
      if (!inside) {
        out.add(m);
      }
    }
    out.sort(Mention.BY_POSITION);
    return out;
  }

  private static EvalCase make(
      AnswerStyle style,
      Document d,
      List<String> labels,
      Random r,
      Map<String, List<String>> pool) {
    String note = d.text();
    Echo echo = Echo.of(note, tagged(d));
    Echo.Marker spanClass =
        (label, rr) -> new String[] {"<span class=\"" + className(label) + "\">", "</span>"};
    return switch (style) {
      case SPAN_CLASS -> allLabels(style, d, echo.render(spanClass, r));
      case SINGLE_QUOTES ->
          allLabels(
              style,
              d,
              echo.render(
                  (label, rr) ->
                      new String[] {"<span class='" + className(label) + "' >", "</span >"},
                  r));
      case DATA_LABEL ->
          allLabels(
              style,
              d,
              echo.render(
                  (label, rr) -> new String[] {"<span data-label=\"" + label + "\">", "</span>"},
                  r));
      case UPPER_CASE ->
          allLabels(
              style,
              d,
              echo.render(
                  (label, rr) ->
                      new String[] {
                        "<SPAN CLASS=\"" + className(label).toUpperCase(Locale.ROOT) + "\">",
                        "</SPAN>"
                      },
                  r));
      case SPAN_STYLE ->
          perLabel(
              style,
              d,
              labels,
              echo,
              (label, rr) ->
                  new String[] {"<span style=\"background-color: " + COLOURS[0] + "\">", "</span>"},
              r,
              Markup.NONE);
      case SPAN_STYLE_ALL ->
          allLabels(
              style,
              d,
              echo.render(
                  (label, rr) ->
                      new String[] {
                        "<span style=\"background-color: "
                            + COLOURS[Math.max(0, labels.indexOf(label)) % COLOURS.length]
                            + ";\">",
                        "</span>"
                      },
                  r));
      case UNKNOWN_CLASS ->
          perLabel(
              style,
              d,
              labels,
              echo,
              (label, rr) ->
                  new String[] {
                    "<span class=\"" + (rr.nextBoolean() ? "highlight" : "entity") + "\">",
                    "</span>"
                  },
              r,
              Markup.NONE);
      case MARK ->
          perLabel(
              style,
              d,
              labels,
              echo,
              (label, rr) -> new String[] {"<mark>", "</mark>"},
              r,
              Markup.NONE);
      case BOLD_TAGS ->
          perLabel(
              style,
              d,
              labels,
              echo,
              (label, rr) ->
                  rr.nextBoolean()
                      ? new String[] {"<b>", "</b>"}
                      : new String[] {"<strong>", "</strong>"},
              r,
              Markup.NONE);
      case EMPHASIS ->
          perLabel(
              style,
              d,
              labels,
              echo,
              (label, rr) ->
                  rr.nextBoolean() ? new String[] {"<em>", "</em>"} : new String[] {"<i>", "</i>"},
              r,
              Markup.NONE);
      case UNCLOSED_STRAY -> unclosedStray(style, d, echo, spanClass, r);
      case BRACKETS ->
          perLabel(
              style, d, labels, echo, (label, rr) -> new String[] {"[[", "]]"}, r, Markup.BRACKETS);
      case BOLD_MARKDOWN ->
          perLabel(
              style, d, labels, echo, (label, rr) -> new String[] {"**", "**"}, r, Markup.BOLD);
      case CODE_FENCE -> wrapped(style, d, "```html\n", echo.render(spanClass, r), "\n```");
      case PREAMBLE ->
          wrapped(style, d, PREAMBLES[r.nextInt(PREAMBLES.length)], echo.render(spanClass, r), "");
      case INPUT_OUTPUT ->
          wrapped(style, d, "INPUT: " + note + "\nOUTPUT: ", echo.render(spanClass, r), "");
      case EXAMPLE -> wrapped(style, d, "<example>\n", echo.render(spanClass, r), "\n</example>");
      case SPACING -> allLabels(style, d, echo.respaced(r).render(spanClass, r));
      case DASHES_QUOTES -> allLabels(style, d, echo.redashed(r).render(spanClass, r));
      case DROPPED_WORD ->
          allLabels(style, d, echo.withoutWords(edits(note), r).render(spanClass, r));
      case INSERTED_WORD ->
          allLabels(style, d, echo.withInsertedWords(edits(note), r).render(spanClass, r));
      case PARAPHRASE -> allLabels(style, d, echo.paraphrased(r).render(spanClass, r));
      case LOWER_CASE -> allLabels(style, d, echo.lowerCased().render(spanClass, r));
      case MOVED_SENTENCE -> allLabels(style, d, echo.withMovedSentence(r).render(spanClass, r));
      case TRUNCATED -> truncated(style, d, echo.render(spanClass, r), r);
      case HALLUCINATED ->
          allLabels(
              style,
              d,
              echo.withInventedRegions(inventions(d, labels, pool, r), r).render(spanClass, r));
      case CHANGED_REGION ->
          allLabels(
              style, d, echo.withChangedRegions(1 + tagged(d).size() / 6, r).render(spanClass, r));
      case JSON_OBJECT -> list(style, d, jsonObject(strings(d, labels, false)), OutputFormat.JSON);
      case PYTHON_LIST -> perLabelList(style, d, labels, EvalSet::pythonList, OutputFormat.LIST);
      case ENTITY_OBJECTS -> list(style, d, entityObjects(d), OutputFormat.JSON);
      case LINES -> perLabelList(style, d, labels, s -> lines(s, r), OutputFormat.AUTO);
      case COMMAS ->
          perLabelList(
              style,
              d,
              labels,
              s -> s.isEmpty() ? "None" : String.join(", ", s),
              OutputFormat.AUTO);
      case LOWER_STRINGS ->
          list(
              style,
              d,
              jsonObject(mapStrings(strings(d, labels, false), s -> s.toLowerCase(Locale.ROOT))),
              OutputFormat.JSON);
      case FIRST_LETTER ->
          list(
              style,
              d,
              jsonObject(mapStrings(strings(d, labels, false), EvalSet::turnFirstLetter)),
              OutputFormat.JSON);
      case REPEATED -> list(style, d, jsonObject(strings(d, labels, true)), OutputFormat.JSON);
      case TAGLESS_ECHO ->
          new EvalCase(
              style,
              d.id(),
              note,
              List.of(Answer.allLabels(note)),
              OutputFormat.HTML,
              Markup.NONE,
              List.of());
      case TAGLESS_ECHO_AUTO ->
          new EvalCase(
              style,
              d.id(),
              note,
              List.of(Answer.allLabels(note)),
              OutputFormat.AUTO,
              Markup.NONE,
              List.of());
      case NO_GOLD_ECHO -> noGold(style, d, r, false, labels);
      case NO_GOLD_LIST -> noGold(style, d, r, true, labels);
    };
  }

  /** How many words a rewrite drops or inserts: one, and one more per 600 characters. */
  private static int edits(String note) {
    return 1 + note.length() / 600;
  }

  private static EvalCase allLabels(AnswerStyle style, Document d, Echo.Rendered rendered) {
    return new EvalCase(
        style,
        d.id(),
        d.text(),
        List.of(Answer.allLabels(rendered.text())),
        OutputFormat.HTML,
        Markup.NONE,
        goldOf(rendered.gold()));
  }

  private static List<Mention> goldOf(List<Mention> regions) {
    return regions.stream().filter(m -> m != null).sorted(Mention.BY_POSITION).toList();
  }

  private static EvalCase perLabel(
      AnswerStyle style,
      Document d,
      List<String> labels,
      Echo echo,
      Echo.Marker marker,
      Random r,
      Markup markup) {
    List<Answer> answers = new ArrayList<>();
    List<Mention> gold = new ArrayList<>();
    for (String label : labels) {
      Echo.Rendered rendered = echo.only(label).render(marker, r);
      answers.add(Answer.forLabel(rendered.text(), label));
      gold.addAll(goldOf(rendered.gold()));
    }
    gold.sort(Mention.BY_POSITION);
    return new EvalCase(style, d.id(), d.text(), answers, OutputFormat.HTML, markup, gold);
  }

  private static EvalCase wrapped(
      AnswerStyle style, Document d, String before, Echo.Rendered rendered, String after) {
    return new EvalCase(
        style,
        d.id(),
        d.text(),
        List.of(Answer.allLabels(before + rendered.text() + after)),
        OutputFormat.HTML,
        Markup.NONE,
        goldOf(rendered.gold()));
  }

  /**
   * A stray closing tag at one or two word boundaries of the plain text, and the last region's
   * closing tag left out, so that its tag stays open to the end (its extent is unknown, so it is
   * not in the gold).
   */
  private static EvalCase unclosedStray(
      AnswerStyle style, Document d, Echo echo, Echo.Marker marker, Random r) {
    Echo.Rendered rendered = echo.render(marker, r);
    String text = rendered.text();
    List<Mention> gold = new ArrayList<>(rendered.gold());
    int n = rendered.closeEnds().size();
    if (n > 0) {
      int end = rendered.closeEnds().get(n - 1);
      text = text.substring(0, end - "</span>".length()) + text.substring(end);
      gold.remove(n - 1);
    }
    for (int k = 0; k < 2; k++) {
      int at = text.lastIndexOf(' ', r.nextInt(Math.max(1, text.length())));
      if (at > 0 && insidePlain(text, at)) {
        text = text.substring(0, at) + " </span>" + text.substring(at);
      }
    }
    return new EvalCase(
        style,
        d.id(),
        d.text(),
        List.of(Answer.allLabels(text)),
        OutputFormat.HTML,
        Markup.NONE,
        goldOf(gold));
  }

  /** True when {@code at} is outside any tag and any marked region of {@code text}. */
  private static boolean insidePlain(String text, int at) {
    int open = text.lastIndexOf("<span", at);
    int close = text.lastIndexOf("</span>", at);
    int bracket = text.lastIndexOf('<', at);
    int shut = text.lastIndexOf('>', at);
    return open <= close && bracket <= shut;
  }

  /** The echo cut at 40 to 80 % of its length; only regions whose tag closed before stay gold. */
  private static EvalCase truncated(
      AnswerStyle style, Document d, Echo.Rendered rendered, Random r) {
    String text = rendered.text();
    int cut = (int) (text.length() * (0.4 + 0.4 * r.nextDouble()));
    if (cut > 0 && Character.isLowSurrogate(text.charAt(cut))) {
      cut--;
    }
    List<Mention> gold = new ArrayList<>();
    for (int i = 0; i < rendered.closeEnds().size(); i++) {
      if (rendered.closeEnds().get(i) <= cut && rendered.gold().get(i) != null) {
        gold.add(rendered.gold().get(i));
      }
    }
    return new EvalCase(
        style,
        d.id(),
        d.text(),
        List.of(Answer.allLabels(text.substring(0, cut))),
        OutputFormat.HTML,
        Markup.NONE,
        goldOf(gold));
  }

  /**
   * One or two mention strings of other documents that do not occur in this note, not even inside a
   * word, with their labels.
   */
  private static List<String[]> inventions(
      Document d, List<String> labels, Map<String, List<String>> pool, Random r) {
    List<String[]> out = new ArrayList<>();
    String lower = d.text().toLowerCase(Locale.ROOT);
    int wanted = 1 + d.text().length() / 1000;
    for (int tries = 0; tries < 40 && out.size() < wanted; tries++) {
      String label = labels.get(r.nextInt(labels.size()));
      List<String> strings = pool.getOrDefault(label, List.of());
      if (strings.isEmpty()) {
        continue;
      }
      String s = strings.get(r.nextInt(strings.size()));
      if (!s.isBlank() && !lower.contains(s.toLowerCase(Locale.ROOT))) {
        out.add(new String[] {s, label});
      }
    }
    return out;
  }

  // ---- listed strings

  /** The gold strings of each label, distinct in order of first occurrence, or one per mention. */
  private static Map<String, List<String>> strings(
      Document d, List<String> labels, boolean perMention) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    labels.forEach(l -> out.put(l, new ArrayList<>()));
    List<Mention> sorted = new ArrayList<>(d.mentions());
    sorted.sort(Mention.BY_POSITION);
    for (Mention m : sorted) {
      List<String> list = out.get(m.label());
      String s = d.textOf(m);
      if (list != null && (perMention || !list.contains(s))) {
        list.add(s);
      }
    }
    return out;
  }

  private static Map<String, List<String>> mapStrings(
      Map<String, List<String>> strings, java.util.function.UnaryOperator<String> f) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    strings.forEach((label, list) -> out.put(label, list.stream().map(f).distinct().toList()));
    return out;
  }

  private static String turnFirstLetter(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int cp = s.codePointAt(0);
    int turned = Character.isUpperCase(cp) ? Character.toLowerCase(cp) : Character.toUpperCase(cp);
    return new StringBuilder()
        .appendCodePoint(turned)
        .append(s.substring(Character.charCount(cp)))
        .toString();
  }

  private static String jsonObject(Map<String, List<String>> strings) {
    ObjectNode o = Json.mapper().createObjectNode();
    strings.forEach(
        (label, list) -> {
          ArrayNode a = o.putArray(label);
          list.forEach(a::add);
        });
    return o.toString();
  }

  private static String entityObjects(Document d) {
    ArrayNode a = Json.mapper().createArrayNode();
    Set<String> seen = new LinkedHashSet<>();
    List<Mention> sorted = new ArrayList<>(d.mentions());
    sorted.sort(Mention.BY_POSITION);
    for (Mention m : sorted) {
      if (seen.add(m.label() + "\n" + d.textOf(m))) {
        a.addObject().put("text", d.textOf(m)).put("label", m.label());
      }
    }
    return a.toString();
  }

  /** A Python list as {@code repr} writes it: single quotes unless the string holds one. */
  private static String pythonList(List<String> strings) {
    StringBuilder b = new StringBuilder("[");
    for (String s : strings) {
      if (b.length() > 1) {
        b.append(", ");
      }
      String escaped = s.replace("\\", "\\\\");
      if (s.contains("'") && !s.contains("\"")) {
        b.append('"').append(escaped).append('"');
      } else {
        b.append('\'').append(escaped.replace("'", "\\'")).append('\'');
      }
    }
    return b.append(']').toString();
  }

  private static String lines(List<String> strings, Random r) {
    if (strings.isEmpty()) {
      return "No entities found.";
    }
    boolean numbered = r.nextBoolean();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < strings.size(); i++) {
      b.append(numbered ? (i + 1) + ". " : "- ").append(strings.get(i)).append('\n');
    }
    return b.toString();
  }

  private static EvalCase list(AnswerStyle style, Document d, String answer, OutputFormat format) {
    return new EvalCase(
        style, d.id(), d.text(), List.of(Answer.allLabels(answer)), format, Markup.NONE, listed(d));
  }

  private static EvalCase perLabelList(
      AnswerStyle style,
      Document d,
      List<String> labels,
      java.util.function.Function<List<String>, String> writer,
      OutputFormat format) {
    Map<String, List<String>> strings = strings(d, labels, false);
    List<Answer> answers = new ArrayList<>();
    for (String label : labels) {
      answers.add(Answer.forLabel(writer.apply(strings.get(label)), label));
    }
    return new EvalCase(style, d.id(), d.text(), answers, format, Markup.NONE, listed(d));
  }

  /**
   * One sentence of the note that holds no gold mention, echoed as it is or answered with empty
   * lists; null when the note has no such sentence of at least 20 characters.
   */
  private static EvalCase noGold(
      AnswerStyle style, Document d, Random r, boolean list, List<String> labels) {
    List<String> sentences = new ArrayList<>();
    Matcher m = SENTENCE.matcher(d.text());
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      while (start < end && Character.isWhitespace(d.text().charAt(start))) {
        start++;
      }
      final int s0 = start;
      boolean free = d.mentions().stream().noneMatch(g -> g.start() < end && g.end() > s0);
      if (free && end - start >= 20) {
        sentences.add(d.text().substring(start, end));
      }
    }
    if (sentences.isEmpty()) {
      return null;
    }
    String sentence = sentences.get(r.nextInt(sentences.size()));
    if (!list) {
      return new EvalCase(
          style,
          d.id(),
          sentence,
          List.of(Answer.allLabels(sentence)),
          OutputFormat.HTML,
          Markup.NONE,
          List.of());
    }
    Map<String, List<String>> empty = new LinkedHashMap<>();
    labels.forEach(l -> empty.put(l, List.of()));
    String[] answers = {jsonObject(empty), "None", "No entities found.", "[]"};
    return new EvalCase(
        style,
        d.id(),
        sentence,
        List.of(Answer.allLabels(answers[r.nextInt(answers.length)])),
        OutputFormat.JSON,
        Markup.NONE,
        List.of());
  }
}
