package dev.rehearse.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.core.analytics.AudioMetrics;
import dev.rehearse.voice.AudioAnalyzer;
import dev.rehearse.voice.DecodedAudio;
import dev.rehearse.voice.WavDecoder;
import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline synthesizer, for real: espeak-ng is required (Debian {@code espeak-ng}). */
class EspeakSynthesizerTest {

  static EspeakSynthesizer espeak(String command, Duration timeout) {
    return new EspeakSynthesizer(
        new EspeakSynthesizer.Settings(command, Map.of("interviewer", "en-us"), 165, timeout));
  }

  @Test
  void speaksAQuestionAsAWavInWhichTheAnalyzerFindsSpeech() throws Exception {
    EspeakSynthesizer espeak = espeak("espeak-ng", Duration.ofSeconds(30));
    assertThat(espeak.available()).as("apt-get install -y espeak-ng").isTrue();

    Speech speech =
        espeak.speak(
            "Tell me about a time you disagreed with your manager. What did you do?",
            Voice.INTERVIEWER);

    assertThat(speech.provider()).isEqualTo("espeak-ng");
    DecodedAudio audio = WavDecoder.decode(speech.wav());
    assertThat(audio.format().sampleRate()).isEqualTo(22_050);
    assertThat(speech.durationMs()).isEqualTo(audio.durationMs()).isBetween(3000L, 8000L);
    try (AudioAnalyzer analyzer = AudioAnalyzer.create()) {
      AudioMetrics metrics = analyzer.analyze(speech.wav());
      assertThat(metrics.speechMs()).isGreaterThan(speech.durationMs() / 2);
      assertThat(metrics.pitchMeanHz()).isPresent();
    }
  }

  @Test
  void textStartingWithADashIsSpokenNotTakenForAnOption() {
    Speech speech =
        espeak("espeak-ng", Duration.ofSeconds(30)).speak("--version", Voice.INTERVIEWER);

    assertThat(WavDecoder.decode(speech.wav()).durationMs()).isGreaterThan(300);
  }

  @Test
  void failuresAreTyped() {
    assertThat(espeak("/nonexistent/espeak-ng", Duration.ofSeconds(5)).available()).isFalse();
    assertThatThrownBy(
            () ->
                espeak("/nonexistent/espeak-ng", Duration.ofSeconds(5))
                    .speak("Hi.", Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_INSTALLED));
    assertThatThrownBy(
            () -> espeak("espeak-ng", Duration.ofSeconds(5)).speak("Hi.", new Voice("narrator")))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    assertThatThrownBy(
            () ->
                espeak("espeak-ng", Duration.ofMillis(1))
                    .speak("a ".repeat(1400), Voice.INTERVIEWER))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
  }
}
