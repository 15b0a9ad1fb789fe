package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rehearse.core.analytics.AudioMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyzer on signals whose answers are known by construction. */
class AudioAnalyzerSignalTest {

  private static AudioAnalyzer silero;
  private static AudioAnalyzer energy;

  @BeforeAll
  static void start() {
    silero = AudioAnalyzer.create();
    energy = AudioAnalyzer.energyOnly();
  }

  @AfterAll
  static void stop() {
    silero.close();
    energy.close();
  }

  @Test
  void silenceHasNoSpeechAndNoSpeechMeasures() {
    byte[] wav = TestWav.mono16(new float[3 * 16_000], 16_000);

    for (AudioAnalyzer analyzer : List.of(silero, energy)) {
      AudioMetrics metrics = analyzer.analyze(wav);

      assertThat(metrics.speechMs()).isZero();
      assertThat(metrics.silenceMs()).isEqualTo(3000);
      assertThat(metrics.pauseCount()).isZero();
      assertThat(metrics.syllablesPerSecond()).isEmpty();
      assertThat(metrics.estimatedWordsPerMinute()).isEmpty();
      assertThat(metrics.pitchMeanHz()).isEmpty();
      assertThat(metrics.pitchStdSemitones()).isEmpty();
      assertThat(metrics.loudnessStdDb()).isEmpty();
      assertThat(metrics.voicedRatio()).isEmpty();
    }
  }

  @Test
  void anEmptyRecordingHasNoSpeech() {
    for (int samples : new int[] {0, 100}) {
      byte[] wav = TestWav.mono16(new float[samples], 16_000);

      for (AudioAnalyzer analyzer : List.of(silero, energy)) {
        AudioMetrics metrics = analyzer.analyze(wav);

        assertThat(metrics.speechMs()).isZero();
        assertThat(metrics.silenceMs()).isEqualTo(Math.round(samples / 16.0));
        assertThat(metrics.voicedRatio()).isEmpty();
      }
    }
  }

  @Test
  void aRejectedFileIsRejectedByTheAnalyzer() {
    byte[] wav = TestWav.mono16(TestWav.sine(200, 0.5, 7000, 0.5), 7000);

    assertThatThrownBy(() -> silero.analyze(wav)).isInstanceOf(UnsupportedAudioException.class);
  }

  @Test
  void whiteNoiseHasNoSpeech() {
    for (double amplitude : new double[] {0.01, 0.1, 0.5}) {
      byte[] wav = TestWav.mono16(TestWav.whiteNoise(4, 16_000, amplitude, 11), 16_000);

      assertThat(silero.analyze(wav).speechMs()).as("Silero, noise at %s", amplitude).isZero();
      assertThat(energy.analyze(wav).speechMs()).as("energy, noise at %s", amplitude).isZero();
    }
  }

  @Test
  void aSteadyToneIsNotSpeechForSilero() {
    byte[] wav = TestWav.mono16(TestWav.sine(200, 3, 16_000, 0.5), 16_000);

    assertThat(silero.analyze(wav).speechMs()).isZero();
  }

  @Test
  void toneBurstsGiveTheirGapsAsPauses() {
    // bursts of 600 ms; gaps of 150 (too short to be a pause), 300, 1200, 500 and 1500 ms
    int[] gapsMs = {150, 300, 1200, 500, 1500};
    List<float[]> parts = new ArrayList<>();
    parts.add(new float[8000]);
    for (int gap : gapsMs) {
      parts.add(TestWav.sine(180, 0.6, 16_000, 0.4));
      parts.add(new float[gap * 16]);
    }
    parts.add(TestWav.sine(180, 0.6, 16_000, 0.4));
    parts.add(new float[8000]);
    byte[] wav = TestWav.mono16(TestWav.concat(parts.toArray(float[][]::new)), 16_000);

    AudioMetrics metrics = energy.analyze(wav);

    assertThat(metrics.pauseCount()).isEqualTo(4);
    assertThat(metrics.longPauseCount()).isEqualTo(2);
    assertThat(metrics.longestPauseMs()).isCloseTo(1500L, within(50L));
    // six bursts of 600 ms, and the 150 ms gap that is filled in as part of speech
    assertThat(metrics.speechMs()).isCloseTo(6 * 600 + 150L, within(100L));
    assertThat(metrics.silenceMs()).isCloseTo(1000 + 300 + 1200 + 500 + 1500L, within(100L));
    assertThat(metrics.voicedRatio()).hasValueSatisfying(r -> assertThat(r).isGreaterThan(0.9));
  }

  @Test
  void theF0OfSineBurstsIsTheirFrequency() {
    for (double hz : new double[] {110, 220, 330}) {
      float[] tone = TestWav.sine(hz, 0.8, 16_000, 0.4);
      float[] gap = new float[4000];
      byte[] wav = TestWav.mono16(TestWav.concat(gap, tone, gap, tone, gap), 16_000);

      AudioMetrics metrics = energy.analyze(wav);

      assertThat(metrics.pitchMeanHz())
          .hasValueSatisfying(f -> assertThat(f).isCloseTo(hz, within(0.02 * hz)));
      assertThat(metrics.pitchStdSemitones())
          .hasValueSatisfying(s -> assertThat(s).isLessThan(0.1));
    }
  }

  @Test
  void aTwoToneMelodyHasTheRangeBetweenItsNotes() {
    // 1 s at 200 Hz then 1 s at 300 Hz: 12·log2(1.5) = 7.02 semitones apart
    float[] gap = new float[4000];
    byte[] wav =
        TestWav.mono16(
            TestWav.concat(
                gap,
                TestWav.sine(200, 1, 16_000, 0.4),
                gap,
                TestWav.sine(300, 1, 16_000, 0.4),
                gap),
            16_000);

    AudioMetrics metrics = energy.analyze(wav);

    assertThat(metrics.pitchRangeSemitones())
        .hasValueSatisfying(r -> assertThat(r).isCloseTo(7.02, within(0.3)));
    assertThat(metrics.pitchStdSemitones())
        .hasValueSatisfying(s -> assertThat(s).isCloseTo(3.51, within(0.3)));
  }

  @Test
  void aStereoFloat48kHzFileIsAnalysedLikeItsMono16kHzTwin() {
    float[] tone = TestWav.sine(250, 0.8, 48_000, 0.4);
    float[] gap = new float[24_000];
    float[] x = TestWav.concat(gap, tone, gap);
    byte[] stereo = TestWav.wav(new float[][] {x, x}, 48_000, TestWav.Layout.FLOAT_32);

    AudioMetrics metrics = energy.analyze(stereo);

    assertThat(metrics.speechMs()).isCloseTo(800L, within(40L));
    assertThat(metrics.pitchMeanHz())
        .hasValueSatisfying(f -> assertThat(f).isCloseTo(250, within(5.0)));
  }

  @Test
  void loudnessVariationIsTheSpreadOfFrameLevelsInDecibels() {
    // two bursts 20 dB apart (amplitudes 0.5 and 0.05), equally long: std of levels = 10 dB
    float[] gap = new float[8000];
    byte[] wav =
        TestWav.mono16(
            TestWav.concat(
                gap,
                TestWav.sine(200, 1, 16_000, 0.5),
                gap,
                TestWav.sine(200, 1, 16_000, 0.05),
                gap),
            16_000);

    AudioMetrics metrics = energy.analyze(wav);

    assertThat(metrics.loudnessStdDb())
        .hasValueSatisfying(s -> assertThat(s).isCloseTo(10, within(0.5)));
  }
}
