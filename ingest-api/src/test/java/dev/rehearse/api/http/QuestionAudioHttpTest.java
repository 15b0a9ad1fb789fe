package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.rehearse.api.service.InMemorySessionReader;
import dev.rehearse.api.service.QuestionSpeech;
import dev.rehearse.api.service.SessionOwnerView;
import dev.rehearse.api.service.SessionOwners;
import dev.rehearse.api.service.Wavs;
import dev.rehearse.core.json.Json;
import dev.rehearse.voice.tts.InMemorySpeechCache;
import dev.rehearse.voice.tts.SpeechSynthesizer;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /ai-interview/sessions/{id}/questions/{index}/audio} on a real Javalin server, its
 * speech made by the configured chain against a local server that speaks Cartesia's {@code
 * /tts/bytes} protocol: the question's WAV, made once and then served from the cache; the owner
 * only; problems for an unknown session or question, a wrong role, and no synthesizer or a failing
 * one.
 */
class QuestionAudioHttpTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-speech-test";
  private static final String KEY = "sk_car_test_key";
  private static final String VOICE_ID = "voice-of-the-test";
  private static final String S1 = "00000000-0000-0000-0000-0000000000b1";
  private static final String FIRST = "Tell me about a time you disagreed with your manager.";
  private static final String SECOND = "What would you do differently today?";
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** What the fake Cartesia answers: a WAV at the sample rate asked for. */
  private static final byte[] CARTESIA_WAV = Wavs.tone(24_000, 600);

  private final List<JsonNode> cartesiaBodies = new CopyOnWriteArrayList<>();
  private final List<String> cartesiaAuth = new CopyOnWriteArrayList<>();
  private final List<String> cartesiaVersions = new CopyOnWriteArrayList<>();
  private final AtomicInteger cartesiaStatus = new AtomicInteger(200);
  private HttpServer cartesia;
  private Javalin app;
  private InMemorySessionReader sessions;

  @BeforeEach
  void startCartesia() throws Exception {
    cartesia = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    cartesia.createContext(
        "/tts/bytes",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          cartesiaBodies.add(MAPPER.readTree(body));
          cartesiaAuth.add(exchange.getRequestHeaders().getFirst("Authorization"));
          cartesiaVersions.add(exchange.getRequestHeaders().getFirst("Cartesia-Version"));
          int status = cartesiaStatus.get();
          byte[] reply =
              status == 200
                  ? CARTESIA_WAV
                  : "{\"error\":\"overloaded\"}".getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", status == 200 ? "audio/wav" : "application/json");
          exchange.sendResponseHeaders(status, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    cartesia.start();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    cartesia.stop(0);
  }

  /** The configuration as the API reads it: Cartesia at the fake, espeak-ng left out. */
  private Synthesizers.Settings cartesiaSettings() {
    return Synthesizers.Settings.fromEnv(
        Map.of(
            Synthesizers.CARTESIA_API_KEY,
            KEY,
            Synthesizers.CARTESIA_BASE_URL,
            "http://127.0.0.1:" + cartesia.getAddress().getPort(),
            Synthesizers.CARTESIA_VOICE_ID,
            VOICE_ID,
            Synthesizers.OFFLINE,
            "false"),
        "espeak-ng");
  }

  /** The API over a session of ana's that asked two questions and has the first one answered. */
  private void startApi(Optional<SpeechSynthesizer> speech) {
    startApi(speech, Duration.ofMillis(200));
  }

  /**
   * The same, the API waiting up to {@code projectionWait} for a question of a session it saw
   * start.
   */
  private void startApi(Optional<SpeechSynthesizer> speech, Duration projectionWait) {
    startApi(speech, projectionWait, SECOND);
  }

  /** The same, the session's current question being {@code current}. */
  private void startApi(
      Optional<SpeechSynthesizer> speech, Duration projectionWait, String current) {
    sessions =
        new InMemorySessionReader()
            .session(
                Map.of(
                    "sessionId",
                    S1,
                    "userId",
                    "ana",
                    "status",
                    "active",
                    "questionCount",
                    3,
                    "questionsAsked",
                    2,
                    "currentQuestion",
                    current))
            .turn(
                S1,
                Map.of(
                    "eventId",
                    S1 + "/answer/0",
                    "sessionId",
                    S1,
                    "userId",
                    "ana",
                    "index",
                    0,
                    "question",
                    FIRST,
                    "answer",
                    "I listened first.",
                    "at",
                    "2026-01-01T00:00:00Z"));
    // this instance saw ana start the session
    SessionOwnerView owners =
        new SessionOwnerView(1000, Duration.ofMinutes(15), Duration.ZERO, Clock.systemUTC());
    owners.remember(SessionOwners.Owned.active(S1, "ana"));
    Api.Services fakes = TestServices.create(MAPPER);
    Api.Services services =
        new Api.Services(
            fakes.sessions(),
            fakes.profiles(),
            fakes.cohorts(),
            fakes.analytics(),
            fakes.stream(),
            new QuestionSpeech(sessions, owners, speech, projectionWait));
    app =
        TestApi.start(
            services,
            TestApi.config(SECRET, Duration.ofSeconds(2), List.of(), cartesiaSettings()),
            TestApi.limits(100, 100, 100));
  }

  /** The chain the configuration makes, behind a cache of its own. */
  private Optional<SpeechSynthesizer> configuredChain() {
    return Synthesizers.create(
        cartesiaSettings(), new InMemorySpeechCache(1 << 20), HttpClient.newHttpClient());
  }

  private HttpResponse<byte[]> get(String path, String user, String role) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (user != null) {
      request.header("Authorization", "Bearer " + token(user, role));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String audio(String session, Object index) {
    return "/ai-interview/sessions/" + session + "/questions/" + index + "/audio";
  }

  private static String token(String user, String role) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("rehearse")
            .audience("rehearse-api")
            .subject(user)
            .claim("roles", List.of(role))
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static JsonNode problem(HttpResponse<byte[]> r, int status) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = MAPPER.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    return body;
  }

  @Test
  void theCurrentQuestionIsSpokenByCartesiaOnceAndThenServedFromTheCache() throws Exception {
    startApi(configuredChain());

    HttpResponse<byte[]> first = get(audio(S1, 1), "ana", "candidate");
    HttpResponse<byte[]> again = get(audio(S1, 1), "ana", "candidate");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("audio/wav");
    assertThat(first.headers().firstValue("X-Speech-Provider")).hasValue("cartesia");
    assertThat(first.body()).isEqualTo(CARTESIA_WAV);
    // Cartesia was asked once, as its API documents, for the session's current question
    assertThat(cartesiaBodies).hasSize(1);
    JsonNode asked = cartesiaBodies.get(0);
    assertThat(asked.path("transcript").asText()).isEqualTo(SECOND);
    assertThat(asked.path("voice").path("mode").asText()).isEqualTo("id");
    assertThat(asked.path("voice").path("id").asText()).isEqualTo(VOICE_ID);
    assertThat(asked.path("output_format").path("container").asText()).isEqualTo("wav");
    assertThat(asked.path("output_format").path("encoding").asText()).isEqualTo("pcm_s16le");
    assertThat(asked.path("model_id").asText()).isNotBlank();
    assertThat(cartesiaAuth).containsExactly("Bearer " + KEY);
    assertThat(cartesiaVersions).hasSize(1).allMatch(v -> v != null && !v.isBlank());
    // the second request is the same audio, and Cartesia heard nothing more
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(CARTESIA_WAV);
    assertThat(cartesiaBodies).hasSize(1);
  }

  @Test
  void anAnsweredQuestionIsSpokenFromItsTurn() throws Exception {
    startApi(configuredChain());

    HttpResponse<byte[]> r = get(audio(S1, 0), "ana", "candidate");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(cartesiaBodies)
        .extracting(b -> b.path("transcript").asText())
        .containsExactly(FIRST);
  }

  @Test
  void anUnknownSessionOrQuestionIsNotFoundAndCartesiaIsNotAsked() throws Exception {
    startApi(configuredChain());

    problem(get(audio(S1, 2), "ana", "candidate"), 404);
    problem(get(audio(S1, "first"), "ana", "candidate"), 404);
    problem(get(audio("00000000-0000-0000-0000-0000000000ff", 0), "ana", "candidate"), 404);
    problem(get(audio("not-a-session", 0), "ana", "candidate"), 404);

    assertThat(cartesiaBodies).isEmpty();
  }

  @Test
  void onlyTheOwnerMayHearTheQuestions() throws Exception {
    startApi(configuredChain());

    // another candidate's request reads the session as absent, like every session read
    problem(get(audio(S1, 1), "bob", "candidate"), 404);
    // a role that does not practise interviews, and no token at all
    JsonNode forbidden = problem(get(audio(S1, 1), "ana", "analyst"), 403);
    assertThat(forbidden.path("detail").asText()).contains("candidate");
    problem(get(audio(S1, 1), null, null), 401);

    assertThat(cartesiaBodies).isEmpty();
  }

  @Test
  void aQuestionAskedAMomentAgoIsSpokenOnceItReachesTheSessionDocument() throws Exception {
    startApi(configuredChain(), Duration.ofSeconds(5));
    String third = "Which of your decisions would you defend again?";
    Thread projection =
        new Thread(
            () -> {
              try {
                Thread.sleep(400);
              } catch (InterruptedException e) {
                return;
              }
              // the projection updates the document in place: the same key, a new value
              sessions.session(
                  Map.of(
                      "sessionId",
                      S1,
                      "userId",
                      "ana",
                      "status",
                      "active",
                      "questionCount",
                      3,
                      "questionsAsked",
                      3,
                      "currentQuestion",
                      third));
            });
    projection.start();

    HttpResponse<byte[]> r = get(audio(S1, 2), "ana", "candidate");
    projection.join();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(cartesiaBodies)
        .extracting(b -> b.path("transcript").asText())
        .containsExactly(third);
  }

  @Test
  void anotherUsersSessionAndAnIndexPastTheCountAreNotFoundWithoutWaiting() throws Exception {
    startApi(configuredChain(), Duration.ofSeconds(5));

    long start = System.nanoTime();
    problem(get(audio(S1, 1), "bob", "candidate"), 404);
    problem(get(audio(S1, 3), "ana", "candidate"), 404);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(cartesiaBodies).isEmpty();
  }

  @Test
  void withoutASynthesizerTheAudioIsUnavailable() throws Exception {
    startApi(Optional.empty());

    HttpResponse<byte[]> r = get(audio(S1, 1), "ana", "candidate");

    JsonNode body = problem(r, 503);
    assertThat(body.path("detail").asText()).contains("no speech synthesizer");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void whenCartesiaFailsAndNothingFallsBackTheAudioIsUnavailable() throws Exception {
    cartesiaStatus.set(503);
    startApi(configuredChain());

    HttpResponse<byte[]> r = get(audio(S1, 1), "ana", "candidate");

    problem(r, 503);
    // asked, and asked once more after its 5xx, as the provider client retries
    assertThat(cartesiaBodies).hasSize(2);
  }

  @Test
  void aQuestionLongerThanAnySynthesizerSpeaksIsUnprocessableAndCartesiaIsNotAsked()
      throws Exception {
    startApi(configuredChain(), Duration.ofMillis(200), "Why? ".repeat(700));

    JsonNode body = problem(get(audio(S1, 1), "ana", "candidate"), 422);

    assertThat(body.path("detail").asText()).contains("3500 characters").contains("at most 3000");
    assertThat(cartesiaBodies).isEmpty();
  }
}
