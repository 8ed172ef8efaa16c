package org.ncer.eval;

import java.util.List;
import java.util.Objects;
import org.ncer.align.Answer;
import org.ncer.prompt.Markup;
import org.ncer.prompt.OutputFormat;
import org.ncer.span.Mention;

/**
 * One document of the evaluation set in one answer style: the note, the answers a model might give
 * about it, how a prompt would have them read, and the mentions the answers stand for.
 *
 * @param style the answer style
 * @param documentId the dataset document the note comes from
 * @param text the note (for {@link AnswerStyle#NO_GOLD_ECHO} and {@link AnswerStyle#NO_GOLD_LIST},
 *     one sentence of it)
 * @param answers the answers, one for all labels or one per label
 * @param format the output format the prompt would ask for
 * @param markup the inline marks the prompt would name
 * @param gold the mentions the answers mark or name: the gold mentions tagged in the echo (nested
 *     ones and those cut off by a truncation left out), or for listed strings every gold mention
 *     not inside another of its label; empty for the styles that name no entity
 */
public record EvalCase(
    AnswerStyle style,
    String documentId,
    String text,
    List<Answer> answers,
    OutputFormat format,
    Markup markup,
    List<Mention> gold) {

  public EvalCase {
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(text, "text");
    answers = List.copyOf(answers);
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(markup, "markup");
    gold = List.copyOf(gold);
    for (Mention m : gold) {
      if (m.end() > text.length()) {
        throw new IllegalArgumentException(
            "gold mention " + m + " of " + documentId + " ends past the note");
      }
    }
  }
}
