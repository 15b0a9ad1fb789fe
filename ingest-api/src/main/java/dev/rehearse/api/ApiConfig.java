package dev.rehearse.api;

import dev.rehearse.api.service.LiveKitTokens;
import dev.rehearse.core.config.Connections;
import dev.rehearse.voice.tts.Synthesizers;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the API, read once at the entry point from {@code REHEARSE_*} environment
 * variables.
 *
 * @param port {@code REHEARSE_API_PORT}, default 8080
 * @param host {@code REHEARSE_API_HOST}, default {@code 127.0.0.1}: the address the API listens on
 *     ({@code 0.0.0.0} in a container, so its Service and probes reach it)
 * @param connections Kafka and Elasticsearch ({@link Connections})
 * @param jwtSecret {@code REHEARSE_JWT_SECRET}: the HS256 key (at least 32 bytes) tokens are signed
 *     with
 * @param jwksUrl {@code REHEARSE_JWT_JWKS_URL}: the identity provider's JWKS URL, for RS256/ES256
 *     tokens; at least one of the secret and the JWKS URL is required
 * @param jwtIssuer {@code REHEARSE_JWT_ISSUER}, default {@code rehearse}
 * @param jwtAudience {@code REHEARSE_JWT_AUDIENCE}, default {@code rehearse-api}
 * @param replyTimeout {@code REHEARSE_REPLY_TIMEOUT_MS}, default 5 s: how long a request waits,
 *     from before its command is published, for the interviewer before answering 202
 * @param maxBodyBytes {@code REHEARSE_MAX_BODY_BYTES}, default 256 KiB
 * @param corsOrigins {@code REHEARSE_CORS_ORIGINS}: comma-separated origins browsers may call the
 *     API from (for example {@code https://app.example.com}); none by default
 * @param liveKit {@code REHEARSE_LIVEKIT_URL}, {@code _API_KEY}, {@code _API_SECRET}, {@code
 *     _TTL_SECONDS}, {@code _API_URL}, {@code _EMPTY_TIMEOUT_SECONDS}: where candidates' audio
 *     rooms are, the room service they are created through, and the key of LiveKit's webhooks;
 *     without them the token and webhook endpoints answer 503
 * @param analyticsMinGroup {@code REHEARSE_ANALYTICS_MIN_GROUP}, default 5: analytics show no
 *     values of a group with fewer candidates
 * @param speech the synthesizers that speak the questions ({@link Synthesizers}: {@code
 *     REHEARSE_CARTESIA_*}, {@code REHEARSE_MURF_*}, {@code REHEARSE_ESPEAK_VOICE}, {@code
 *     REHEARSE_TTS_*}); none configured, the question audio endpoint answers 503
 * @param instance {@code REHEARSE_API_INSTANCE}, default {@code 0}: which partition of {@code
 *     rehearse.session-replies} this instance reads the interviewer's replies to its commands on
 *     ({@link dev.rehearse.api.service.ReplyPartitions}): a number is the partition (each instance
 *     its own, below the topic's partition count); a name, such as a pod's, is hashed onto one
 */
public record ApiConfig(
    int port,
    String host,
    Connections connections,
    Optional<String> jwtSecret,
    Optional<URL> jwksUrl,
    String jwtIssuer,
    String jwtAudience,
    Duration replyTimeout,
    long maxBodyBytes,
    List<String> corsOrigins,
    Optional<LiveKitTokens.Settings> liveKit,
    int analyticsMinGroup,
    Synthesizers.Settings speech,
    String instance) {

  public ApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
    if (instance.isBlank()) {
      throw new IllegalArgumentException("REHEARSE_API_INSTANCE is empty");
    }
  }

  public static ApiConfig fromEnv(Map<String, String> env) {
    Optional<String> secret =
        Optional.ofNullable(env.get("REHEARSE_JWT_SECRET")).filter(s -> !s.isEmpty());
    Optional<URL> jwks =
        Optional.ofNullable(env.get("REHEARSE_JWT_JWKS_URL"))
            .filter(s -> !s.isEmpty())
            .map(ApiConfig::url);
    if (secret.isPresent() && secret.get().length() < 32) {
      throw new IllegalArgumentException(
          "REHEARSE_JWT_SECRET must be a secret of at least 32 characters");
    }
    if (secret.isEmpty() && jwks.isEmpty()) {
      throw new IllegalArgumentException(
          "set REHEARSE_JWT_SECRET (HS256) or REHEARSE_JWT_JWKS_URL (RS256/ES256)");
    }
    return new ApiConfig(
        Integer.parseInt(env.getOrDefault("REHEARSE_API_PORT", "8080")),
        env.getOrDefault("REHEARSE_API_HOST", "127.0.0.1"),
        Connections.fromEnv(env),
        secret,
        jwks,
        env.getOrDefault("REHEARSE_JWT_ISSUER", "rehearse"),
        env.getOrDefault("REHEARSE_JWT_AUDIENCE", "rehearse-api"),
        Duration.ofMillis(Long.parseLong(env.getOrDefault("REHEARSE_REPLY_TIMEOUT_MS", "5000"))),
        Long.parseLong(env.getOrDefault("REHEARSE_MAX_BODY_BYTES", String.valueOf(256 * 1024))),
        Arrays.stream(env.getOrDefault("REHEARSE_CORS_ORIGINS", "").split(","))
            .map(String::strip)
            .filter(o -> !o.isEmpty())
            .toList(),
        LiveKitTokens.Settings.fromEnv(env),
        Integer.parseInt(env.getOrDefault("REHEARSE_ANALYTICS_MIN_GROUP", "5")),
        Synthesizers.Settings.fromEnv(env, "espeak-ng"),
        env.getOrDefault("REHEARSE_API_INSTANCE", "0").strip());
  }

  private static URL url(String value) {
    try {
      URI uri = new URI(value);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        throw new IllegalArgumentException("REHEARSE_JWT_JWKS_URL must be an http(s) URL");
      }
      return uri.toURL();
    } catch (URISyntaxException | MalformedURLException e) {
      throw new IllegalArgumentException("REHEARSE_JWT_JWKS_URL is not a URL: " + value);
    }
  }
}
