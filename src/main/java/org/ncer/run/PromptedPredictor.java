package org.ncer.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncer.align.Answer;
import org.ncer.align.Grounded;
import org.ncer.align.GroundedDocument;
import org.ncer.align.Grounder;
import org.ncer.align.Grounding;
import org.ncer.align.LabeledString;
import org.ncer.align.MatchStatus;
import org.ncer.align.Unaligned;
import org.ncer.extract.ParsedAnswer;
import org.ncer.prompt.PromptCall;
import org.ncer.span.Mention;

/**
 * Assembles a document's prediction from the answers to its calls (one per label query in per-label
 * mode, one per chunk of a long note): grounds the answers onto the chunk they were about, then
 * shifts the spans back into the document.
 *
 * <p>A failed call is an answer with no text, which parses as failed and is counted; it never stops
 * the run.
 */
final class PromptedPredictor {
  private final Grounder grounder;

  PromptedPredictor(Grounder grounder) {
    this.grounder = grounder;
  }

  /**
   * The prediction from {@code answers}, one per call of {@code calls} in the same order, null
   * where the call gave no answer.
   */
  Prediction assemble(List<PromptCall> calls, List<String> answers) {
    if (calls.size() != answers.size()) {
      throw new IllegalArgumentException(
          calls.size() + " calls and " + answers.size() + " answers do not pair up");
    }
    Map<Integer, List<Integer>> byChunk = new LinkedHashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      byChunk.computeIfAbsent(calls.get(i).chunkStart(), k -> new ArrayList<>()).add(i);
    }
    List<GroundedDocument> chunks = new ArrayList<>();
    List<PromptCall> firstOfChunk = new ArrayList<>();
    for (List<Integer> indexes : byChunk.values()) {
      List<Answer> chunkAnswers = new ArrayList<>();
      for (int i : indexes) {
        chunkAnswers.add(new Answer(answers.get(i), calls.get(i).label()));
      }
      PromptCall first = calls.get(indexes.get(0));
      chunks.add(grounder.ground(first.chunkText(), chunkAnswers));
      firstOfChunk.add(first);
    }
    GroundedDocument whole = join(chunks, firstOfChunk);
    List<Mention> mentions = whole.mentions().stream().map(Grounded::mention).toList();
    return new Prediction(mentions, whole);
  }

  /** One grounded document from the grounded chunks, spans shifted into document offsets. */
  static GroundedDocument join(List<GroundedDocument> chunks, List<PromptCall> calls) {
    if (chunks.size() == 1 && calls.get(0).chunkStart() == 0) {
      return chunks.get(0);
    }
    List<ParsedAnswer> parses = new ArrayList<>();
    List<LabeledString> strings = new ArrayList<>();
    List<Grounded> mentions = new ArrayList<>();
    List<Unaligned> unaligned = new ArrayList<>();
    List<MatchStatus> statuses = new ArrayList<>();
    List<Unaligned> labelIssues = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      GroundedDocument c = chunks.get(i);
      PromptCall call = calls.get(i);
      parses.addAll(c.parses());
      strings.addAll(c.strings());
      for (Grounded g : c.mentions()) {
        mentions.add(new Grounded(call.toDocument(g.mention()), g.match()));
      }
      unaligned.addAll(c.grounding().unaligned());
      statuses.addAll(c.grounding().statuses());
      labelIssues.addAll(c.labelIssues());
    }
    return new GroundedDocument(
        parses, strings, new Grounding(mentions, unaligned, statuses), labelIssues);
  }
}
