package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.api.service.InMemoryAudioStore;
import dev.rehearse.api.service.LiveKitEgress;
import dev.rehearse.api.service.LiveKitWebhooks;
import dev.rehearse.core.json.Json;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /livekit/webhook} on a real Javalin server: no bearer token, LiveKit's signature
 * instead; refusals are problems; the body is bounded.
 */
class LiveKitWebhookHttpTest {

  private static final String KEY = "APIkey123";
  private static final String SECRET = "livekit-secret-0123456789abcdef-0123";
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String EVENT =
      "{\"event\":\"participant_joined\",\"id\":\"EV_1\",\"room\":{\"name\":\"rehearse-s\"}}";

  private Javalin app;

  private void start(boolean liveKit) {
    Api.Services fakes = TestServices.create(MAPPER);
    Optional<LiveKitWebhooks> webhooks =
        liveKit
            ? Optional.of(
                new LiveKitWebhooks(
                    KEY,
                    SECRET,
                    new LiveKitEgress(fakes.sessions(), new InMemoryAudioStore(), "rehearse-lake"),
                    Clock.systemUTC()))
            : Optional.empty();
    Api.Services services =
        new Api.Services(
            fakes.sessions(),
            fakes.profiles(),
            fakes.cohorts(),
            fakes.analytics(),
            fakes.stream(),
            fakes.questions(),
            webhooks);
    app =
        TestApi.start(
            services,
            TestApi.config(
                "0123456789abcdef0123456789abcdef-webhook-test",
                Duration.ofSeconds(2),
                List.of(),
                Synthesizers.Settings.NONE),
            TestApi.limits(100, 100, 100));
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private static String sign(String secret, byte[] body) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(KEY)
            .notBeforeTime(Date.from(now.minusSeconds(1)))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim(
                "sha256",
                Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(body)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private HttpResponse<String> post(String authorization, byte[] body) throws Exception {
    return post(authorization, "application/webhook+json", body);
  }

  private HttpResponse<String> post(String authorization, String contentType, byte[] body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + LiveKitWebhook.PATH))
            .header("Authorization", authorization)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = MAPPER.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("instance").asText()).isEqualTo(LiveKitWebhook.PATH);
  }

  @Test
  void aSignedWebhookIsAcknowledgedWithoutABearerToken() throws Exception {
    start(true);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r = post(sign(SECRET, body), body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(r.body()).path("status").asText()).isEqualTo("received");
  }

  @Test
  void aForgedOrReplayedWebhookIsA401Problem() throws Exception {
    start(true);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);

    assertProblem(post(sign("forged-secret-0123456789abcdef-0123", body), body), 401);
    assertThat(post(sign(SECRET, body), body).statusCode()).isEqualTo(200);
    assertProblem(post(sign(SECRET, body), body), 401);
  }

  @Test
  void aBodyPastTheBoundIsA413Problem() throws Exception {
    start(true);
    String padding = " ".repeat(LiveKitWebhooks.MAX_BODY_BYTES);
    byte[] body = (EVENT + padding).getBytes(StandardCharsets.UTF_8);

    assertProblem(post(sign(SECRET, body), body), 413);
  }

  @Test
  void aBodyThatIsNotJsonIsA415Problem() throws Exception {
    start(true);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);

    assertProblem(post(sign(SECRET, body), "text/plain", body), 415);
  }

  @Test
  void withoutLiveKitTheWebhookIsA503Problem() throws Exception {
    start(false);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);

    assertProblem(post(sign(SECRET, body), body), 503);
  }
}
