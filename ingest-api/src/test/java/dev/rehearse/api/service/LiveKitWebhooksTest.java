package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * LiveKit's signed webhooks: what is refused as forged or replayed, and an ended egress's WAV file
 * in the lake taken as a spoken answer of its session.
 */
class LiveKitWebhooksTest {

  static final String KEY = "APIkey123";
  static final String SECRET = "livekit-secret-0123456789abcdef-0123";
  private static final String BUCKET = "rehearse-lake";
  private static final String S1 = "00000000-0000-0000-0000-000000000001";
  private static final InterviewSpec SPEC =
      new InterviewSpec(
          InterviewType.BEHAVIORAL, "backend engineer", "mid", Optional.empty(), "en", 3, null);

  private final InMemoryCommandBus bus = new InMemoryCommandBus();
  private final InMemoryAudioStore lake = new InMemoryAudioStore();
  private final SessionOwnerView owners =
      new SessionOwnerView(1000, Duration.ofMinutes(15), Duration.ZERO, Clock.systemUTC());
  private final InMemorySessionReader store = new InMemorySessionReader();
  private final SessionService sessions =
      new SessionService(
          bus,
          new InMemoryReplyWaiter(), // the interviewer does not answer: the answer is pending
          store,
          owners,
          new BatchView(Json.newMapper()),
          Duration.ofMillis(20),
          Clock.systemUTC(),
          Optional.empty(),
          lake);
  private final LiveKitWebhooks webhooks =
      new LiveKitWebhooks(
          KEY, SECRET, new LiveKitEgress(sessions, lake, BUCKET), Clock.systemUTC());

  /** A webhook token as LiveKit signs one: valid from {@code from} until {@code until}. */
  static String token(String key, String secret, String body, Instant from, Instant until)
      throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(key)
            .notBeforeTime(Date.from(from))
            .expirationTime(Date.from(until))
            .claim("sha256", Base64.getEncoder().encodeToString(hash))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  static String token(String body) throws Exception {
    Instant now = Instant.now();
    return token(KEY, SECRET, body, now.minusSeconds(1), now.plus(Duration.ofMinutes(5)));
  }

  static String roomStarted(String eventId) {
    return "{\"event\":\"room_started\",\"id\":\""
        + eventId
        + "\",\"room\":{\"name\":\"rehearse-"
        + S1
        + "\"},\"createdAt\":\"1764669600\"}";
  }

  /** An ended egress of S1's room whose file is {@code filename} at {@code location}. */
  private static String egressEnded(
      String eventId, String egressId, String filename, String location) {
    return """
        {"event":"egress_ended","id":"%s","createdAt":"1764669600",
         "egressInfo":{"egressId":"%s","roomName":"rehearse-%s","status":"EGRESS_COMPLETE",
           "fileResults":[{"filename":"%s","location":"%s","size":"48044"}]}}"""
        .formatted(eventId, egressId, S1, filename, location);
  }

  private void givenAnasSessionAndARecording(String key, byte[] audio) {
    owners.onEvent(new SessionStarted(1, "s", S1, "ana", "c-start", SPEC, 3, Instant.now()));
    lake.put(key, audio);
  }

