package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.core.json.Json;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer on a real Javalin server: headers, CORS, authentication, problems and rate limits.
 * Only routes that answer before reaching the interview service are called here; the journeys
 * through Kafka and Flink are the integration tests'.
 */
class ApiHttpTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-http-test";
  private static final String ORIGIN = "https://app.example.com";
  private static Javalin app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app =
        TestApi.start(
            TestServices.create(Json.newMapper()),
            TestApi.config(
                SECRET, Duration.ofSeconds(1), List.of(ORIGIN), Synthesizers.Settings.NONE),
            TestApi.limits(5, 1, 3));
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
  }

  private static String token(String user) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("rehearse")
            .audience("rehearse-api")
            .subject(user)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  @Test
  void everyResponseCarriesSecurityHeadersAndARequestId() throws Exception {
    HttpResponse<String> r = send(get("/health"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(r.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).hasSize(36));
  }

  @Test
  void aSaneIncomingRequestIdIsKeptAndAnInsaneOneReplaced() throws Exception {
    assertThat(
            send(get("/health").header("X-Request-Id", "lb-0123456789"))
                .headers()
                .firstValue("X-Request-Id"))
        .contains("lb-0123456789");
    assertThat(
            send(get("/health").header("X-Request-Id", "<script>alert(1)</script>"))
                .headers()
                .firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).doesNotContain("<"));
  }

  @Test
  void browsersFromTheConfiguredOriginMayCallTheApi() throws Exception {
    HttpResponse<String> allowed =
        send(
            get("/ai-interview/sessions")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
    HttpResponse<String> other =
        send(
            get("/ai-interview/sessions")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST"));

    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void withoutATokenTheAnswerIsAProblem() throws Exception {
    HttpResponse<String> r = send(get("/ai-interview/sessions"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(r.body()).contains("\"status\":401");
  }

  @Test
  void unknownRoutesAreProblemsToo() throws Exception {
    HttpResponse<String> r = send(get("/nowhere"));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"status\":404").doesNotContain("Endpoint");
  }

  @Test
  void aUserPastTheLimitGets429WithRetryAfter() throws Exception {
    String token = token("http-test-reader");
    HttpRequest.Builder read =
        get("/ai-interview/sessions/not-a-uuid").header("Authorization", "Bearer " + token);

    List<Integer> statuses = new java.util.ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 4; i++) {
      last = send(read);
      statuses.add(last.statusCode());
    }

    assertThat(statuses).containsExactly(404, 404, 404, 429);
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
    assertThat(last.headers().firstValue("RateLimit-Remaining")).contains("0");
    assertThat(last.body()).contains("\"status\":429");
  }

  @Test
  void aMethodThePathDoesNotTakeIs405WithAProblemBody() throws Exception {
    String token = token("http-test-method");

    HttpResponse<String> r =
        send(
            get("/ai-interview/sessions")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token));

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("\"status\":405");
  }
}
