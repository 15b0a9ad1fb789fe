package dev.rehearse.api.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * LiveKit access tokens: a JWT signed (HS256) with the project's API secret, issued by its API key,
 * naming the participant ({@code sub}) and a {@code video} grant to join, publish and subscribe in
 * one room — the candidate's own session room, {@code rehearse-<sessionId>}.
 */
public final class LiveKitTokens {

  /** LiveKit settings; absent when the deployment has no LiveKit. */
  public record Settings(String url, String apiKey, String apiSecret, Duration ttl) {

    /**
     * From {@code REHEARSE_LIVEKIT_URL}, {@code _API_KEY}, {@code _API_SECRET}, {@code
     * _TTL_SECONDS}.
     */
    public static Optional<Settings> fromEnv(Map<String, String> env) {
      String url = env.get("REHEARSE_LIVEKIT_URL");
      String key = env.get("REHEARSE_LIVEKIT_API_KEY");
      String secret = env.get("REHEARSE_LIVEKIT_API_SECRET");
      if (url == null || key == null || secret == null) {
        return Optional.empty();
      }
      if (secret.length() < 32) {
        throw new IllegalArgumentException(
            "REHEARSE_LIVEKIT_API_SECRET must be at least 32 characters");
      }
      long ttl = Long.parseLong(env.getOrDefault("REHEARSE_LIVEKIT_TTL_SECONDS", "3600"));
      return Optional.of(new Settings(url, key, secret, Duration.ofSeconds(ttl)));
    }
  }

  /** A token with what the client needs to connect. */
  public record Grant(String token, String url, String room, String identity, Instant expiresAt) {}

  private final Settings settings;
  private final Clock clock;

  public LiveKitTokens(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public static String room(String sessionId) {
    return "rehearse-" + sessionId;
  }

  public Grant issue(String userId, String sessionId) {
    Instant now = clock.instant();
    Instant expires = now.plus(settings.ttl());
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(settings.apiKey())
            .subject(userId)
            .jwtID(UUID.randomUUID().toString())
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .claim("name", userId)
            .claim(
                "video",
                Map.of(
                    "room", room(sessionId),
                    "roomJoin", true,
                    "canPublish", true,
                    "canSubscribe", true,
                    "canPublishData", true))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(settings.apiSecret().getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a LiveKit token", e);
    }
    return new Grant(jwt.serialize(), settings.url(), room(sessionId), userId, expires);
  }
}
