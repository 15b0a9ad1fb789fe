package dev.rehearse.api.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.rehearse.api.service.Caller;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens. The algorithms are an allowlist: HS256 with the configured secret, and
 * RS256/ES256 with the keys of a JWKS URL (fetched and cached); {@code none} and anything else is
 * refused. The issuer and audience must match, a subject is required, and {@code exp}/{@code nbf}
 * are checked with at most 60 s of clock skew.
 *
 * <p>A token that verified is remembered, by its exact text (signature included), until it expires
 * (with the same skew) or for at most {@link #REMEMBERED_FOR}, whichever comes first: a client
 * sends the same token with every request, and checking its signature and claims each time was
 * about 6% of the API's CPU under load. Tokens that fail are not remembered.
 */
public final class TokenVerifier {

  /** The roles a token may grant; unknown ones are ignored. */
  public static final List<String> KNOWN_ROLES =
      List.of("candidate", "cohort_admin", "analyst", "admin");

  private static final Set<JWSAlgorithm> ASYMMETRIC =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  /** How long a verified token is taken without checking it again (a JWKS key may be revoked). */
  public static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

  static final int REMEMBERED_TOKENS = 10_000;
  private static final int MAX_CLOCK_SKEW_SECONDS = 60;

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Clock clock;
  private final Cache<String, Verified> verified =
      Caffeine.newBuilder().maximumSize(REMEMBERED_TOKENS).expireAfterWrite(REMEMBERED_FOR).build();

  private record Verified(Caller caller, Instant validUntil) {}

  /** HS256 only, with {@code secret}. */
  public TokenVerifier(String secret, String issuer, String audience) {
    this(Optional.of(secret), Optional.empty(), issuer, audience);
  }

  /**
   * @param secret the HS256 key, if HS256 tokens are accepted
   * @param jwks the JWKS URL of the identity provider, if RS256/ES256 tokens are accepted
   */
  public TokenVerifier(
      Optional<String> secret, Optional<URL> jwks, String issuer, String audience) {
    this(secret, jwks, issuer, audience, Clock.systemUTC());
  }

  /** As above, with the clock {@code exp} and {@code nbf} are checked against. */
  TokenVerifier(
      Optional<String> secret, Optional<URL> jwks, String issuer, String audience, Clock clock) {
    this.clock = clock;
    if (secret.isEmpty() && jwks.isEmpty()) {
      throw new IllegalArgumentException("a JWT secret or a JWKS URL is required");
    }
    Optional<JWSKeySelector<SecurityContext>> hmac =
        secret.map(
            s ->
                new JWSVerificationKeySelector<>(
                    JWSAlgorithm.HS256, new ImmutableSecret<>(s.getBytes(StandardCharsets.UTF_8))));
    Optional<JWSKeySelector<SecurityContext>> keys =
        jwks.map(
            url -> {
              JWKSource<SecurityContext> source =
                  JWKSourceBuilder.create(url).retrying(true).build();
              return new JWSVerificationKeySelector<>(ASYMMETRIC, source);
            });
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        (JWSHeader header, SecurityContext ctx) -> select(header, ctx, hmac, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp", "iat")) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  private static List<? extends Key> select(
      JWSHeader header,
      SecurityContext ctx,
      Optional<JWSKeySelector<SecurityContext>> hmac,
      Optional<JWSKeySelector<SecurityContext>> keys)
      throws com.nimbusds.jose.KeySourceException {
    Optional<JWSKeySelector<SecurityContext>> selector =
        JWSAlgorithm.HS256.equals(header.getAlgorithm())
            ? hmac
            : ASYMMETRIC.contains(header.getAlgorithm()) ? keys : Optional.empty();
    return selector.isPresent() ? selector.get().selectJWSKeys(header, ctx) : List.of();
  }

  /** The caller a valid token names; empty for any invalid, expired or forged token. */
  public Optional<Caller> verify(String token) {
    Verified known = verified.getIfPresent(token);
    if (known != null && !clock.instant().isAfter(known.validUntil())) {
      return Optional.of(known.caller());
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      Set<String> roles = new HashSet<>();
      List<String> claimed = claims.getStringListClaim("roles");
      if (claimed != null) {
        claimed.stream().filter(KNOWN_ROLES::contains).forEach(roles::add);
      }
      if (roles.isEmpty()) {
        roles.add("candidate");
      }
      Caller caller = new Caller(claims.getSubject(), roles);
      verified.put(
          token,
          new Verified(
              caller, claims.getExpirationTime().toInstant().plusSeconds(MAX_CLOCK_SKEW_SECONDS)));
      return Optional.of(caller);
    } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
      verified.invalidate(token);
      return Optional.empty();
    }
  }
}
