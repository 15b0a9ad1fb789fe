package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.api.MovableClock;
import dev.rehearse.api.service.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  private final TokenVerifier verifier = new TokenVerifier(SECRET, "rehearse", "rehearse-api");

  private final Instant start = Instant.now();
  private final MovableClock clock = new MovableClock(start);

  /** A verifier that reads {@link #clock}. */
  private TokenVerifier timed() {
    return new TokenVerifier(
        Optional.of(SECRET), Optional.empty(), "rehearse", "rehearse-api", clock);
  }

  private static JWTClaimsSet.Builder claims(Instant exp) {
    return new JWTClaimsSet.Builder()
        .issuer("rehearse")
        .audience("rehearse-api")
        .subject("u1")
        .issueTime(Date.from(Instant.now()))
        .expirationTime(Date.from(exp));
  }

  private static String sign(JWTClaimsSet claims, String secret) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  @Test
  void aValidTokenNamesTheCallerAndTheirKnownRoles() throws Exception {
    String token =
        sign(
            claims(Instant.now().plusSeconds(600))
                .claim("roles", List.of("analyst", "root"))
                .build(),
            SECRET);

    Caller caller = verifier.verify(token).orElseThrow();

    assertThat(caller.userId()).isEqualTo("u1");
    assertThat(caller.roles()).containsExactly("analyst");
  }

  @Test
  void withoutRolesTheCallerIsACandidate() throws Exception {
    String token = sign(claims(Instant.now().plusSeconds(600)).build(), SECRET);

    assertThat(verifier.verify(token).orElseThrow().roles()).containsExactly("candidate");
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    assertThat(verifier.verify(sign(claims(Instant.now().minusSeconds(120)).build(), SECRET)))
        .isEmpty();
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
    String token =
        sign(
            claims(Instant.now().plusSeconds(600)).build(),
            "another-secret-of-at-least-32-bytes!!");

    assertThat(verifier.verify(token)).isEmpty();
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String token =
        new PlainJWT(new PlainHeader(), claims(Instant.now().plusSeconds(600)).build()).serialize();

    assertThat(verifier.verify(token)).isEmpty();
  }

  @Test
  void aTokenForAnotherAudienceOrIssuerIsRefused() throws Exception {
    assertThat(
            verifier.verify(
                sign(claims(Instant.now().plusSeconds(600)).audience("other").build(), SECRET)))
        .isEmpty();
    assertThat(
            verifier.verify(
                sign(claims(Instant.now().plusSeconds(600)).issuer("evil").build(), SECRET)))
        .isEmpty();
  }

  @Test
  void garbageIsRefused() {
    assertThat(verifier.verify("not.a.token")).isEmpty();
    assertThat(verifier.verify("")).isEmpty();
  }

  @Test
  void aTokenThatVerifiedIsRefusedOnceItHasExpired() throws Exception {
    TokenVerifier timed = timed();
    String token = sign(claims(start.plusSeconds(600)).build(), SECRET);

    assertThat(timed.verify(token)).isPresent();
    clock.advance(Duration.ofSeconds(600 + 59));
    assertThat(timed.verify(token)).as("within the clock skew").isPresent();
    clock.advance(Duration.ofSeconds(2));
    assertThat(timed.verify(token)).as("past exp and the skew").isEmpty();
  }

  @Test
  void aTokenRefusedOnceIsCheckedAgainLater() throws Exception {
    TokenVerifier timed = timed();
    String token =
        sign(
            claims(start.plusSeconds(3600))
                .notBeforeTime(Date.from(start.plusSeconds(300)))
                .build(),
            SECRET);

    assertThat(timed.verify(token)).as("not valid before nbf").isEmpty();
    clock.advance(Duration.ofSeconds(300));
    assertThat(timed.verify(token).map(Caller::userId)).contains("u1");
  }

  @Test
  void aRememberedTokenDoesNotVouchForTheSameClaimsSignedWithAnotherSecret() throws Exception {
    JWTClaimsSet same = claims(Instant.now().plusSeconds(600)).build();
    assertThat(verifier.verify(sign(same, SECRET))).isPresent();

    assertThat(verifier.verify(sign(same, "another-secret-of-at-least-32-bytes!!"))).isEmpty();
  }
}
