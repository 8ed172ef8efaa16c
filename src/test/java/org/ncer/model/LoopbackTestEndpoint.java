package org.ncer.model;

import java.util.List;

/**
 * What every fake endpoint of the tests shares: a model on 127.0.0.1, tokens estimated from
 * characters, nothing to prepare and nothing to close. A fake names its model and answers.
 */
public abstract class LoopbackTestEndpoint implements ChatEndpoint {
  private final String baseUrl;

  protected LoopbackTestEndpoint(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public TokenEstimator tokens() {
    return TokenEstimator.charsPerToken();
  }

  @Override
  public List<String> prepare(long longestPromptTokens) {
    return List.of();
  }

  @Override
  public void close() {}
}
