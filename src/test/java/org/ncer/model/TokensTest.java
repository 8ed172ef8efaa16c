package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncer.prompt.Message;

class TokensTest {

  @Test
  void openAiFamiliesMapToTheirEncodings() {
    assertEquals(EncodingType.O200K_BASE, Tokens.encodingOf("gpt-4o-mini"));
    assertEquals(EncodingType.O200K_BASE, Tokens.encodingOf("gpt-4.1-nano"));
    assertEquals(EncodingType.O200K_BASE, Tokens.encodingOf("o3-mini"));
    assertEquals(EncodingType.O200K_BASE, Tokens.encodingOf("o1"));
    assertEquals(EncodingType.CL100K_BASE, Tokens.encodingOf("gpt-4"));
    assertEquals(EncodingType.CL100K_BASE, Tokens.encodingOf("gpt-4-turbo"));
    assertEquals(EncodingType.CL100K_BASE, Tokens.encodingOf("gpt-3.5-turbo"));
    assertNull(Tokens.encodingOf("meta-llama/Llama-3.1-8B-Instruct"));
    assertNull(Tokens.encodingOf("ollama3"));
  }

  @Test
  void otherModelsUseTheCharacterEstimate() {
    assertEquals(TokenEstimator.charsPerToken().method(), Tokens.forModel("mistral-7b").method());
  }

  @Test
  void countsTokensOfEveryMessagePlusFormatting() {
    // given "hello world" is 2 tokens in o200k_base, "user" 1
    ChatRequest one =
        new ChatRequest(
            List.of(Message.user("hello world")), Sampling.greedy(), ResponseFormat.text());
    TokenEstimator t = Tokens.forModel("gpt-4o");
    // then 3 (reply) + 3 (message) + 1 (role) + 2 (content)
    assertEquals(9, t.inputTokens(one));
    assertEquals("tokenizer o200k_base", t.method());
  }

  @Test
  void longTextCountsCloseToTheCharacterRule() {
    String note = "The patient was admitted with chest pain and shortness of breath. ".repeat(50);
    ChatRequest r =
        new ChatRequest(List.of(Message.user(note)), Sampling.greedy(), ResponseFormat.text());
    long counted = Tokens.forModel("gpt-4o").inputTokens(r);
    long estimated = TokenEstimator.charsPerToken().inputTokens(r);
    assertTrue(counted > 500 && counted < 1000, "counted " + counted);
    assertTrue(Math.abs(counted - estimated) < estimated / 2, counted + " vs " + estimated);
  }
}
