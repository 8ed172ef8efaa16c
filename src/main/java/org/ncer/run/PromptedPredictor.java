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
import org.ncer.align.Unaligned;
import org.ncer.dataset.Document;
import org.ncer.extract.ParsedAnswer;
import org.ncer.model.ModelCall;
import org.ncer.model.ModelClient;
import org.ncer.model.ModelRequest;
import org.ncer.prompt.BoundPrompt;
import org.ncer.prompt.PromptCall;
import org.ncer.span.Mention;

/**
 * Predicts by asking a model: renders the prompt's calls for a document (one per label query in
 * per-label mode, one per chunk of a long note), sends each to the model, and grounds the answers
 * onto the chunk they were about before shifting the spans back into the document.
 *
 * <p>A failed call becomes an answer with no text, which parses as failed and is counted; it never
 * stops the run.
 */
final class PromptedPredictor implements Predictor {
  private final BoundPrompt prompt;
  private final ModelClient model;
  private final Grounder grounder;
  private final int maxChars;

  PromptedPredictor(BoundPrompt prompt, ModelClient model, Grounder grounder, int maxChars) {
    this.prompt = prompt;
    this.model = model;
    this.grounder = grounder;
    this.maxChars = maxChars;
  }

  @Override
  public Prediction predict(Document doc) {
    Map<Integer, List<PromptCall>> byChunk = new LinkedHashMap<>();
    for (PromptCall call : prompt.render(doc, maxChars)) {
      byChunk.computeIfAbsent(call.chunkStart(), k -> new ArrayList<>()).add(call);
    }
    List<CallRecord> records = new ArrayList<>();
    List<GroundedDocument> chunks = new ArrayList<>();
    List<PromptCall> firstOfChunk = new ArrayList<>();
    for (List<PromptCall> calls : byChunk.values()) {
      List<Answer> answers = new ArrayList<>();
      for (PromptCall call : calls) {
        ModelCall result =
            model.call(
                new ModelRequest(
                    doc.id(), call.label(), call.query(), call.chunkStart(), call.messages()));
        String text = result instanceof ModelCall.Success s ? s.text() : null;
        String error = result instanceof ModelCall.Failure f ? f.reason() : null;
        records.add(
            new CallRecord(doc.id(), call.label(), call.query(), call.chunkStart(), text, error));
        answers.add(new Answer(text, call.label()));
      }
      chunks.add(grounder.ground(calls.get(0).chunkText(), answers));
      firstOfChunk.add(calls.get(0));
    }
    GroundedDocument whole = join(chunks, firstOfChunk);
    List<Mention> mentions = whole.mentions().stream().map(Grounded::mention).toList();
    return new Prediction(mentions, whole, records);
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
    List<org.ncer.align.MatchStatus> statuses = new ArrayList<>();
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
