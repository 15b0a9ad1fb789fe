package dev.rehearse.api;

import dev.rehearse.core.config.Connections;
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
 * @param connections Kafka and Elasticsearch ({@link Connections})
 * @param jwtSecret {@code REHEARSE_JWT_SECRET}: the HS256 key (at least 32 bytes) tokens are signed
 *     with; required
 * @param jwtIssuer {@code REHEARSE_JWT_ISSUER}, default {@code rehearse}
 * @param jwtAudience {@code REHEARSE_JWT_AUDIENCE}, default {@code rehearse-api}
 * @param replyTimeout {@code REHEARSE_REPLY_TIMEOUT_MS}, default 5 s: how long a request waits for
 *     the interviewer before answering 202
 * @param maxBodyBytes {@code REHEARSE_MAX_BODY_BYTES}, default 256 KiB
 * @param corsOrigins {@code REHEARSE_CORS_ORIGINS}: comma-separated origins browsers may call the
 *     API from (for example {@code https://app.example.com}); none by default
 * @param liveKit {@code REHEARSE_LIVEKIT_URL}, {@code _API_KEY}, {@code _API_SECRET}, {@code
 *     _TTL_SECONDS}: where candidates' audio rooms are; without them the token endpoint answers 503
 */
public record ApiConfig(
    int port,
    Connections connections,
    String jwtSecret,
    String jwtIssuer,
    String jwtAudience,
    Duration replyTimeout,
    long maxBodyBytes,
    List<String> corsOrigins,
    Optional<LiveKitTokens.Settings> liveKit) {

  public ApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }

  public static ApiConfig fromEnv(Map<String, String> env) {
    String secret = env.get("REHEARSE_JWT_SECRET");
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException(
          "REHEARSE_JWT_SECRET must be set to a secret of at least 32 characters");
    }
    return new ApiConfig(
        Integer.parseInt(env.getOrDefault("REHEARSE_API_PORT", "8080")),
        Connections.fromEnv(env),
        secret,
        env.getOrDefault("REHEARSE_JWT_ISSUER", "rehearse"),
        env.getOrDefault("REHEARSE_JWT_AUDIENCE", "rehearse-api"),
        Duration.ofMillis(Long.parseLong(env.getOrDefault("REHEARSE_REPLY_TIMEOUT_MS", "5000"))),
        Long.parseLong(env.getOrDefault("REHEARSE_MAX_BODY_BYTES", String.valueOf(256 * 1024))),
        Arrays.stream(env.getOrDefault("REHEARSE_CORS_ORIGINS", "").split(","))
            .map(String::strip)
            .filter(o -> !o.isEmpty())
            .toList(),
        LiveKitTokens.Settings.fromEnv(env));
  }
}
