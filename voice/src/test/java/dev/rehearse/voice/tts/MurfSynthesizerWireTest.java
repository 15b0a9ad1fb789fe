package dev.rehearse.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.voice.provider.BreakerPolicy;
import dev.rehearse.voice.provider.FakeProvider;
import dev.rehearse.voice.provider.FakeProvider.Reply;
import dev.rehearse.voice.provider.HttpProvider;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.TestAudio;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Murf's client against a local fake speaking its wire format. */
class MurfSynthesizerWireTest {

  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final byte[] WAV = TestAudio.tone(24_000, 1200, 180);

  FakeProvider fake;
  List<Duration> waits;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeProvider();
    waits = new ArrayList<>();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  MurfSynthesizer client(Duration timeout) {
    return new MurfSynthesizer(
        new MurfSynthesizer.Settings(
            fake.url(""), "ap2_test", Map.of("interviewer", "en-US-natalie"), 24_000, timeout),
        new HttpProvider(
            "murf",
            CLIENT,
            timeout,
            MurfSynthesizer.MAX_REPLY_BYTES,
            BreakerPolicy.DEFAULT,
            waits::add));
  }

  MurfSynthesizer client() {
    return client(Duration.ofSeconds(5));
  }

  static String encoded(byte[] wav) {
    return "{\"audioFile\":\"\",\"encodedAudio\":\""
        + Base64.getEncoder().encodeToString(wav)
        + "\",\"audioLengthInSeconds\":1.2,\"consumedCharacterCount\":6,\"warning\":\"\"}";
  }

  @Test
  void postsTheDocumentedRequestAndDecodesTheBase64Audio() throws Exception {
    fake.script(Reply.json(200, encoded(WAV)));

    Speech speech = client().speak("Hello.", Voice.INTERVIEWER);

    assertThat(speech.wav()).isEqualTo(WAV);
    assertThat(speech.durationMs()).isEqualTo(1200);
    assertThat(speech.provider()).isEqualTo("murf");
    FakeProvider.Request request = fake.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/speech/generate");
    assertThat(request.header("api-key")).isEqualTo("ap2_test");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(new ObjectMapper().readTree(request.body()))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"text":"Hello.","voiceId":"en-US-natalie","format":"WAV","sampleRate":24000,
                     "channelType":"MONO","encodeAsBase64":true}
                    """));
  }

  @Test
  void anAudioFileUrlIsFetched() {
    fake.file("/files/speech.wav", Reply.of(200, "audio/wav", WAV));
    fake.script(
        Reply.json(
            200,
            "{\"audioFile\":\""
                + fake.url("/files/speech.wav")
                + "\",\"audioLengthInSeconds\":1.2}"));

    Speech speech = client().speak("Hello.", Voice.INTERVIEWER);

    assertThat(speech.wav()).isEqualTo(WAV);
    assertThat(fake.requests())
        .extracting(FakeProvider.Request::method, FakeProvider.Request::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", "/v1/speech/generate"),
            org.assertj.core.groups.Tuple.tuple("GET", "/files/speech.wav"));
  }

  @Test
  void a429IsRetriedOnceAfterRetryAfter() {
    fake.script(Reply.json(429, "{}").with("Retry-After", "30"), Reply.json(200, encoded(WAV)));

    assertThat(client().speak("Hello.", Voice.INTERVIEWER).wav()).isEqualTo(WAV);
    assertThat(waits).containsExactly(HttpProvider.MAX_RETRY_WAIT);
  }

  @Test
  void serverErrorsAndTimeoutsAreTyped() {
    fake.script(Reply.json(500, "{}"), Reply.json(500, "{}"));
    assertThatThrownBy(() -> client().speak("Hello.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR));

    fake.script(Reply.json(200, encoded(WAV)).after(3000));
    assertThatThrownBy(() -> client(Duration.ofMillis(300)).speak("Hello.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
  }

  @Test
  void repliesNotOfTheDocumentedShapeAreMalformed() {
    String[] bad = {
      "<html>",
      "{\"audioLengthInSeconds\":1.2}",
      "{\"encodedAudio\":\"%%% not base64 %%%\"}",
      "{\"encodedAudio\":\""
          + Base64.getEncoder().encodeToString("ID3 mp3 bytes".getBytes())
          + "\"}",
      "{\"audioFile\":\"file:///etc/passwd\"}"
    };
    for (String body : bad) {
      fake.script(Reply.json(200, body));
      assertThatThrownBy(() -> client().speak("Hello.", Voice.INTERVIEWER))
          .as(body)
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_REPLY));
    }
  }

  @Test
  void aMissingAudioFileIsAFailure() {
    fake.file("/files/gone.wav", Reply.json(404, "{}"));
    fake.script(Reply.json(200, "{\"audioFile\":\"" + fake.url("/files/gone.wav") + "\"}"));

    assertThatThrownBy(() -> client().speak("Hello.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
  }
}
