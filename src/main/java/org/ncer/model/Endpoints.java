package org.ncer.model;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.ncer.NcerException;

/**
 * Opens the endpoint of a hosted model from the command line's settings and the endpoint profiles
 * ({@code config/endpoints.yaml}, {@code ~/.config/ncer/endpoints.yaml}, {@code --endpoints FILE}).
 */
public final class Endpoints {
  private static final String OPENAI = "openai:";
  private static final String OLLAMA = "ollama:";
  private static final String OLLAMA_DEFAULT = "http://localhost:11434";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Endpoints() {}

  /** The endpoint, the limits its calls run under, and the profile it came from. */
  public record Opened(ChatEndpoint endpoint, Limits limits, String profile) {
    public Opened {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(profile, "profile");
    }
  }

  /**
   * Whether {@code model} names a model behind an endpoint ({@code openai:} or {@code ollama:}).
   */
  public static boolean isHosted(String model) {
    return model != null && (model.startsWith(OPENAI) || model.startsWith(OLLAMA));
  }

  /**
   * Opens the endpoint {@code s} describes. Nothing is sent yet; {@link ChatEndpoint#prepare} makes
   * the first contact.
   *
   * @throws NcerException for an unknown profile, a profile of another provider, a missing key or
   *     URL variable, or a bad profiles file
   */
  public static Opened open(EndpointSettings s) {
    return open(s, homeOf(s.env()), Clock.systemUTC());
  }

  static Opened open(EndpointSettings s, Path home, Clock clock) {
    String model = s.model();
    if (!isHosted(model)) {
      throw new NcerException(
          "model '" + model + "' is not a hosted model; expected openai:NAME or ollama:NAME");
    }
    boolean ollama = model.startsWith(OLLAMA);
    String name = model.substring(ollama ? OLLAMA.length() : OPENAI.length());
    if (name.isBlank()) {
      throw new NcerException("model '" + model + "' has no name after the provider");
    }
    EndpointProfiles profiles = EndpointProfiles.load(home, s.endpointsFile());
    String profileName = s.profile() != null ? s.profile() : ollama ? "ollama-local" : "openai";
    EndpointProfile p = profiles.get(profileName);
    String provider = ollama ? "ollama" : "openai";
    if (!p.provider().equals(provider)) {
      throw new NcerException(
          "endpoint profile '"
              + profileName
              + "' serves "
              + p.provider()
              + ": models, not '"
              + model
              + "'; name the model "
              + p.provider()
              + ":"
              + name);
    }
    Limits defaults = Limits.defaults();
    Limits limits;
    try {
      limits =
          new Limits(
              s.concurrency() != null ? s.concurrency() : p.concurrency(),
              s.rpm() != null ? s.rpm() : p.rpm(),
              s.tpm() != null ? s.tpm() : p.tpm(),
              defaults.maxAttempts(),
              defaults.initialBackoff(),
              defaults.maxBackoff());
    } catch (IllegalArgumentException e) {
      throw new NcerException(e.getMessage());
    }
    Duration timeout = s.timeout() != null ? s.timeout() : p.timeout();
    String baseUrl = stripSlash(ollama ? ollamaUrl(s, p) : openAiUrl(s, p, name));
    OkHttpClient base = OkHttpClients.base(limits.concurrency(), p.connectTimeout(), timeout);
    ChatEndpoint endpoint;
    if (ollama) {
      endpoint = OllamaEndpoint.open(model, name, baseUrl, p.headers(), base, clock);
    } else {
      String keyEnv = s.apiKeyEnv() != null ? s.apiKeyEnv() : p.apiKeyEnv();
      String key = keyEnv == null ? null : s.env().get(keyEnv);
      if (key != null && key.isBlank()) {
        key = null;
      }
      if (key == null && (p.keyRequired() || s.apiKeyEnv() != null)) {
        OkHttpClients.shutdown(base);
        throw new NcerException(
            "no API key for "
                + model
                + " (endpoint '"
                + profileName
                + "'): set the environment variable "
                + (keyEnv == null ? "named with --api-key-env" : keyEnv)
                + (s.apiKeyEnv() == null ? ", or name another with --api-key-env" : ""));
      }
      endpoint =
          OpenAiEndpoint.open(
              model,
              name,
              baseUrl,
              key,
              p.apiKeyHeader(),
              key == null ? null : keyEnv,
              p.headers(),
              p.query(),
              p.maxCompletionTokens(),
              base,
              clock);
    }
    return new Opened(endpoint, limits, profileName);
  }

  /**
   * A duration such as {@code 90s}, {@code 500ms}, {@code 2m}, {@code 1h}, a number of seconds, or
   * ISO 8601 ({@code PT2M}).
   *
   * @throws NcerException when {@code text} is none of these or not positive
   */
  public static Duration parseDuration(String text) {
    Duration d = EndpointProfiles.parseDuration(text);
    if (d == null) {
      throw new NcerException("'" + text + "' is not a duration such as 30s, 2m or 500ms");
    }
    return d;
  }

  private static String openAiUrl(EndpointSettings s, EndpointProfile p, String name) {
    String url = s.baseUrl() != null ? s.baseUrl() : p.baseUrl();
    checkHttp(url);
    Matcher m = PLACEHOLDER.matcher(url);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = m.group(1);
      String value;
      if (var.equals("model")) {
        value = name;
      } else {
        String env = p.urlVars().get(var);
        if (env == null) {
          throw new NcerException(
              "base URL "
                  + url
                  + ": no variable gives {"
                  + var
                  + "} (url_vars of endpoint '"
                  + p.name()
                  + "')");
        }
        value = s.env().get(env);
        if (value == null || value.isBlank()) {
          throw new NcerException(
              "base URL " + url + " needs {" + var + "}: set the environment variable " + env);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.strip()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String ollamaUrl(EndpointSettings s, EndpointProfile p) {
    if (s.baseUrl() != null) {
      return OllamaEndpoint.normalizeHost(s.baseUrl());
    }
    if (p.baseUrl() != null) {
      return OllamaEndpoint.normalizeHost(p.baseUrl());
    }
    String host = s.env().get("OLLAMA_HOST");
    return host == null || host.isBlank() ? OLLAMA_DEFAULT : OllamaEndpoint.normalizeHost(host);
  }

  private static void checkHttp(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new NcerException("base URL '" + url + "' is not an http(s) URL");
    }
  }

  private static String stripSlash(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  private static Path homeOf(Map<String, String> env) {
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return home == null || home.isBlank() ? null : Path.of(home);
  }
}