  private void receive(String body) throws Exception {
    webhooks.receive(Optional.of(token(body)), body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertUnauthorized(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(401));
  }

  @Test
  void aSignedEventIsTaken() throws Exception {
    String body = roomStarted("EV_1");

    var event = webhooks.receive(Optional.of(token(body)), body.getBytes(StandardCharsets.UTF_8));

    assertThat(event.getEvent()).isEqualTo("room_started");
    assertThat(event.getRoom().getName()).isEqualTo("rehearse-" + S1);
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
    String body = roomStarted("EV_1");
    Instant now = Instant.now();
    String forged =
        token(KEY, "not-the-secret-0123456789abcdef-0123", body, now, now.plusSeconds(60));

    assertUnauthorized(
        () -> webhooks.receive(Optional.of(forged), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTokenIssuedByAnotherKeyIsRefused() throws Exception {
    String body = roomStarted("EV_1");
    Instant now = Instant.now();
    String other = token("OtherKey", SECRET, body, now, now.plusSeconds(60));

    assertUnauthorized(
        () -> webhooks.receive(Optional.of(other), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aBodyThatIsNotTheSignedOneIsRefused() throws Exception {
    String signed = roomStarted("EV_1");
    String sent = signed.replace("room_started", "room_finished");

    assertUnauthorized(
        () -> webhooks.receive(Optional.of(token(signed)), sent.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String body = roomStarted("EV_1");
    Instant now = Instant.now();
    String expired = token(KEY, SECRET, body, now.minusSeconds(120), now.minusSeconds(60));

    assertUnauthorized(
        () -> webhooks.receive(Optional.of(expired), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTokenNotValidYetIsRefused() throws Exception {
    String body = roomStarted("EV_1");
    Instant now = Instant.now();
    String early = token(KEY, SECRET, body, now.plusSeconds(60), now.plusSeconds(120));

    assertUnauthorized(
        () -> webhooks.receive(Optional.of(early), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTokenValidLongerThanTheReplayWindowIsRefused() throws Exception {
    String body = roomStarted("EV_1");
    Instant now = Instant.now();
    String lasting = token(KEY, SECRET, body, now, now.plus(Duration.ofHours(1)));

    assertUnauthorized(
        () -> webhooks.receive(Optional.of(lasting), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aWebhookWithoutTokenIsRefused() {
    String body = roomStarted("EV_1");

    assertUnauthorized(
        () -> webhooks.receive(Optional.empty(), body.getBytes(StandardCharsets.UTF_8)));
    assertUnauthorized(
        () -> webhooks.receive(Optional.of("not-a-jwt"), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aReplayedEventIsRefusedEvenWithAFreshToken() throws Exception {
    String body = roomStarted("EV_1");
    receive(body);

    assertUnauthorized(() -> receive(body));
  }

  @Test
  void anEndedEgressWavInTheLakeIsSubmittedAsTheOwnersSpokenAnswer() throws Exception {
    byte[] wav = Wavs.tone(16_000, 1500);
    givenAnasSessionAndARecording("livekit/rehearse-" + S1 + "/EG_1.wav", wav);

    receive(
        egressEnded(
            "EV_1",
            "EG_1",
            "livekit/rehearse-" + S1 + "/EG_1.wav",
            "https://s3.example.com/" + BUCKET + "/livekit/rehearse-" + S1 + "/EG_1.wav"));

    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
    SubmitAnswer sent = (SubmitAnswer) bus.values(Topics.SESSION_COMMANDS).get(0);
    assertThat(sent.sessionId()).isEqualTo(S1);
    assertThat(sent.userId()).isEqualTo("ana");
    assertThat(sent.answer().durationMs()).contains(1500L);
    assertThat(sent.answer().audioRef()).isPresent();
    assertThat(lake.get(sent.answer().audioRef().orElseThrow()))
        .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(wav));
  }

  @Test
  void anEgressIsSubmittedOnceWhateverEventCarriesIt() throws Exception {
    givenAnasSessionAndARecording("rec/EG_1.wav", Wavs.tone(16_000, 1000));
    String location = "s3://" + BUCKET + "/rec/EG_1.wav";

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.wav", location));
    receive(egressEnded("EV_2", "EG_1", "rec/EG_1.wav", location));

    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
  }

  @Test
  void anEndedEgressOggOpusRecordingIsSubmittedAsTheOwnersSpokenAnswer() throws Exception {
    byte[] ogg = Wavs.oggOpus(16_000, 1500);
    givenAnasSessionAndARecording("rec/EG_1.ogg", ogg);

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.ogg", "s3://" + BUCKET + "/rec/EG_1.ogg"));

    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
    SubmitAnswer sent = (SubmitAnswer) bus.values(Topics.SESSION_COMMANDS).get(0);
    assertThat(sent.userId()).isEqualTo("ana");
    assertThat(sent.answer().durationMs())
        .hasValueSatisfying(ms -> assertThat(ms).isBetween(1485L, 1515L));
    assertThat(lake.get(sent.answer().audioRef().orElseThrow()))
        .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(ogg));
  }

  @Test
  void aRecordingOfASessionStartedThroughAnotherInstanceIsTakenForItsDocumentsOwner()
      throws Exception {
    // this instance saw no event of the session: its document names its owner
    store.session(
        java.util.Map.of(
            "sessionId", S1,
            "userId", "ana",
            "type", "behavioral",
            "status", "active",
            "startedAt", "2026-11-25T09:00:00Z"));
    lake.put("rec/EG_1.wav", Wavs.tone(16_000, 1000));

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.wav", "s3://" + BUCKET + "/rec/EG_1.wav"));

    assertThat(bus.values(Topics.SESSION_COMMANDS))
        .singleElement()
        .satisfies(c -> assertThat(((SessionCommand) c).userId()).isEqualTo("ana"));
  }

  @Test
  void aRecordingOfASessionNobodyKnowsIsNotSubmitted() throws Exception {
    lake.put("rec/EG_1.wav", Wavs.tone(16_000, 1000));

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.wav", "s3://" + BUCKET + "/rec/EG_1.wav"));

    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void anOpusNamedRecordingIsTakenToo() throws Exception {
    givenAnasSessionAndARecording("rec/EG_1.opus", Wavs.oggOpus(16_000, 1000));

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.opus", "s3://" + BUCKET + "/rec/EG_1.opus"));

    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
  }

  @Test
  void aRecordingThatIsNeitherOggNorWavIsNotSubmitted() throws Exception {
    givenAnasSessionAndARecording("rec/EG_1.mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.mp4", "s3://" + BUCKET + "/rec/EG_1.mp4"));

    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aTruncatedOggRecordingIsNotSubmitted() throws Exception {
    byte[] ogg = Wavs.oggOpus(16_000, 1000);
    givenAnasSessionAndARecording("rec/EG_1.ogg", java.util.Arrays.copyOf(ogg, ogg.length - 100));

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.ogg", "s3://" + BUCKET + "/rec/EG_1.ogg"));

    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aWavNamedFileThatDoesNotDecodeIsNotSubmitted() throws Exception {
    givenAnasSessionAndARecording("rec/EG_1.wav", new byte[] {'O', 'g', 'g', 'S', 0, 2});

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.wav", "s3://" + BUCKET + "/rec/EG_1.wav"));

    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aRecordingOutsideTheLakeBucketIsNotRead() throws Exception {
    givenAnasSessionAndARecording("rec/EG_1.wav", Wavs.tone(16_000, 1000));

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.wav", "s3://another-bucket/rec/EG_1.wav"));
    receive(
        egressEnded(
            "EV_2", "EG_2", "rec/EG_1.wav", "https://s3.example.com/another-bucket/rec/EG_1.wav"));

    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void aRecordingOfASessionThisInstanceDoesNotKnowIsNotSubmitted() throws Exception {
    lake.put("rec/EG_1.wav", Wavs.tone(16_000, 1000));

    receive(egressEnded("EV_1", "EG_1", "rec/EG_1.wav", "s3://" + BUCKET + "/rec/EG_1.wav"));

    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void whenTheLakeCannotBeReadTheWebhookFailsAndIsTakenWhenSentAgain() throws Exception {
    givenAnasSessionAndARecording("rec/EG_1.wav", Wavs.tone(16_000, 1000));
    AtomicBoolean lakeDown = new AtomicBoolean(true);
    AudioStore flaky =
        new AudioStore() {
          @Override
          public void put(String key, byte[] wav) {
            lake.put(key, wav);
          }

          @Override
          public Optional<byte[]> read(String key, int maxBytes) {
            if (lakeDown.get()) {
              throw Problem.unavailable("the lake is down", Duration.ofSeconds(2));
            }
            return lake.read(key, maxBytes);
          }
        };
    LiveKitWebhooks webhooks =
        new LiveKitWebhooks(
            KEY, SECRET, new LiveKitEgress(sessions, flaky, BUCKET), Clock.systemUTC());
    String body = egressEnded("EV_1", "EG_1", "rec/EG_1.wav", "s3://" + BUCKET + "/rec/EG_1.wav");

    assertThatThrownBy(
            () -> webhooks.receive(Optional.of(token(body)), body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(503));
    assertThat(bus.sent()).isEmpty();

    lakeDown.set(false); // LiveKit sends the event again: not a replay, and the egress is new
    webhooks.receive(Optional.of(token(body)), body.getBytes(StandardCharsets.UTF_8));

    assertThat(bus.values(Topics.SESSION_COMMANDS)).hasSize(1);
  }
}
