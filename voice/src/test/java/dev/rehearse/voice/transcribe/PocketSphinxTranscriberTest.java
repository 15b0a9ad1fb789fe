package dev.rehearse.voice.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.voice.provider.ProviderException;
import dev.rehearse.voice.provider.ProviderException.Reason;
import dev.rehearse.voice.tts.EspeakSynthesizer;
import dev.rehearse.voice.tts.Speech;
import dev.rehearse.voice.tts.Voice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The offline recogniser on speech rendered by espeak-ng. Both programs are required (Debian {@code
 * pocketsphinx}, {@code pocketsphinx-en-us}, {@code espeak-ng}; {@code .ci/run} installs them):
 * without them the test fails rather than skips.
 */
class PocketSphinxTranscriberTest {

  /** 65 words of interview answer, as the voice analysis tests speak it. */
  static final String PARAGRAPH =
      "In my last role, I led a small team that rebuilt our billing system. The old software was"
          + " slow and difficult to change, so we planned the migration in short steps. Every week"
          + " we moved one component, tested it with real customer data, and kept the previous"
          + " version ready. After three months, the new system was twice as fast, and support"
          + " tickets dropped by half.";

  /**
   * espeak-ng's Klatt voice at 175 words a minute: of the voices and rates tried on this paragraph
   * (default, klatt, klatt2, klatt4, announcer; 120 to 175), the one PocketSphinx's general English
   * model hears best. Its default formant voice measured 65% to 100% word errors.
   */
  static final EspeakSynthesizer ESPEAK =
      new EspeakSynthesizer(
          new EspeakSynthesizer.Settings(
              "espeak-ng", Map.of("interviewer", "en-us+klatt2"), 175, Duration.ofSeconds(60)));

  final PocketSphinxTranscriber sphinx =
      new PocketSphinxTranscriber(PocketSphinxTranscriber.Settings.DEBIAN);

  @Test
  void recognisesMostWordsOfRenderedSpeechWithIncreasingTimings() {
    assertThat(sphinx.available())
        .as("apt-get install -y pocketsphinx pocketsphinx-en-us")
        .isTrue();
    Speech speech = ESPEAK.speak(PARAGRAPH, Voice.INTERVIEWER);

    long start = System.nanoTime();
    Transcript t = sphinx.transcribe(speech.wav(), Optional.of("en-US"));
    long wallMs = (System.nanoTime() - start) / 1_000_000;

    List<String> reference = words(PARAGRAPH);
    List<String> heard = t.words().stream().map(w -> w.word().toLowerCase(Locale.ROOT)).toList();
    double wer = wordErrorRate(reference, heard);
    System.out.printf(
        Locale.ROOT,
        "PocketSphinx on %d ms of espeak-ng speech: WER %.1f%% (%d reference words, %d heard),"
            + " %d ms wall clock, real-time factor %.2f%n  heard: %s%n",
        speech.durationMs(),
        100 * wer,
        reference.size(),
        heard.size(),
        wallMs,
        (double) wallMs / speech.durationMs(),
        t.text());

    assertThat(t.provider()).isEqualTo("pocketsphinx");
    assertThat(t.language()).contains("en");
    assertThat(t.text()).isEqualTo(String.join(" ", heard));
    assertThat(wer).as("word error rate").isLessThanOrEqualTo(0.5);
    for (int i = 0; i < t.words().size(); i++) {
      TimedWord w = t.words().get(i);
      assertThat(w.endMs()).isGreaterThan(w.startMs());
      if (i > 0) {
        assertThat(w.startMs()).isGreaterThanOrEqualTo(t.words().get(i - 1).endMs());
      }
    }
    assertThat(t.words().get(t.words().size() - 1).endMs())
        .isLessThanOrEqualTo(speech.durationMs());
    // the words spread over the recording rather than bunching at one end
    assertThat(t.words().get(0).startMs()).isLessThan(speech.durationMs() / 10);
    assertThat(t.words().get(t.words().size() - 1).endMs())
        .isGreaterThan(speech.durationMs() * 8 / 10);
  }

  @Test
  void anotherLanguageIsUnsupported() {
    assertThatThrownBy(
            () ->
                sphinx.transcribe(
                    ESPEAK.speak("Guten Tag.", Voice.INTERVIEWER).wav(), Optional.of("de")))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
  }

  @Test
  void aRunPastItsDeadlineIsKilled() {
    PocketSphinxTranscriber hurried =
        new PocketSphinxTranscriber(
            new PocketSphinxTranscriber.Settings(
                "pocketsphinx_continuous",
                PocketSphinxTranscriber.Settings.DEBIAN.modelDir(),
                Duration.ofMillis(200),
                Duration.ZERO));
    byte[] wav = ESPEAK.speak(PARAGRAPH, Voice.INTERVIEWER).wav();

    long start = System.nanoTime();
    assertThatThrownBy(() -> hurried.transcribe(wav, Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void withoutTheProgramOrModelItIsUnavailable() {
    PocketSphinxTranscriber missing =
        new PocketSphinxTranscriber(
            new PocketSphinxTranscriber.Settings(
                "/nonexistent/pocketsphinx_continuous",
                Path.of("/nonexistent/model"),
                Duration.ofSeconds(1),
                Duration.ZERO));

    assertThat(missing.available()).isFalse();
    assertThatThrownBy(
            () ->
                missing.transcribe(
                    ESPEAK.speak("Hello.", Voice.INTERVIEWER).wav(), Optional.empty()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_INSTALLED));
  }

  @Test
  void readsWordSegmentsAndDropsMarkersAndAlternativeNumbers() {
    String output =
        """
        the old software was
        <s> 3.720 3.810 0.999500
        the 3.820 3.950 0.914470
        old 3.960 4.260 0.948090
        [NOISE] 4.270 4.300 0.5
        software 4.310 4.760 0.625969
        <sil> 4.761 4.769 0.9
        was(2) 4.770 5.090 0.999700
        </s> 6.660 7.130 1.000000
        """;

    assertThat(PocketSphinxTranscriber.parse(output))
        .containsExactly(
            new TimedWord("the", 3820, 3950),
            new TimedWord("old", 3960, 4260),
            new TimedWord("software", 4310, 4760),
            new TimedWord("was", 4770, 5090));
  }

  static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").split("\\s+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  /** Levenshtein distance over words ÷ reference length. */
  static double wordErrorRate(List<String> reference, List<String> hypothesis) {
    int[] previous = new int[hypothesis.size() + 1];
    int[] current = new int[hypothesis.size() + 1];
    for (int j = 0; j <= hypothesis.size(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= reference.size(); i++) {
      current[0] = i;
      for (int j = 1; j <= hypothesis.size(); j++) {
        int substitution =
            previous[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return (double) previous[hypothesis.size()] / reference.size();
  }
}
