package org.ncer.prompt;

import java.util.Objects;
import java.util.Set;

/**
 * One chat message sent to a model.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text, exactly as sent
 */
public record Message(String role, String content) {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "message role '" + role + "' is not system, user or assistant");
    }
  }

  public static Message system(String content) {
    return new Message("system", content);
  }

  public static Message user(String content) {
    return new Message("user", content);
  }
}
