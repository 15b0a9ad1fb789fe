package dev.rehearse.voice.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.voice.provider.FakeProvider;
import dev.rehearse.voice.provider.FakeProvider.Reply;
import dev.rehearse.voice.provider.Multipart;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.ProvidersFailedException;
import dev.rehearse.voice.provider.TestAudio;
import dev.rehearse.voice.tts.Voice;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain the settings configure, and its fallback from one provider to the next. */
class TranscribersTest {

  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final PocketSphinxTranscriber.Settings OFFLINE = PocketSphinxTranscriber.Settings.DEBIAN;

  FakeProvider groq;
  FakeProvider openai;
  final byte[] wav = TestAudio.tone(16_000, 1000, 300);

  @BeforeEach
  void start() throws Exception {
    groq = new FakeProvider();
    openai = new FakeProvider();
  }

  @AfterEach
  void stop() {
    groq.close();
    openai.close();
  }

  Map<String, String> bothKeys() {
    Map<String, String> env = new HashMap<>();
    env.put("REHEARSE_GROQ_API_KEY", "gsk_1");
    env.put("REHEARSE_GROQ_BASE_URL", groq.url("/openai/v1").toString());
    env.put("REHEARSE_OPENAI_API_KEY", "sk-2");
    env.put("REHEARSE_OPENAI_BASE_URL", openai.url("/v1").toString());
    return env;
  }

  static List<String> names(Transcriber t) {
    return t instanceof FallbackTranscriber f
        ? f.chain().stream().map(Transcriber::name).toList()
        : List.of(t.name());
  }

  @Test
  void groqThenOpenAiThenPocketSphinxWhenInstalled() {
    assertThat(new PocketSphinxTranscriber(OFFLINE).available()).isTrue();

    assertThat(Transcribers.fromEnv(bothKeys(), CLIENT, OFFLINE).map(TranscribersTest::names))
        .contains(List.of("groq", "openai", "pocketsphinx"));
    assertThat(Transcribers.fromEnv(Map.of(), CLIENT, OFFLINE).map(TranscribersTest::names))
        .contains(List.of("pocketsphinx"));
  }

  @Test
  void nothingConfiguredIsNoTranscriber() {
    assertThat(
            Transcribers.fromEnv(Map.of("REHEARSE_TRANSCRIBE_OFFLINE", "false"), CLIENT, OFFLINE))
        .isEmpty();
    PocketSphinxTranscriber.Settings notInstalled =
        new PocketSphinxTranscriber.Settings(
            "/nonexistent/pocketsphinx_continuous",
            OFFLINE.modelDir(),
            OFFLINE.baseTimeout(),
            OFFLINE.perAudioSecond());
    assertThat(Transcribers.fromEnv(Map.of(), CLIENT, notInstalled)).isEmpty();
  }

  @Test
  void aFailingProviderFallsBackToTheNextWithItsOwnModel() {
    groq.script(Reply.json(500, "{}"), Reply.json(500, "{}"));
    openai.script(Reply.json(200, "{\"text\":\"Hello.\",\"language\":\"english\"}"));
    Map<String, String> env = bothKeys();
    env.put("REHEARSE_TRANSCRIBE_OFFLINE", "false");

    Transcript t =
        Transcribers.fromEnv(env, CLIENT, OFFLINE).orElseThrow().transcribe(wav, Optional.empty());

    assertThat(t.provider()).isEqualTo("openai");
    assertThat(groq.requests()).hasSize(2);
    assertThat(groq.requests().get(0).path()).isEqualTo("/openai/v1/audio/transcriptions");
    FakeProvider.Request asked = openai.requests().get(0);
    assertThat(asked.path()).isEqualTo("/v1/audio/transcriptions");
    assertThat(asked.header("Authorization")).isEqualTo("Bearer sk-2");
    assertThat(Multipart.parse(asked.header("Content-Type"), asked.body()))
        .filteredOn(p -> p.getKey().equals("model"))
        .extracting(p -> p.getValue().text())
        .containsExactly("whisper-1");
  }

  @Test
  void whenBothServicesFailPocketSphinxTranscribes() {
    groq.script(Reply.json(401, "{}"));
    openai.script(Reply.json(400, "{}"));
    byte[] speech =
        PocketSphinxTranscriberTest.ESPEAK
            .speak("The project was finished on time.", Voice.INTERVIEWER)
            .wav();

    Transcript t =
        Transcribers.fromEnv(bothKeys(), CLIENT, OFFLINE)
            .orElseThrow()
            .transcribe(speech, Optional.of("en"));

    assertThat(t.provider()).isEqualTo("pocketsphinx");
    assertThat(t.words()).isNotEmpty();
  }

  @Test
  void whenEveryProviderFailsEachFailureIsReported() {
    groq.script(Reply.json(401, "{}"));
    openai.script(Reply.json(200, "not json"));
    Map<String, String> env = bothKeys();
    env.put("REHEARSE_TRANSCRIBE_OFFLINE", "false");

    assertThatThrownBy(
            () ->
                Transcribers.fromEnv(env, CLIENT, OFFLINE)
                    .orElseThrow()
                    .transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProvidersFailedException.class,
            e ->
                assertThat(e.failures())
                    .extracting(ProviderException::provider, ProviderException::reason)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("groq", Reason.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("openai", Reason.MALFORMED_REPLY)));
  }

  @Test
  void invalidSettingsNameTheirVariableAndNeverEchoAKey() {
    assertThatThrownBy(
            () ->
                Transcribers.fromEnv(
                    Map.of("REHEARSE_TRANSCRIBE_TIMEOUT_MS", "soon"), CLIENT, OFFLINE))
        .hasMessageContaining("REHEARSE_TRANSCRIBE_TIMEOUT_MS");
    assertThatThrownBy(
            () ->
                Transcribers.fromEnv(
                    Map.of(
                        "REHEARSE_GROQ_API_KEY", "k",
                        "REHEARSE_GROQ_BASE_URL", "ftp://example.com"),
                    CLIENT,
                    OFFLINE))
        .hasMessageContaining("REHEARSE_GROQ_BASE_URL");
    assertThatThrownBy(
            () ->
                Transcribers.fromEnv(
                    Map.of("REHEARSE_GROQ_API_KEY", "secret key"), CLIENT, OFFLINE))
        .hasMessageContaining("REHEARSE_GROQ_API_KEY")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () ->
                Transcribers.fromEnv(
                    Map.of("REHEARSE_TRANSCRIBE_OFFLINE", "maybe"), CLIENT, OFFLINE))
        .hasMessageContaining("REHEARSE_TRANSCRIBE_OFFLINE");
  }
}
