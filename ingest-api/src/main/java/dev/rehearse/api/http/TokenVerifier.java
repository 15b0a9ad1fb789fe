package dev.rehearse.api.http;

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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens. The algorithms are an allowlist: HS256 with the configured secret, and
 * RS256/ES256 with the keys of a JWKS URL (fetched and cached); {@code none} and anything else is
 * refused. The issuer and audience must match, a subject is required, and {@code exp}/{@code nbf}
 * are checked with at most 60 s of clock skew.
 */
public final class TokenVerifier {

  /** The roles a token may grant; unknown ones are ignored. */
  public static final List<String> KNOWN_ROLES =
      List.of("candidate", "cohort_admin", "analyst", "admin");

  private static final Set<JWSAlgorithm> ASYMMETRIC =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  private final DefaultJWTProcessor<SecurityContext> processor;

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
            Set.of("sub", "exp", "iat"));
    claims.setMaxClockSkew(60);
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
      return Optional.of(new Caller(claims.getSubject(), roles));
    } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
