package org.ncer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PricesTest {
  @Test
  void theShippedPricesKnowHostedModelsAndMakeLocalOnesFree() {
    // given
    Prices prices = Prices.load(null);

    // then
    assertEquals(0.15, prices.of("openai:gpt-4o-mini").orElseThrow().input());
    assertEquals(0.0, prices.of("ollama:llama3.1").orElseThrow().cost(1_000_000, 1_000_000));
    assertTrue(prices.of("openai:some-new-model").isEmpty(), "unknown is not free");
    // 2M input tokens at 2.50 and 1M output at 10.00 per million
    assertEquals(15.0, prices.of("openai:gpt-4o").orElseThrow().cost(2_000_000, 1_000_000), 1e-9);
  }

  @Test
  void aFullModelIdWinsOverItsBareName() {
    // given
    Prices prices =
        Prices.parse(
            "models:\n  gpt-4o: {input: 1, output: 2}\n  azure:gpt-4o: {input: 3, output: 4}\n",
            "test");

    // then
    assertEquals(3.0, prices.of("azure:gpt-4o").orElseThrow().input());
    assertEquals(1.0, prices.of("openai:gpt-4o").orElseThrow().input());
  }

  @Test
  void maxFailuresTakesACountOrAPercentage() {
    assertTrue(FailureBudget.parse("2").exceeded(3, 100));
    assertTrue(!FailureBudget.parse("2").exceeded(2, 100));
    assertTrue(FailureBudget.parse("5%").exceeded(6, 100));
    assertTrue(!FailureBudget.parse("5%").exceeded(5, 100));
    assertEquals("5%", FailureBudget.parse("5%").describe());
  }

  @Test
  void aDescriptorMayForbidSendingItsDataOffTheMachine() throws java.io.IOException {
    // given
    String ncbi;
    try (var in = PricesTest.class.getResourceAsStream("/datasets/ncbi/dataset.yaml")) {
      ncbi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    // then
    assertTrue(!org.ncer.dataset.DatasetSpec.parse(ncbi, "ncbi").remoteForbidden());
    assertTrue(
        org.ncer.dataset.DatasetSpec.parse(ncbi + "\nremote: forbidden\n", "x").remoteForbidden());
    org.junit.jupiter.api.Assertions.assertThrows(
        org.ncer.NcerException.class,
        () -> org.ncer.dataset.DatasetSpec.parse(ncbi + "\nremote: maybe\n", "x"));
  }
}
