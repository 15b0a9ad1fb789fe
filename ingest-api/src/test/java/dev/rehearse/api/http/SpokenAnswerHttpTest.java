package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.api.service.BatchView;
import dev.rehearse.api.service.InMemoryAudioStore;
import dev.rehearse.api.service.InMemoryCommandBus;
import dev.rehearse.api.service.InMemoryReplyWaiter;
import dev.rehearse.api.service.InMemorySessionReader;
import dev.rehearse.api.service.SessionOwnerView;
import dev.rehearse.api.service.SessionService;
import dev.rehearse.api.service.Wavs;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.json.Json;
import dev.rehearse.voice.AudioDecoder;
import dev.rehearse.voice.tts.Synthesizers;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /ai-interview/sessions/{id}/audio} on a real Javalin server over in-memory fakes: the
 * media types taken, the route's own 50 MB bound (past the API's JSON limit), the problems, and
 * that a refused body leaves nothing in the store or on the bus.
 */
class SpokenAnswerHttpTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-audio-test";
  private static final String S1 = "00000000-0000-0000-0000-0000000000a1";
  private static final String PATH = "/ai-interview/sessions/" + S1 + "/audio";
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final InMemoryCommandBus bus = new InMemoryCommandBus();
  private final InMemoryReplyWaiter replies = new InMemoryReplyWaiter();
  private final InMemoryAudioStore audio = new InMemoryAudioStore();
  private final SessionOwnerView owners =
      new SessionOwnerView(1000, Duration.ofMinutes(15), Duration.ZERO, Clock.systemUTC());
  private Javalin app;

  @BeforeEach
  void start() {
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.BEHAVIORAL, "engineer", "mid", Optional.empty(), "en", 3, null);
    owners.onEvent(new SessionStarted(1, "s", S1, "ana", "c0", spec, 3, Instant.now()));
    // the interviewer: metrics of the (untranscribed) answer, then the next question
    bus.onSent(
        sent -> {
          if (sent.value().orElse(null) instanceof SubmitAnswer c) {
            List<SessionEvent> events =
                List.of(
                    new AnswerAnalyzed(
                        1,
                        S1 + "/answer/0",
                        S1,
                        "ana",
                        c.commandId(),
                        0,
                        InterviewType.BEHAVIORAL,
                        InterviewType.BEHAVIORAL,
                        "engineer",
                        "beh-000",
                        "Tell me about a conflict.",
                        c.answer().text(),
                        new AnswerAnalyzer().analyze(c.answer()),
                        Instant.now()),
                    new QuestionAsked(
                        1,
                        "q1",
                        S1,
                        "ana",
                        c.commandId(),
                        1,
                        3,
                        "beh-001",
                        "Next?",
                        Instant.now()));
            replies.answer(c.commandId(), events);
          }
        });
    Api.Services fakes = TestServices.create(MAPPER);
    Api.Services services =
        new Api.Services(
            new SessionService(
                bus,
                replies,
                new InMemorySessionReader(),
                owners,
                new BatchView(MAPPER),
                Duration.ofSeconds(2),
                Clock.systemUTC(),
                Optional.empty(),
                audio),
            fakes.profiles(),
            fakes.cohorts(),
            fakes.analytics(),
            fakes.stream(),
            fakes.questions());
    app =
        TestApi.start(
            services,
            TestApi.config(SECRET, Duration.ofSeconds(2), List.of(), Synthesizers.Settings.NONE),
            TestApi.limits(100, 100, 100));
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private HttpResponse<String> post(String user, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + PATH))
            .header("Authorization", "Bearer " + token(user))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String user) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("rehearse")
            .audience("rehearse-api")
            .subject(user)
            .claim("roles", List.of("candidate"))
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  /**
   * The reply is a problem of {@code status} naming {@code detail}; nothing stored or published.
   */
  private void assertProblem(HttpResponse<String> r, int status, String detail) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = MAPPER.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("detail").asText()).contains(detail);
    assertThat(body.path("instance").asText()).isEqualTo(PATH);
    assertThat(audio.objects()).isEmpty();
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aWavAnswerLargerThanTheJsonLimitIsAnsweredWithItsMetricsAndNextQuestion() throws Exception {
    byte[] wav = Wavs.tone(16_000, 3000); // 96 kB, past the 64 kB JSON limit

    HttpResponse<String> r = post("ana", "audio/wav", wav);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode turn = MAPPER.readTree(r.body());
    assertThat(turn.path("next").path("index").asInt()).isEqualTo(1);
    assertThat(turn.path("metrics").path("durationMs").asLong()).isEqualTo(3000);
    assertThat(turn.path("metrics").has("audio")).isTrue();
    assertThat(turn.has("transcript")).isTrue();
    assertThat(turn.path("transcript").isNull()).isTrue();
    assertThat(audio.objects()).hasSize(1);
    assertThat(audio.objects().values().iterator().next()).isEqualTo(wav);
  }

  @Test
  void anOggOpusAnswerIsAnsweredWithItsMetricsAndStoredAsSent() throws Exception {
    byte[] ogg = Wavs.oggOpus(16_000, 3000);

    HttpResponse<String> r = post("ana", "audio/ogg", ogg);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode turn = MAPPER.readTree(r.body());
    assertThat(turn.path("next").path("index").asInt()).isEqualTo(1);
    assertThat(turn.path("metrics").path("durationMs").asLong()).isBetween(2970L, 3030L);
    assertThat(turn.path("metrics").has("audio")).isTrue();
    assertThat(audio.objects().values()).containsExactly(ogg);
  }

  @Test
  void theOpusMediaTypeIsTakenWithItsParameters() throws Exception {
    HttpResponse<String> r = post("ana", "audio/opus; codecs=opus", Wavs.oggOpus(8000, 500));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void aTruncatedOggOpusAnswerIs400() throws Exception {
    byte[] ogg = Wavs.oggOpus(16_000, 1000);

    assertProblem(post("ana", "audio/ogg", Arrays.copyOf(ogg, ogg.length / 2)), 400, "truncated");
    assertThat(audio.objects()).isEmpty();
  }

  @Test
  void theOtherWavMediaTypesAreTakenWithTheirParameters() throws Exception {
    assertThat(post("ana", "audio/x-wav", Wavs.tone(8000, 200)).statusCode()).isEqualTo(200);
    assertThat(post("ana", "Audio/Wave; codecs=1", Wavs.tone(8000, 200)).statusCode())
        .isEqualTo(200);
    assertThat(audio.objects()).hasSize(2);
  }

  @Test
  void anotherMediaTypeIs415() throws Exception {
    assertProblem(post("ana", "audio/mpeg", Wavs.tone(8000, 200)), 415, "audio/wav");
    assertProblem(post("ana", "application/json", "{}".getBytes()), 415, "audio/wav");
    assertProblem(post("ana", null, Wavs.tone(8000, 200)), 415, "audio/wav");
  }

  @Test
  void anEmptyBodyIs400() throws Exception {
    assertProblem(post("ana", "audio/wav", new byte[0]), 400, "empty");
  }

  @Test
  void aBodyPastFiftyMegabytesIs413() throws Exception {
    byte[] tooBig = new byte[AudioDecoder.MAX_BYTES + 1];

    assertProblem(post("ana", "audio/wav", tooBig), 413, "50 MB");
  }

  @Test
  void malformedAndTruncatedAudioIs400() throws Exception {
    byte[] wav = Wavs.tone(16_000, 1000);

    assertProblem(post("ana", "audio/wav", "RIFF....WAVEjunk".getBytes()), 400, "fmt");
    assertProblem(post("ana", "audio/wav", Arrays.copyOf(wav, wav.length / 2)), 400, "truncated");
  }

  @Test
  void anUnsupportedEncodingIs415() throws Exception {
    assertProblem(
        post("ana", "audio/wav", Wavs.wav(1, 1, 16_000, 32, new byte[800], 800)), 415, "32-bit");
  }

  @Test
  void anotherCandidatesSessionIs404() throws Exception {
    assertProblem(post("bob", "audio/wav", Wavs.tone(16_000, 500)), 404, "not found");
  }
}
