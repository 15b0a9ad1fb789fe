package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.api.service.SessionReplies.Turn;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.analytics.AudioMetrics;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@code POST /sessions/{id}/audio} as a use case: what is refused, stored and published. */
class SpokenAnswerTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final String S1 = "00000000-0000-0000-0000-000000000001";
  private static final Caller ANA = new Caller("ana", Set.of("candidate"));
  private static final Caller BOB = new Caller("bob", Set.of("candidate"));
  private static final InterviewSpec SPEC =
      new InterviewSpec(
          InterviewType.BEHAVIORAL, "backend engineer", "mid", Optional.empty(), "en", 3, null);
  private static final AudioMetrics MEASURED =
      new AudioMetrics(
          1800,
          200,
          1,
          0,
          400,
          Optional.of(4.1),
          Optional.of(164.0),
          Optional.of(121.0),
          Optional.of(1.9),
          Optional.of(6.2),
          Optional.of(11.0),
          Optional.of(0.8));

  private final InMemoryCommandBus bus = new InMemoryCommandBus();
  private final InMemoryReplyWaiter replies = new InMemoryReplyWaiter();
  private final InMemoryAudioStore audio = new InMemoryAudioStore();
  private final SessionOwnerView owners =
      new SessionOwnerView(
          1000, Duration.ofMinutes(15), Duration.ofMillis(20), Clock.fixed(NOW, ZoneOffset.UTC));
  private final SessionService service =
      new SessionService(
          bus,
          replies,
          new InMemorySessionReader(),
          owners,
          new BatchView(Json.newMapper()),
          Duration.ofMillis(500),
          Clock.fixed(NOW, ZoneOffset.UTC),
          Optional.empty(),
          audio);

  private void givenAnasSession() {
    owners.onEvent(new SessionStarted(1, "s", S1, "ana", "c-start", SPEC, 3, NOW));
  }

  /** The interviewer answers each command with what {@code script} makes of it. */
  private void interviewer(Function<SubmitAnswer, List<SessionEvent>> script) {
    bus.onSent(
        sent -> {
          if (sent.value().orElse(null) instanceof SubmitAnswer command) {
            List<SessionEvent> events = script.apply(command);
            events.forEach(owners::onEvent);
            replies.answer(command.commandId(), events);
          }
        });
  }

  /** The stream's reply to a spoken answer: its metrics with the audio's, then question 1. */
  private static List<SessionEvent> analysedWithAudio(SubmitAnswer c, String heard) {
    AnswerMetrics metrics =
        new AnswerAnalyzer().analyze(c.answer()).withAudio(Optional.of(MEASURED));
    return List.of(
        new AnswerAnalyzed(
            1,
            S1 + "/answer/0",
            S1,
            "ana",
            c.commandId(),
            0,
            InterviewType.BEHAVIORAL,
            InterviewType.BEHAVIORAL,
            "backend engineer",
            "beh-000",
            "Tell me about a conflict.",
            heard,
            metrics,
            NOW),
        new QuestionAsked(
            1, "q1", S1, "ana", c.commandId(), 1, 3, "beh-001", "What did you learn?", NOW));
  }

  @Test
  void aWavAnswerIsStoredThenPublishedWithItsKeyAndDuration() {
    givenAnasSession();
    interviewer(c -> analysedWithAudio(c, ""));
    byte[] wav = Wavs.tone(16_000, 1500);

    Reply<?> reply = service.spokenAnswer(ANA, S1, wav);

    SubmitAnswer sent = (SubmitAnswer) bus.values(Topics.SESSION_COMMANDS).get(0);
    String key = LakeDatasets.audioKey("ana", S1, sent.commandId());
    assertThat(key)
        .startsWith("raw/audio/" + LakeDatasets.sha256("ana") + "/" + S1 + "/")
        .endsWith(".wav")
        .doesNotContain("ana/");
    assertThat(sent.answer().audioRef()).contains(key);
    assertThat(sent.answer().durationMs()).contains(1500L);
    assertThat(sent.answer().text()).isEmpty();
    assertThat(bus.sent().get(0).key()).isEqualTo(S1);
    assertThat(audio.get(key)).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(wav));

    assertThat(reply.status()).isEqualTo(200);
    Turn turn = (Turn) reply.body();
    assertThat(turn.metrics()).hasValueSatisfying(m -> assertThat(m.audio()).contains(MEASURED));
    assertThat(turn.next()).hasValueSatisfying(q -> assertThat(q.index()).isEqualTo(1));
    assertThat(turn.transcript()).isEmpty();
    assertThat(Json.newMapper().valueToTree(turn).has("transcript")).isTrue();
  }

  @Test
  void whatATranscriberHeardIsTheTranscript() {
    givenAnasSession();
    interviewer(c -> analysedWithAudio(c, "I listened first."));

    Turn turn = (Turn) service.spokenAnswer(ANA, S1, Wavs.tone(16_000, 500)).body();

    assertThat(turn.transcript()).contains("I listened first.");
  }

  @Test
  void malformedAudioIs400AndNothingIsStoredOrPublished() {
    givenAnasSession();

    assertRefused(
        () -> service.spokenAnswer(ANA, S1, "not a wav file at all".getBytes()), 400, "not a WAV");
  }

  @Test
  void truncatedAudioIs400AndNothingIsStoredOrPublished() {
    givenAnasSession();
    byte[] wav = Wavs.tone(16_000, 1000);

    assertRefused(
        () -> service.spokenAnswer(ANA, S1, Arrays.copyOf(wav, wav.length - 1001)),
        400,
        "truncated");
  }

  @Test
  void audioLongerThanTenMinutesIs413AndNothingIsStoredOrPublished() {
    givenAnasSession();
    // the header declares 11 minutes of 8 kHz 16-bit mono; the decision is the header's
    long declared = 11L * 60 * 8000 * 2;
    byte[] wav = Wavs.wav(1, 1, 8000, 16, new byte[1600], declared);

    assertRefused(() -> service.spokenAnswer(ANA, S1, wav), 413, "10 minutes");
  }

  @Test
  void anUnsupportedEncodingIs415AndNothingIsStoredOrPublished() {
    givenAnasSession();
    byte[] adpcm = Wavs.wav(2, 1, 16_000, 4, new byte[800], 800);
    byte[] int32 = Wavs.wav(1, 1, 16_000, 32, new byte[800], 800);
    byte[] fourChannels = Wavs.wav(1, 4, 16_000, 16, new byte[800], 800);
    byte[] tooFast = Wavs.wav(1, 1, 96_000, 16, new byte[800], 800);

    assertRefused(() -> service.spokenAnswer(ANA, S1, adpcm), 415, "0x0002");
    assertRefused(() -> service.spokenAnswer(ANA, S1, int32), 415, "32-bit");
    assertRefused(() -> service.spokenAnswer(ANA, S1, fourChannels), 415, "channels");
    assertRefused(() -> service.spokenAnswer(ANA, S1, tooFast), 415, "96000 Hz");
  }

  @Test
  void anotherUsersSessionIs404AndNothingIsStoredOrPublished() {
    givenAnasSession();

    assertRefused(() -> service.spokenAnswer(BOB, S1, Wavs.tone(16_000, 500)), 404, "not found");
  }

  @Test
  void audioTheStoreRefusesIs503AndNothingIsPublished() {
    givenAnasSession();
    audio.goDown();

    assertRefused(() -> service.spokenAnswer(ANA, S1, Wavs.tone(16_000, 500)), 503, "");
  }

  @Test
  void aDeploymentWithoutAnAudioStoreRefusesSpokenAnswersWith503() {
    givenAnasSession();
    SessionService withoutStore =
        new SessionService(
            bus,
            replies,
            new InMemorySessionReader(),
            owners,
            new BatchView(Json.newMapper()),
            Duration.ofMillis(100),
            Clock.fixed(NOW, ZoneOffset.UTC),
            Optional.empty());

    assertRefused(() -> withoutStore.spokenAnswer(ANA, S1, Wavs.tone(16_000, 500)), 503, "");
  }

  private void assertRefused(ThrowingCallable call, int status, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(status);
              assertThat(p.getMessage()).contains(detail);
            });
    assertThat(audio.objects()).isEmpty();
    assertThat(bus.sent()).isEmpty();
    assertThat(replies.waiting()).isZero();
  }
}
