package dev.rehearse.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.voice.provider.FakeProvider;
import dev.rehearse.voice.provider.FakeProvider.Reply;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.provider.ProvidersFailedException;
import dev.rehearse.voice.provider.TestAudio;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain the settings configure: Cartesia, then Murf, then espeak-ng, behind the cache. */
class SynthesizersTest {

  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final byte[] CARTESIA_WAV = TestAudio.tone(24_000, 1000, 200);
  static final byte[] MURF_WAV = TestAudio.tone(24_000, 1100, 250);

  FakeProvider cartesia;
  FakeProvider murf;

  @BeforeEach
  void start() throws Exception {
    cartesia = new FakeProvider();
    murf = new FakeProvider();
  }

  @AfterEach
  void stop() {
    cartesia.close();
    murf.close();
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("REHEARSE_CARTESIA_API_KEY", "sk_car_1");
    env.put("REHEARSE_CARTESIA_BASE_URL", cartesia.url("").toString());
    env.put("REHEARSE_CARTESIA_VOICE_ID", "cartesia-voice");
    env.put("REHEARSE_MURF_API_KEY", "ap2_2");
    env.put("REHEARSE_MURF_BASE_URL", murf.url("").toString());
    env.put("REHEARSE_MURF_VOICE_ID", "en-UK-hazel");
    return env;
  }

  SpeechSynthesizer chain(Map<String, String> env) {
    return Synthesizers.fromEnv(env, new InMemorySpeechCache(1 << 20), CLIENT, "espeak-ng")
        .orElseThrow();
  }

  static Reply murfReply(byte[] wav) {
    return Reply.json(
        200, "{\"encodedAudio\":\"" + Base64.getEncoder().encodeToString(wav) + "\"}");
  }

  @Test
  void cartesiaFirstWithItsConfiguredVoice() {
    cartesia.script(Reply.of(200, "audio/wav", CARTESIA_WAV));

    Speech speech = chain(env()).speak("Why this company?", Voice.INTERVIEWER);

    assertThat(speech.provider()).isEqualTo("cartesia");
    assertThat(new String(cartesia.requests().get(0).body())).contains("\"id\":\"cartesia-voice\"");
    assertThat(murf.requests()).isEmpty();
  }

  @Test
  void aFailingCartesiaFallsBackToMurf() {
    cartesia.script(Reply.json(500, "{}"), Reply.json(500, "{}"));
    murf.script(murfReply(MURF_WAV));

    Speech speech = chain(env()).speak("Why this company?", Voice.INTERVIEWER);

    assertThat(speech.provider()).isEqualTo("murf");
    assertThat(speech.wav()).isEqualTo(MURF_WAV);
    assertThat(new String(murf.requests().get(0).body())).contains("\"voiceId\":\"en-UK-hazel\"");
  }

  @Test
  void whenBothServicesFailEspeakSpeaks() {
    cartesia.script(Reply.json(401, "{}"));
    murf.script(Reply.json(200, "{\"warning\":\"no audio\"}"));

    Speech speech = chain(env()).speak("Why this company?", Voice.INTERVIEWER);

    assertThat(speech.provider()).isEqualTo("espeak-ng");
  }

  @Test
  void whenEveryProviderFailsEachFailureIsReported() {
    cartesia.script(Reply.json(401, "{}"));
    murf.script(Reply.json(403, "{}"));
    Map<String, String> env = env();
    env.put("REHEARSE_TTS_OFFLINE", "false");

    assertThatThrownBy(() -> chain(env).speak("Why this company?", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProvidersFailedException.class,
            e ->
                assertThat(e.failures())
                    .extracting(ProviderException::provider, ProviderException::reason)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cartesia", Reason.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("murf", Reason.REJECTED)));
  }

  @Test
  void theSameQuestionIsSynthesisedOnceWhateverItsSpacing() {
    cartesia.script(Reply.of(200, "audio/wav", CARTESIA_WAV));
    SpeechSynthesizer chain = chain(env());

    Speech first = chain.speak("Why this  company?", Voice.INTERVIEWER);
    Speech again = chain.speak(" Why this company?\n", Voice.INTERVIEWER);

    assertThat(again.wav()).isEqualTo(first.wav());
    assertThat(again.provider()).isEqualTo("cartesia");
    assertThat(cartesia.requests()).hasSize(1);
  }

  @Test
  void concurrentRequestsForOneQuestionShareOneSynthesis() throws Exception {
    cartesia.script(Reply.of(200, "audio/wav", CARTESIA_WAV).after(300));
    SpeechSynthesizer chain = chain(env());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Speech>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit(() -> chain.speak("Walk me through your CV.", Voice.INTERVIEWER)));
      }
      for (Future<Speech> f : futures) {
        assertThat(f.get().wav()).isEqualTo(CARTESIA_WAV);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cartesia.requests()).hasSize(1);
  }

  @Test
  void noProviderIsNoSpeech() {
    assertThat(
            Synthesizers.fromEnv(
                Map.of("REHEARSE_TTS_OFFLINE", "false"),
                new InMemorySpeechCache(1000),
                CLIENT,
                "espeak-ng"))
        .isEmpty();
    assertThat(
            Synthesizers.fromEnv(
                Map.of(), new InMemorySpeechCache(1000), CLIENT, "/nonexistent/espeak"))
        .isEmpty();
    assertThat(Synthesizers.fromEnv(Map.of(), new InMemorySpeechCache(1000), CLIENT, "espeak-ng"))
        .map(SpeechSynthesizer::name)
        .contains("espeak-ng");
  }

  @Test
  void invalidSettingsNameTheirVariable() {
    assertThatThrownBy(
            () ->
                Synthesizers.fromEnv(
                    Map.of("REHEARSE_TTS_TIMEOUT_MS", "0"),
                    new InMemorySpeechCache(1000),
                    CLIENT,
                    "espeak-ng"))
        .hasMessageContaining("REHEARSE_TTS_TIMEOUT_MS");
    assertThatThrownBy(
            () ->
                Synthesizers.fromEnv(
                    Map.of("REHEARSE_MURF_API_KEY", "k", "REHEARSE_MURF_BASE_URL", "api.murf.ai"),
                    new InMemorySpeechCache(1000),
                    CLIENT,
                    "espeak-ng"))
        .hasMessageContaining("REHEARSE_MURF_BASE_URL");
  }
}
