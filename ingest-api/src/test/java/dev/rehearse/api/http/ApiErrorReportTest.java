package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.api.service.CommandBus;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.JsonLineEncoder;
import dev.rehearse.observability.UserIds;
import dev.rehearse.observability.testing.FakeSentry;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Error reports and log lines of the real routes over in-memory fakes, with error tracking sent to
 * a local fake Sentry: a 5xx reply is one event tagged with the request id and the route, and no
 * profile text or raw user id leaves.
 */
class ApiErrorReportTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-error-test";
  private static final String USER = "candidate-raw-id-7";
  private static final String RESUME =
      "Led the payments team through a painful migration to event sourcing at Globex";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A broker that fails with what it was given in the message, as careless code might. */
  private static final class BrokenBus implements CommandBus {
    @Override
    public <V> Acknowledged publish(Topic<V> topic, String key, V value) {
      throw new IllegalStateException("cannot publish " + key + ": " + value);
    }

    @Override
    public <V> Acknowledged erase(Topic<V> topic, String key) {
      throw new IllegalStateException("cannot erase " + key);
    }
  }

  private static FakeSentry sentry;
  private static Javalin app;

  @BeforeAll
  static void start() throws Exception {
    sentry = new FakeSentry();
    ErrorTracking.start(
        ErrorTracking.Settings.fromEnv(Map.of("REHEARSE_SENTRY_DSN", sentry.dsn()), "api"));
    app =
        TestApi.start(
            services(new BrokenBus()),
            TestApi.config(SECRET, Duration.ofSeconds(1), List.of(), Synthesizers.Settings.NONE),
            TestApi.limits(50, 10, 50));
  }

  @AfterAll
  static void stop() {
    app.stop();
    ErrorTracking.stop();
    sentry.close();
  }

  private static Api.Services services(CommandBus bus) {
    return TestServices.create(Json.newMapper(), bus);
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

  private static HttpResponse<String> postProfile(String requestId) throws Exception {
    String body =
        "{\"targetRole\":\"backend engineer\",\"company\":\"Globex\",\"bio\":\"Calm under"
            + " pressure and happy to mentor every new joiner\",\"resumeText\":\""
            + RESUME
            + "\"}";
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/ai-interview/profile"))
            .header("Authorization", "Bearer " + token(USER))
            .header("Content-Type", "application/json")
            .header("X-Request-Id", requestId)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFailedRequestIsOneScrubbedEvent() throws Exception {
    int before = sentry.awaitEvents(0, Duration.ZERO).size();

    HttpResponse<String> response = postProfile("req-error-1");
    ErrorTracking.flush(5000);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("X-Request-Id")).contains("req-error-1");
    List<FakeSentry.Envelope> events = sentry.awaitEvents(before + 1, Duration.ofSeconds(10));
    List<FakeSentry.Envelope> mine =
        events.stream().filter(e -> e.text().contains("req-error-1")).toList();
    assertThat(mine).hasSize(1);
    String envelope = mine.get(0).text();
    assertThat(mine.get(0).path()).isEqualTo(FakeSentry.envelopePath());
    assertThat(envelope)
        .contains("\"request_id\":\"req-error-1\"")
        .contains("\"route\":\"/ai-interview/profile\"")
        .contains("\"http_status\":\"500\"")
        .contains("\"job\":\"api\"")
        .contains("\"release\":\"" + ErrorTracking.release() + "\"")
        .contains("IllegalStateException")
        .contains(UserIds.hash(USER))
        .doesNotContain(USER)
        .doesNotContain("payments team")
        .doesNotContain("event sourcing")
        .doesNotContain("mentor");
    // nothing else of the request left either, in any envelope
    for (FakeSentry.Envelope any : sentry.envelopes()) {
      assertThat(any.text()).doesNotContain(USER).doesNotContain("Globex").doesNotContain("mentor");
    }
  }

  @Test
  void aRequestsLogLineIsJsonWithItsRequestId() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // the configured appender writes JSON lines (logback.xml)
    assertThat(root.getAppender("out")).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<ILoggingEvent>) root.getAppender("out")).getEncoder())
        .isInstanceOf(JsonLineEncoder.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
    capture.setContext(context);
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(context);
    encoder.start();
    capture.setEncoder(encoder);
    capture.setOutputStream(out);
    capture.start();
    root.addAppender(capture);
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + app.port() + "/ai-interview/profile"))
                  .header("Authorization", "Bearer " + token("someone-else"))
                  .header("X-Request-Id", "req-log-1")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().firstValue("X-Request-Id")).contains("req-log-1");
    } finally {
      root.detachAppender(capture);
      capture.stop();
    }

    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines)
        .anySatisfy(
            json -> {
              assertThat(json.get("request_id").asText()).isEqualTo("req-log-1");
              assertThat(json.get("level").asText()).isEqualTo("INFO");
              assertThat(json.get("message").asText()).startsWith("GET /ai-interview/profile ");
              assertThat(json.get("timestamp").asText()).isNotBlank();
            });
  }

  @Test
  void aClientErrorIsNoEvent() throws Exception {
    int before = sentry.awaitEvents(0, Duration.ZERO).size();

    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/ai-interview/profile"))
                .header("X-Request-Id", "req-401")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    ErrorTracking.flush(2000);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(sentry.awaitEvents(before + 1, Duration.ofMillis(500))).hasSize(before);
  }
}
