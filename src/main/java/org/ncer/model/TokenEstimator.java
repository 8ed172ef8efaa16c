package org.ncer.model;

/** Counts or estimates the input tokens of a request before it is sent. */
public interface TokenEstimator {

  /** The input tokens {@code request} is expected to use. */
  long inputTokens(ChatRequest request);

  /** A name for reports: the tokenizer, or how the estimate is made. */
  String method();

  /**
   * About four characters a token plus a few tokens a message: the rough rule for English text
   * under the common subword tokenizers, used where the model's own tokenizer is not known.
   */
  static TokenEstimator charsPerToken() {
    return new TokenEstimator() {
      @Override
      public long inputTokens(ChatRequest request) {
        return (request.chars() + 3) / 4 + 4L * request.messages().size();
      }

      @Override
      public String method() {
        return "estimate: 4 characters a token";
      }
    };
  }
}
