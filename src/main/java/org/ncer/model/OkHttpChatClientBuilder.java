package org.ncer.model;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Builds the {@link OkHttpChatClient} of one model from the shared base client, keeping its
 * connection pool. The model calls {@link #build()} once, when it is built; the built client is
 * kept so that the endpoint can read its exchanges.
 *
 * <p>The timeouts are the base client's, from the endpoint profile and {@code --timeout}. The
 * models also set their own defaults through this builder (OpenAI's would be 60 s, Ollama's
 * another), which are ignored so that one setting governs every provider.
 */
final class OkHttpChatClientBuilder implements HttpClientBuilder {
  private final OkHttpClient base;
  private OkHttpChatClient built;

  OkHttpChatClientBuilder(OkHttpClient base) {
    this.base = base;
  }

  @Override
  public Duration connectTimeout() {
    return Duration.ofMillis(base.connectTimeoutMillis());
  }

  @Override
  public OkHttpChatClientBuilder connectTimeout(Duration timeout) {
    return this;
  }

  @Override
  public Duration readTimeout() {
    return Duration.ofMillis(base.readTimeoutMillis());
  }

  @Override
  public OkHttpChatClientBuilder readTimeout(Duration timeout) {
    return this;
  }

  @Override
  public OkHttpChatClient build() {
    built = new OkHttpChatClient(base.newBuilder().build());
    return built;
  }

  /** The client the model built; fails when the model has not built one. */
  OkHttpChatClient built() {
    if (built == null) {
      throw new IllegalStateException("the model did not build its HTTP client");
    }
    return built;
  }
}
