package dev.rehearse.dashboards;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and as whom the saved objects are imported, from the {@code REHEARSE_KIBANA_*} settings:
 *
 * <ul>
 *   <li>{@code REHEARSE_KIBANA_URL}: Kibana's base URL, e.g. {@code https://kibana.example:5601};
 *   <li>{@code REHEARSE_KIBANA_API_KEY}: an API key, sent as {@code Authorization: ApiKey <key>}
 *       (the encoded key Elasticsearch returns); or
 *   <li>{@code REHEARSE_KIBANA_USERNAME} and {@code REHEARSE_KIBANA_PASSWORD}: basic auth;
 *   <li>{@code REHEARSE_KIBANA_SPACE}: a Kibana space id; the default space when absent.
 * </ul>
 *
 * @param auth the {@code Authorization} header value, if any
 */
public record KibanaSettings(URI url, Optional<String> space, Optional<String> auth) {

  public static final String URL = "REHEARSE_KIBANA_URL";
  public static final String USERNAME = "REHEARSE_KIBANA_USERNAME";
  public static final String PASSWORD = "REHEARSE_KIBANA_PASSWORD";
  public static final String API_KEY = "REHEARSE_KIBANA_API_KEY";
  public static final String SPACE = "REHEARSE_KIBANA_SPACE";

  private static final Pattern SPACE_ID = Pattern.compile("[a-z0-9_-]+");

  public KibanaSettings {
    String scheme = url.getScheme();
    if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
      throw new IllegalArgumentException("the Kibana URL must be http(s)://host[:port]: " + url);
    }
    space = space.filter(s -> !s.isBlank());
    if (space.isPresent() && !SPACE_ID.matcher(space.get()).matches()) {
      throw new IllegalArgumentException(
          "a Kibana space id is lower-case letters, digits, _ and -: " + space.get());
    }
  }

  /**
   * The settings in {@code env} with the URL and space given on the command line taking precedence;
   * empty when neither gives a URL.
   *
   * @throws IllegalArgumentException when the settings contradict each other or are incomplete
   */
  public static Optional<KibanaSettings> from(
      Map<String, String> env, Optional<String> url, Optional<String> space) {
    Optional<String> base = url.or(() -> value(env, URL));
    if (base.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> key = value(env, API_KEY);
    Optional<String> user = value(env, USERNAME);
    Optional<String> password = value(env, PASSWORD);
    if (key.isPresent() && (user.isPresent() || password.isPresent())) {
      throw new IllegalArgumentException(
          "set " + API_KEY + " or " + USERNAME + "/" + PASSWORD + ", not both");
    }
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException(USERNAME + " and " + PASSWORD + " go together");
    }
    Optional<String> auth =
        key.map(k -> "ApiKey " + k)
            .or(
                () ->
                    user.map(
                        u ->
                            "Basic "
                                + Base64.getEncoder()
                                    .encodeToString(
                                        (u + ":" + password.get())
                                            .getBytes(StandardCharsets.UTF_8))));
    String trimmed = base.get().replaceAll("/+$", "");
    return Optional.of(
        new KibanaSettings(URI.create(trimmed), space.or(() -> value(env, SPACE)), auth));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** The import endpoint: {@code /api/saved_objects/_import}, in the space when there is one. */
  public URI importEndpoint() {
    String prefix = space.map(s -> "/s/" + s).orElse("");
    return URI.create(url + prefix + "/api/saved_objects/_import?overwrite=true");
  }

  /** The settings without their secret, for messages. */
  @Override
  public String toString() {
    return "Kibana "
        + url
        + space.map(s -> " space " + s).orElse("")
        + (auth.isPresent() ? " (authenticated)" : "");
  }
}
