package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.ncer.align.Aligner;
import org.ncer.align.Grounder;
import org.ncer.align.Unaligned;
import org.ncer.dataset.Dataset;
import org.ncer.dataset.Document;
import org.ncer.extract.LabelResolver;
import org.ncer.extract.ParseStatus;
import org.ncer.prompt.BoundPrompt;
import org.ncer.prompt.PromptCall;
import org.ncer.prompt.PromptTemplate;
import org.ncer.span.Mention;

class PromptedPredictorTest {
  private static final List<String> LABELS = List.of("condition", "drug");

  /** A model that answers from a function of the call and remembers what it was asked. */
  private static final class FakeModel {
    final List<PromptCall> requests = new ArrayList<>();
    final Function<PromptCall, String> answer;

    FakeModel(Function<PromptCall, String> answer) {
      this.answer = answer;
    }

    String call(PromptCall request) {
      requests.add(request);
      return answer.apply(request);
    }
  }

  private static Prediction predict(String prompt, FakeModel model, int maxChars, Document doc) {
    PromptTemplate template = PromptTemplate.load(prompt);
    BoundPrompt bound =
        template.bind(new Dataset("mine", "file", LABELS, List.of(doc)), (d, s) -> List.of());
    Grounder grounder =
        new Grounder(Aligner.smart(), LabelResolver.of(LABELS, bound.aliases()), template.output());
    List<PromptCall> calls = bound.render(doc, maxChars);
    List<String> answers = new ArrayList<>();
    calls.forEach(c -> answers.add(model.call(c)));
    return new PromptedPredictor(grounder).assemble(calls, answers);
  }

  @Test
  void groundsAnAllLabelsAnswerAndKeepsWhatItCouldNotFind() {
    // given                      0         1         2         3
    //                            0123456789012345678901234567890123456
    Document doc = new Document("d1", "Fever after aspirin. No cough.", List.of());
    FakeModel model =
        new FakeModel(
            r ->
                """
                {"condition": ["fever", "cough", "migraine"], "drug": ["Aspirin"]}""");

    // when
    Prediction p = predict("json-all-labels", model, 0, doc);

    // then
    assertEquals(
        List.of(
            Mention.of(0, 5, "condition"),
            Mention.of(12, 19, "drug"),
            Mention.of(24, 29, "condition")),
        p.mentions());
    assertEquals(
        List.of(new Unaligned("migraine", "condition", Unaligned.NOT_FOUND)),
        p.grounding().unaligned());
    assertEquals(1, model.requests.size());
    assertEquals(null, model.requests.get(0).label());
  }

  @Test
  void aFailedCallParsesAsFailedNotThrown() {
    // given
    Document doc = new Document("d1", "Fever.", List.of());
    FakeModel model = new FakeModel(r -> null);

    // when
    Prediction p = predict("json-all-labels", model, 0, doc);

    // then
    assertEquals(List.of(), p.mentions());
    assertEquals(ParseStatus.FAILED, p.grounding().parse());
  }

  @Test
  void perLabelQueriesLabelTheirAnswersWithTheLabelAsked() {
    // given
    Document doc = new Document("d1", "Fever after aspirin.", List.of());
    FakeModel model =
        new FakeModel(
            r ->
                switch (r.query()) {
                  case "disease", "medical condition" -> "['fever']";
                  case "drug", "chemical" -> "['aspirin']";
                  default -> "[]";
                });

    // when
    Prediction p = predict("list-per-label", model, 0, doc);

    // then: four query words, two per label; duplicates merge
    assertEquals(4, model.requests.size());
    assertEquals(List.of(Mention.of(0, 5, "condition"), Mention.of(12, 19, "drug")), p.mentions());
  }

  @Test
  void chunksOfALongNoteAreGroundedInTheirChunkAndShiftedBack() {
    // given: each sentence mentions fever; a small budget forces one call per sentence
    String text = "Fever on day one. Then fever again. Fever at night.";
    Document doc = new Document("d1", text, List.of());
    FakeModel model = new FakeModel(r -> "{\"condition\": [\"fever\"], \"drug\": []}");
    int budget =
        PromptTemplate.load("json-all-labels")
                .bind(new Dataset("mine", "file", LABELS, List.of(doc)), (d, s) -> List.of())
                .render(doc.withMentions(List.of()), 0)
                .get(0)
                .promptChars()
            - 20;

    // when
    Prediction p = predict("json-all-labels", model, budget, doc);

    // then
    assertEquals(
        List.of(
            Mention.of(0, 5, "condition"),
            Mention.of(23, 28, "condition"),
            Mention.of(36, 41, "condition")),
        p.mentions());
    List<Integer> starts = model.requests.stream().map(PromptCall::chunkStart).distinct().toList();
    assertEquals(true, starts.size() > 1, "the note was split: " + starts);
    assertEquals(0, (int) starts.get(0));
  }
}
