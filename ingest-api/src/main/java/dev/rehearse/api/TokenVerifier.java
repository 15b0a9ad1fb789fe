package dev.rehearse.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens: HS256 only (never {@code none}), the configured issuer and audience, a
 * subject, and {@code exp}/{@code nbf} with at most 60 s of clock skew.
 */
public final class TokenVerifier {

  private static final List<String> KNOWN_ROLES =
      List.of("candidate", "cohort_admin", "analyst", "admin");

  private final DefaultJWTProcessor<SecurityContext> processor;

  public TokenVerifier(String secret, String issuer, String audience) {
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.HS256, new ImmutableSecret<>(secret.getBytes(StandardCharsets.UTF_8))));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp", "iat"));
    claims.setMaxClockSkew(60);
    processor.setJWTClaimsSetVerifier(claims);
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
    } catch (ParseException | BadJOSEException | JOSEException e) {
      return Optional.empty();
    }
  }
}
