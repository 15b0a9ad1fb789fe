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

  /**
   * LiveKit settings; absent when the deployment has no LiveKit.
   *
   * @param url where clients connect ({@code wss://…})
   * @param ttl how long a token is valid
   * @param apiUrl the room service's base URL: {@code url} with {@code wss}/{@code ws} read as
   *     {@code https}/{@code http} unless set apart
   * @param emptyTimeout how long LiveKit keeps a session's room that nobody is in
   */
  public record Settings(
      String url,
      String apiKey,
      String apiSecret,
      Duration ttl,
      String apiUrl,
      Duration emptyTimeout) {

    /** Settings whose room service is at {@code url}, rooms kept 5 minutes empty. */
    public Settings(String url, String apiKey, String apiSecret, Duration ttl) {
      this(url, apiKey, apiSecret, ttl, httpUrl(url), Duration.ofMinutes(5));
    }

    /**
     * From {@code REHEARSE_LIVEKIT_URL}, {@code _API_KEY}, {@code _API_SECRET}, {@code
     * _TTL_SECONDS}, {@code _API_URL}, {@code _EMPTY_TIMEOUT_SECONDS}.
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
      String apiUrl = env.getOrDefault("REHEARSE_LIVEKIT_API_URL", httpUrl(url));
      if (!apiUrl.startsWith("https://") && !apiUrl.startsWith("http://")) {
        throw new IllegalArgumentException(
            "REHEARSE_LIVEKIT_API_URL must be an http(s) URL: " + apiUrl);
      }
      long empty =
          Long.parseLong(env.getOrDefault("REHEARSE_LIVEKIT_EMPTY_TIMEOUT_SECONDS", "300"));
      return Optional.of(
          new Settings(
              url, key, secret, Duration.ofSeconds(ttl), apiUrl, Duration.ofSeconds(empty)));
    }

    /** The same server over HTTP: {@code wss://h} is {@code https://h}, {@code ws://h} http. */
    static String httpUrl(String url) {
      if (url.startsWith("wss://")) {
        return "https://" + url.substring("wss://".length());
      }
      if (url.startsWith("ws://")) {
        return "http://" + url.substring("ws://".length());
      }
      return url;
    }
  }

  /** A token with what the client needs to connect. */
  public record Grant(String token, String url, String room, String identity, Instant expiresAt) {}

  private final Settings settings;
  private final Clock clock;
  private final Optional<LiveKitRooms> rooms;

  /** Tokens only: rooms are left to LiveKit, which creates one when its first participant joins. */
  public LiveKitTokens(Settings settings, Clock clock) {
    this(settings, clock, Optional.empty());
  }

  /** Tokens to rooms that are created through {@code rooms} before a token is issued. */
  public LiveKitTokens(Settings settings, Clock clock, Optional<LiveKitRooms> rooms) {
    this.settings = settings;
    this.clock = clock;
    this.rooms = rooms;
  }

  /** Opens the session's room (503 when it cannot be), then issues a token to join it. */
  public Grant join(String userId, String sessionId) {
    rooms.ifPresent(r -> r.open(sessionId));
    return issue(userId, sessionId);
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
