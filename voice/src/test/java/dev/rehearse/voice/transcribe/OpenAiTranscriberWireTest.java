package dev.rehearse.voice.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.voice.DecodedAudio;
import dev.rehearse.voice.MalformedAudioException;
import dev.rehearse.voice.WavDecoder;
import dev.rehearse.voice.provider.BreakerPolicy;
import dev.rehearse.voice.provider.FakeProvider;
import dev.rehearse.voice.provider.FakeProvider.Reply;
import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.Multipart;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.TestAudio;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible transcription client against a local fake speaking its wire format. */
class OpenAiTranscriberWireTest {

  static final String VERBOSE_JSON =
      """
      {"task":"transcribe","language":"english","duration":2.0,
       "text":" I led a small team.",
       "words":[{"word":"I","start":0.0,"end":0.24},{"word":"led","start":0.24,"end":0.5},
                {"word":"a","start":0.5,"end":0.62},{"word":"small","start":0.62,"end":1.0},
                {"word":"team.","start":1.0,"end":1.4555}],
       "segments":[]}
      """;

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  FakeProvider fake;
  List<Duration> waits;
  byte[] wav = TestAudio.tone(44_100, 2000, 220);

  @BeforeEach
  void start() throws Exception {
    fake = new FakeProvider();
    waits = new ArrayList<>();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  OpenAiTranscriber client(Duration timeout, BreakerPolicy policy, int maxReply) {
    OpenAiTranscriber.Settings settings =
        new OpenAiTranscriber.Settings(
            "groq", fake.url("/openai/v1"), "gsk_test-key", "whisper-large-v3-turbo", timeout);
    return new OpenAiTranscriber(
        settings, new HttpProvider("groq", CLIENT, timeout, maxReply, policy, waits::add));
  }

  OpenAiTranscriber client() {
    return client(Duration.ofSeconds(5), BreakerPolicy.DEFAULT, OpenAiTranscriber.MAX_REPLY_BYTES);
  }

  @Test
  void postsTheAudioAsMultipartWithWordTimestampsAndReadsTheWords() {
    fake.script(Reply.json(200, VERBOSE_JSON));

    Transcript t = client().transcribe(wav, Optional.of("en-US"));

    assertThat(t.text()).isEqualTo("I led a small team.");
    assertThat(t.provider()).isEqualTo("groq");
    assertThat(t.language()).contains("english");
    assertThat(t.words())
        .containsExactly(
            new TimedWord("I", 0, 240),
            new TimedWord("led", 240, 500),
            new TimedWord("a", 500, 620),
            new TimedWord("small", 620, 1000),
            new TimedWord("team.", 1000, 1456));

    FakeProvider.Request request = fake.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/openai/v1/audio/transcriptions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer gsk_test-key");
    List<Map.Entry<String, Multipart.Part>> parts =
        Multipart.parse(request.header("Content-Type"), request.body());
    Map<String, String> fields =
        parts.stream()
            .filter(p -> !p.getKey().equals("file"))
            .collect(Collectors.toMap(Map.Entry::getKey, p -> p.getValue().text()));
    assertThat(fields)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "model", "whisper-large-v3-turbo",
                "response_format", "verbose_json",
                "timestamp_granularities[]", "word",
                "language", "en"));
    Multipart.Part file =
        parts.stream().filter(p -> p.getKey().equals("file")).findFirst().orElseThrow().getValue();
    assertThat(file.headers().get("content-disposition")).contains("filename=\"answer.wav\"");
    assertThat(file.headers().get("content-type")).isEqualTo("audio/wav");
    DecodedAudio sent = WavDecoder.decode(file.body());
    assertThat(sent.format().sampleRate()).isEqualTo(16_000);
    assertThat(sent.format().channels()).isEqualTo(1);
    assertThat(sent.format().bitsPerSample()).isEqualTo(16);
    assertThat(sent.durationMs()).isBetween(1990L, 2010L);
  }

  @Test
  void withoutALanguageTheProviderDetectsIt() {
    fake.script(Reply.json(200, VERBOSE_JSON));

    client().transcribe(wav, Optional.empty());

    FakeProvider.Request request = fake.requests().get(0);
    assertThat(Multipart.parse(request.header("Content-Type"), request.body()))
        .extracting(Map.Entry::getKey)
        .containsExactly("file", "model", "response_format", "timestamp_granularities[]");
  }

  @Test
  void aReplyWithoutWordsGivesTheTextAlone() {
    fake.script(Reply.json(200, "{\"text\":\"Hello there.\",\"language\":\"english\"}"));

    Transcript t = client().transcribe(wav, Optional.empty());

    assertThat(t.text()).isEqualTo("Hello there.");
    assertThat(t.words()).isEmpty();
  }

  @Test
  void a429IsRetriedOnceAfterRetryAfter() {
    fake.script(
        Reply.json(429, "{\"error\":{\"message\":\"rate limited\"}}").with("Retry-After", "1"),
        Reply.json(200, VERBOSE_JSON));

    Transcript t = client().transcribe(wav, Optional.empty());

    assertThat(t.words()).hasSize(5);
    assertThat(fake.requests()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void twoServerErrorsAreAServerError() {
    fake.script(Reply.json(500, "{}"), Reply.json(503, "{}"));

    assertThatThrownBy(() -> client().transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR));
    assertThat(fake.requests()).hasSize(2);
    assertThat(waits).containsExactly(HttpProvider.DEFAULT_RETRY_WAIT);
  }

  @Test
  void twoRateLimitsAreRateLimited() {
    fake.script(Reply.json(429, "{}"), Reply.json(429, "{}"));

    assertThatThrownBy(() -> client().transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED));
  }

  @Test
  void aRefusedKeyIsNotRetriedAndNotEchoed() {
    fake.script(Reply.json(401, "{\"error\":{\"message\":\"Invalid API Key gsk_test-key\"}}"));

    assertThatThrownBy(() -> client().transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REJECTED);
              assertThat(e.getMessage()).doesNotContain("gsk_test-key");
            });
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void aSlowReplyTimesOut() {
    fake.script(Reply.json(200, VERBOSE_JSON).after(3000));
    OpenAiTranscriber client =
        client(Duration.ofMillis(300), BreakerPolicy.DEFAULT, OpenAiTranscriber.MAX_REPLY_BYTES);

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
  }

  @Test
  void repliesNotOfTheDocumentedShapeAreMalformed() {
    String[] bad = {
      "not json",
      "[1,2]",
      "{\"language\":\"english\"}",
      "{\"text\":\"a\",\"words\":{}}",
      "{\"text\":\"a\",\"words\":[{\"word\":\"a\",\"start\":\"0\",\"end\":1}]}",
      "{\"text\":\"a\",\"words\":[{\"word\":\"a\",\"start\":1.0,\"end\":0.5}]}",
      "{\"text\":\"a\",\"words\":[{\"word\":\"a\",\"start\":-1,\"end\":0.5}]}",
      "{\"text\":\"a\",\"duration\":1.0,\"words\":[{\"word\":\"a\",\"start\":0,\"end\":9.5}]}"
    };
    for (String body : bad) {
      fake.script(Reply.json(200, body));
      assertThatThrownBy(() -> client().transcribe(wav, Optional.empty()))
          .as(body)
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_REPLY));
    }
  }

  @Test
  void aReplyPastTheLimitIsMalformed() {
    fake.script(Reply.json(200, "{\"text\":\"" + "a".repeat(5000) + "\"}"));
    OpenAiTranscriber client = client(Duration.ofSeconds(5), BreakerPolicy.DEFAULT, 1000);

    assertThatThrownBy(() -> client.transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_REPLY));
  }

  @Test
  void theBreakerOpensAfterRepeatedFailuresAndTheProviderIsNotCalled() {
    OpenAiTranscriber client =
        client(
            Duration.ofSeconds(5),
            new BreakerPolicy(4, 2, 50, Duration.ofMinutes(1)),
            OpenAiTranscriber.MAX_REPLY_BYTES);
    fake.script(
        Reply.json(500, "{}"), Reply.json(500, "{}"), Reply.json(500, "{}"), Reply.json(500, "{}"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.transcribe(wav, Optional.empty()))
          .isInstanceOf(ProviderException.class);
    }
    assertThat(client.available()).isFalse();
    fake.script(Reply.json(200, VERBOSE_JSON));

    assertThatThrownBy(() -> client.transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CIRCUIT_OPEN));
    assertThat(fake.requests()).hasSize(4);
  }

  @Test
  void audioTheDecoderRejectsIsNotSent() {
    assertThatThrownBy(() -> client().transcribe("not a wav file".getBytes(), Optional.empty()))
        .isInstanceOf(MalformedAudioException.class);
    assertThat(fake.requests()).isEmpty();
  }
}
