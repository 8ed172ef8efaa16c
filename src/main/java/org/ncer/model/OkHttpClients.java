package org.ncer.model;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The base OkHttp client an endpoint's model clients are made from. */
final class OkHttpClients {
  private OkHttpClients() {}

  /**
   * A client that never repeats a request on its own ({@code retryOnConnectionFailure(false)}: by
   * default a POST on a reset pooled connection is sent again, unseen and unpaced) and keeps {@code
   * concurrency} idle connections, so that a burst does not reopen them.
   *
   * @param timeout the read timeout and the deadline of a whole call
   */
  static OkHttpClient base(int concurrency, Duration connectTimeout, Duration timeout) {
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .connectionPool(new ConnectionPool(Math.max(1, concurrency), 5, TimeUnit.MINUTES))
        .connectTimeout(connectTimeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .callTimeout(connectTimeout.plus(timeout))
        .build();
  }

  /** Closes idle connections and stops the client's threads. */
  static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
