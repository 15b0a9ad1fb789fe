package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.rehearse.api.service.Caller;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RS256/ES256 tokens verified with the keys an identity provider publishes at a JWKS URL. */
class JwksTokenVerifierTest {

  private static RSAKey rsa;
  private static ECKey ec;
  private static HttpServer server;
  private static TokenVerifier verifier;

  @BeforeAll
  static void publishKeys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    byte[] jwks =
        new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    server.start();
    URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    verifier = new TokenVerifier(Optional.empty(), Optional.of(url), "idp", "rehearse-api");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer("idp")
        .audience("rehearse-api")
        .subject("u7")
        .claim("roles", List.of("cohort_admin"))
        .issueTime(Date.from(Instant.now()))
        .expirationTime(Date.from(Instant.now().plusSeconds(600)));
  }

  private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet c)
      throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), c);
    jwt.sign(signer);
    return jwt.serialize();
  }

  @Test
  void rs256AndEs256TokensSignedWithPublishedKeysAreAccepted() throws Exception {
    String rs = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims().build());
    String es = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims().build());

    assertThat(verifier.verify(rs)).contains(new Caller("u7", java.util.Set.of("cohort_admin")));
    assertThat(verifier.verify(es).map(Caller::userId)).contains("u7");
  }

  @Test
  void aTokenSignedWithAnUnpublishedKeyIsRefused() throws Exception {
    RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-1").generate();

    assertThat(
            verifier.verify(
                sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(other), claims().build())))
        .isEmpty();
  }

  @Test
  void hs256IsRefusedWhenNoSecretIsConfiguredEvenKeyedWithThePublicKey() throws Exception {
    byte[] publicKey = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    String token = sign(JWSAlgorithm.HS256, "rsa-1", new MACSigner(publicKey), claims().build());

    assertThat(verifier.verify(token)).isEmpty();
  }

  @Test
  void aTokenNotValidYetIsRefused() throws Exception {
    JWTClaimsSet early = claims().notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build();

    assertThat(verifier.verify(sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), early)))
        .isEmpty();
  }

  @Test
  void anAlgorithmOutsideTheAllowlistIsRefused() throws Exception {
    String rs512 = sign(JWSAlgorithm.RS512, "rsa-1", new RSASSASigner(rsa), claims().build());

    assertThat(verifier.verify(rs512)).isEmpty();
  }
}
