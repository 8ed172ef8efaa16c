package org.ncer.model;

import java.util.Locale;
import org.ncer.NcerException;

/** Opens the endpoint of a hosted or local model named on the command line. */
public final class Endpoints {
  private Endpoints() {}

  /** An opened endpoint with the limits its calls run under and the profile it came from. */
  public record Opened(ChatEndpoint endpoint, Limits limits, String profile) {}

  /**
   * Whether {@code model} names a model behind an endpoint ({@code openai:} or {@code ollama:}).
   */
  public static boolean isHosted(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    return m.startsWith("openai:") || m.startsWith("ollama:");
  }

  /** Opens the endpoint {@code s} describes. */
  public static Opened open(EndpointSettings s) {
    throw new NcerException(s.model() + ": model endpoints are not available in this build");
  }
}
