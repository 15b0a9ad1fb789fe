package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveKitTokensTest {

  private static final String SECRET = "livekit-secret-0123456789abcdef-0123";
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private final LiveKitTokens tokens =
      new LiveKitTokens(
          new LiveKitTokens.Settings(
              "wss://rtc.example.com", "APIkey123", SECRET, Duration.ofMinutes(30)),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void theTokenIsALiveKitJwtForTheCallersOwnRoom() throws Exception {
    LiveKitTokens.Grant grant = tokens.issue("user-7", "s-42");

    SignedJWT jwt = SignedJWT.parse(grant.token());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("APIkey123");
    assertThat(claims.getSubject()).isEqualTo("user-7");
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(NOW);
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(claims.getJSONObjectClaim("video"))
        .containsEntry("room", "rehearse-s-42")
        .containsEntry("roomJoin", true)
        .containsEntry("canPublish", true)
        .containsEntry("canSubscribe", true)
        .doesNotContainKey("roomAdmin")
        .doesNotContainKey("roomCreate");
    assertThat(grant.room()).isEqualTo("rehearse-s-42");
    assertThat(grant.url()).isEqualTo("wss://rtc.example.com");
  }

  @Test
  void settingsNeedUrlKeyAndALongSecret() {
    assertThat(LiveKitTokens.Settings.fromEnv(Map.of())).isEmpty();
    assertThat(
            LiveKitTokens.Settings.fromEnv(
                Map.of(
                    "REHEARSE_LIVEKIT_URL",
                    "wss://x",
                    "REHEARSE_LIVEKIT_API_KEY",
                    "k",
                    "REHEARSE_LIVEKIT_API_SECRET",
                    SECRET)))
        .hasValueSatisfying(s -> assertThat(s.ttl()).isEqualTo(Duration.ofHours(1)));
    assertThatThrownBy(
            () ->
                LiveKitTokens.Settings.fromEnv(
                    Map.of(
                        "REHEARSE_LIVEKIT_URL",
                        "wss://x",
                        "REHEARSE_LIVEKIT_API_KEY",
                        "k",
                        "REHEARSE_LIVEKIT_API_SECRET",
                        "short")))
        .hasMessageContaining("REHEARSE_LIVEKIT_API_SECRET");
  }
}
