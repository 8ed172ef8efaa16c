package org.ncer.model;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import org.ncer.prompt.Message;

/**
 * Token counts for OpenAI models with their own tokenizer (jtokkit), the character estimate for
 * every other model.
 */
final class Tokens implements TokenEstimator {
  // Chat formatting adds a few tokens a message (role and separators) and three to prime the reply,
  // per OpenAI's published counting recipe for gpt-3.5 / gpt-4.
  private static final int PER_MESSAGE = 3;
  private static final int PER_REPLY = 3;

  private final Encoding encoding;

  private Tokens(Encoding encoding) {
    this.encoding = encoding;
  }

  /**
   * The estimator for the model called {@code name} (without the provider prefix): o200k_base for
   * gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and the o-series; cl100k_base for gpt-4 and gpt-3.5; else
   * {@link TokenEstimator#charsPerToken()}.
   */
  static TokenEstimator forModel(String name) {
    EncodingType type = encodingOf(name);
    return type == null ? TokenEstimator.charsPerToken() : new Tokens(Registry.get(type));
  }

  static EncodingType encodingOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int slash = n.lastIndexOf('/');
    if (slash >= 0) {
      n = n.substring(slash + 1);
    }
    if (n.startsWith("gpt-4o")
        || n.startsWith("chatgpt-4o")
        || n.startsWith("gpt-4.1")
        || n.startsWith("gpt-4.5")
        || n.startsWith("gpt-5")
        || n.matches("o[1-9]([-.].*)?")) {
      return EncodingType.O200K_BASE;
    }
    if (n.startsWith("gpt-4") || n.startsWith("gpt-3.5") || n.startsWith("gpt-35")) {
      return EncodingType.CL100K_BASE;
    }
    return null;
  }

  @Override
  public long inputTokens(ChatRequest request) {
    long total = PER_REPLY;
    for (Message m : request.messages()) {
      total +=
          PER_MESSAGE
              + encoding.countTokensOrdinary(m.role())
              + encoding.countTokensOrdinary(m.content());
    }
    return total;
  }

  @Override
  public String method() {
    return "tokenizer " + encoding.getName();
  }

  /** The encodings load their vocabularies once, on first use. */
  private static final class Registry {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    static Encoding get(EncodingType type) {
      return REGISTRY.getEncoding(type);
    }
  }
}
