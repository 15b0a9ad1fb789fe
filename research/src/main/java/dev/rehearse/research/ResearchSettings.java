package dev.rehearse.research;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web-search providers research asks, and how long it waits and keeps what they said. Read
 * once, at the entry point, from the environment; a provider is configured if and only if its key
 * is set.
 *
 * <p>Serializable, so a Flink job's entry point can read it and hand it to its operators.
 *
 * @param providers the configured providers, in the order research tries them (Tavily, Exa,
 *     Serper): {@code REHEARSE_TAVILY_API_KEY} and {@code REHEARSE_TAVILY_BASE_URL} (default {@code
 *     https://api.tavily.com}), {@code REHEARSE_EXA_*} (default {@code https://api.exa.ai}), {@code
 *     REHEARSE_SERPER_*} (default {@code https://google.serper.dev})
 * @param timeout {@code REHEARSE_RESEARCH_TIMEOUT_MS} (default 5000): the longest one request to
 *     one provider may take
 * @param ttl {@code REHEARSE_RESEARCH_TTL_HOURS} (default 168, a week): how long research stays
 *     fresh
 */
public record ResearchSettings(List<Provider> providers, Duration timeout, Duration ttl)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public ResearchSettings {
    providers = List.copyOf(providers);
  }

  public static final String TIMEOUT_MS = "REHEARSE_RESEARCH_TIMEOUT_MS";
  public static final String TTL_HOURS = "REHEARSE_RESEARCH_TTL_HOURS";
  static final long MAX_TIMEOUT_MS = 60_000;
  static final long MAX_TTL_HOURS = 24L * 365;

  /** The web-search services Rehearse speaks, in the order research tries them. */
  public enum Kind {
    TAVILY("https://api.tavily.com"),
    EXA("https://api.exa.ai"),
    SERPER("https://google.serper.dev");

    private final String defaultBaseUrl;

    Kind(String defaultBaseUrl) {
      this.defaultBaseUrl = defaultBaseUrl;
    }

    /** {@code tavily}, {@code exa}, {@code serper}: as snippets and logs name it. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String apiKeyVariable() {
      return "REHEARSE_" + name() + "_API_KEY";
    }

    public String baseUrlVariable() {
      return "REHEARSE_" + name() + "_BASE_URL";
    }
  }

  /** One configured provider. Its {@link #toString} never prints the key. */
  public record Provider(Kind kind, URI baseUrl, String apiKey) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Provider {
      if (apiKey.isBlank() || !apiKey.chars().allMatch(c -> c > ' ' && c < 127)) {
        // never echo the value: it is a secret
        throw new IllegalArgumentException(
            kind.apiKeyVariable() + " must be printable ASCII without spaces");
      }
    }

    /** The provider's search endpoint: {@code POST <base URL>/search} for all three. */
    public URI searchUri() {
      String base = baseUrl.toString();
      return URI.create((base.endsWith("/") ? base : base + "/") + "search");
    }

    @Override
    public String toString() {
      return kind.id() + " at " + baseUrl;
    }
  }

  /** The provider of {@code kind}, when its key is set. */
  public Optional<Provider> provider(Kind kind) {
    return providers.stream().filter(p -> p.kind() == kind).findFirst();
  }

  /**
   * The settings in {@code env}.
   *
   * @throws IllegalArgumentException naming the variable, when a value is not valid
   */
  public static ResearchSettings fromEnv(Map<String, String> env) {
    List<Provider> providers = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      provider(env, kind).ifPresent(providers::add);
    }
    return new ResearchSettings(
        providers,
        Duration.ofMillis(number(env, TIMEOUT_MS, 5_000, MAX_TIMEOUT_MS, "milliseconds")),
        Duration.ofHours(number(env, TTL_HOURS, 168, MAX_TTL_HOURS, "hours")));
  }

  private static Optional<Provider> provider(Map<String, String> env, Kind kind) {
    String key = env.getOrDefault(kind.apiKeyVariable(), "").strip();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String url = env.getOrDefault(kind.baseUrlVariable(), "").strip();
    return Optional.of(
        new Provider(
            kind, baseUrl(kind.baseUrlVariable(), url.isEmpty() ? kind.defaultBaseUrl : url), key));
  }

  private static URI baseUrl(String variable, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          variable + " must be an http(s) URL, got '" + value + "'", e);
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          variable + " must be an http(s) URL without query or fragment, got '" + value + "'");
    }
    return uri;
  }

  private static long number(
      Map<String, String> env, String variable, long defaultValue, long max, String unit) {
    String value = env.getOrDefault(variable, "").strip();
    if (value.isEmpty()) {
      return defaultValue;
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > max) {
      throw new IllegalArgumentException(
          variable
              + " must be a whole number of "
              + unit
              + " from 1 to "
              + max
              + ", got '"
              + value
              + "'");
    }
    return n;
  }
}
