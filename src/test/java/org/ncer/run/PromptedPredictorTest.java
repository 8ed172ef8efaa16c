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
import org.ncer.model.ModelCall;
import org.ncer.model.ModelClient;
import org.ncer.model.ModelRequest;
import org.ncer.prompt.BoundPrompt;
import org.ncer.prompt.PromptTemplate;
import org.ncer.span.Mention;

class PromptedPredictorTest {
  private static final List<String> LABELS = List.of("condition", "drug");

  /** A model that answers from a function of the request and remembers what it was asked. */
  private static final class FakeModel implements ModelClient {
    final List<ModelRequest> requests = new ArrayList<>();
    final Function<ModelRequest, ModelCall> answer;

    FakeModel(Function<ModelRequest, ModelCall> answer) {
      this.answer = answer;
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public ModelCall call(ModelRequest request) {
      requests.add(request);
      return answer.apply(request);
    }
  }

  private static PromptedPredictor predictor(
      String prompt, ModelClient model, int maxChars, Document doc) {
    PromptTemplate template = PromptTemplate.load(prompt);
    BoundPrompt bound =
        template.bind(new Dataset("mine", "file", LABELS, List.of(doc)), (d, s) -> List.of());
    Grounder grounder =
        new Grounder(Aligner.smart(), LabelResolver.of(LABELS, bound.aliases()), template.output());
    return new PromptedPredictor(bound, model, grounder, maxChars);
  }

  @Test
  void groundsAnAllLabelsAnswerAndKeepsWhatItCouldNotFind() {
    // given                      0         1         2         3
    //                            0123456789012345678901234567890123456
    Document doc = new Document("d1", "Fever after aspirin. No cough.", List.of());
    FakeModel model =
        new FakeModel(
            r ->
                new ModelCall.Success(
                    """
                    {"condition": ["fever", "cough", "migraine"], "drug": ["Aspirin"]}"""));

    // when
    Prediction p = predictor("json-all-labels", model, 0, doc).predict(doc);

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
    assertEquals(1, p.calls().size());
    assertEquals("d1", model.requests.get(0).documentId());
    assertEquals(null, model.requests.get(0).label());
  }

  @Test
  void aFailedCallIsRecordedAndCountedNotThrown() {
    // given
    Document doc = new Document("d1", "Fever.", List.of());
    FakeModel model = new FakeModel(r -> new ModelCall.Failure("HTTP 500 after 3 attempts"));

    // when
    Prediction p = predictor("json-all-labels", model, 0, doc).predict(doc);

    // then
    assertEquals(List.of(), p.mentions());
    assertEquals(ParseStatus.FAILED, p.grounding().parse());
    assertEquals("HTTP 500 after 3 attempts", p.calls().get(0).error());
    assertEquals(null, p.calls().get(0).response());
  }

  @Test
  void perLabelQueriesLabelTheirAnswersWithTheLabelAsked() {
    // given
    Document doc = new Document("d1", "Fever after aspirin.", List.of());
    FakeModel model =
        new FakeModel(
            r ->
                new ModelCall.Success(
                    switch (r.query()) {
                      case "disease", "medical condition" -> "['fever']";
                      case "drug", "chemical" -> "['aspirin']";
                      default -> "[]";
                    }));

    // when
    Prediction p = predictor("list-per-label", model, 0, doc).predict(doc);

    // then: four query words, two per label; duplicates merge
    assertEquals(4, model.requests.size());
    assertEquals(List.of(Mention.of(0, 5, "condition"), Mention.of(12, 19, "drug")), p.mentions());
  }

  @Test
  void chunksOfALongNoteAreGroundedInTheirChunkAndShiftedBack() {
    // given: each sentence mentions fever; a small budget forces one call per sentence
    String text = "Fever on day one. Then fever again. Fever at night.";
    Document doc = new Document("d1", text, List.of());
    FakeModel model =
        new FakeModel(r -> new ModelCall.Success("{\"condition\": [\"fever\"], \"drug\": []}"));
    int budget =
        PromptTemplate.load("json-all-labels")
                .bind(new Dataset("mine", "file", LABELS, List.of(doc)), (d, s) -> List.of())
                .render(doc.withMentions(List.of()), 0)
                .get(0)
                .promptChars()
            - 20;

    // when
    Prediction p = predictor("json-all-labels", model, budget, doc).predict(doc);

    // then
    assertEquals(
        List.of(
            Mention.of(0, 5, "condition"),
            Mention.of(23, 28, "condition"),
            Mention.of(36, 41, "condition")),
        p.mentions());
    List<Integer> starts =
        model.requests.stream().map(ModelRequest::chunkStart).distinct().toList();
    assertEquals(true, starts.size() > 1, "the note was split: " + starts);
    assertEquals(0, (int) starts.get(0));
  }
}
