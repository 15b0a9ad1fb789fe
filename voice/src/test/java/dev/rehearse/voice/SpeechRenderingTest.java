package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.rehearse.core.analytics.AudioMetrics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer on speech with known answers, rendered by espeak-ng at set rates, with set breaks
 * and with flat or varied intonation. Prints the table of set against measured values.
 */
class SpeechRenderingTest {

  private static final String BREAKS =
      "<speak>I planned the release with the whole team.<break time=\"1500ms\"/>"
          + "Then we tested every change with real customer data.<break time=\"1500ms\"/>"
          + "We fixed the problems we found.<break time=\"1500ms\"/>"
          + "Finally we shipped it on time, and the customers were happy.</speak>";
  private static final int BREAK_COUNT = 3;

  @TempDir static Path dir;

  private static final Map<String, Rendering> renderings = new LinkedHashMap<>();

  private record Rendering(String what, int setWpm, long durationMs, AudioMetrics metrics) {}

  @BeforeAll
  static void renderAndAnalyse() {
    Espeak espeak = new Espeak(dir);
    try (AudioAnalyzer analyzer = AudioAnalyzer.create()) {
      add(analyzer, "rate120", "paragraph, -s 120", 120, espeak.speak(Espeak.PARAGRAPH, 120));
      add(analyzer, "rate180", "paragraph, -s 180", 180, espeak.speak(Espeak.PARAGRAPH, 180));
      byte[] breaks = espeak.speakSsml(BREAKS, 160);
      add(analyzer, "breaks", "3 breaks of 1500 ms", 160, breaks);
      add(analyzer, "breaks8k", "breaks, sox 8 kHz", 160, espeak.sox(breaks, "-r", "8000"));
      add(
          analyzer,
          "breaks48kStereo",
          "breaks, sox 48k stereo",
          160,
          espeak.sox(breaks, "-r", "48000", "-c", "2"));
      add(
          analyzer,
          "breaks44k24",
          "breaks, sox 44.1k 24b",
          160,
          espeak.sox(breaks, "-r", "44100", "-b", "24"));
      add(
          analyzer,
          "breaksFloat",
          "breaks, sox float",
          160,
          espeak.sox(breaks, "-e", "floating-point", "-b", "32"));
      add(analyzer, "noise20", "breaks + noise 20 dB", 160, withWhiteNoise(breaks, 20));
      add(analyzer, "noise10", "breaks + noise 10 dB", 160, withWhiteNoise(breaks, 10));
      add(
          analyzer,
          "flat",
          "prosody range x-low",
          160,
          espeak.speakSsml(prosodyRange("x-low", Espeak.PARAGRAPH), 160));
      add(
          analyzer,
          "varied",
          "prosody range x-high",
          160,
          espeak.speakSsml(prosodyRange("x-high", Espeak.PARAGRAPH), 160));
    }
  }

  /**
   * {@code wav} at 16 kHz with white noise added, {@code snrDb} below the speech's RMS (taken over
   * the whole rendering, pauses included).
   */
  private static byte[] withWhiteNoise(byte[] wav, double snrDb) {
    DecodedAudio audio = WavDecoder.decode(wav);
    float[] speech = Resampler.resample(audio.mono(), audio.format().sampleRate(), 16_000);
    double sum = 0;
    for (float v : speech) {
      sum += v * v;
    }
    double noiseRms = Math.sqrt(sum / speech.length) / Math.pow(10, snrDb / 20);
    // uniform noise on [-a, a] has an RMS of a / sqrt(3)
    float[] noise =
        TestWav.whiteNoise(speech.length / 16_000.0, 16_000, noiseRms * Math.sqrt(3), 5);
    float[] mixed = new float[speech.length];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = speech[i] + (i < noise.length ? noise[i] : 0);
    }
    return TestWav.mono16(mixed, 16_000);
  }

  private static String prosodyRange(String range, String text) {
    return "<speak><prosody range=\"" + range + "\">" + text + "</prosody></speak>";
  }

  private static void add(AudioAnalyzer analyzer, String key, String what, int wpm, byte[] wav) {
    long durationMs = WavDecoder.decode(wav).durationMs();
    renderings.put(key, new Rendering(what, wpm, durationMs, analyzer.analyze(wav)));
  }

  @AfterAll
  static void printTable() {
    StringBuilder table =
        new StringBuilder("\nTest speech (espeak-ng, en-us): set against measured\n");
    table.append(
        String.format(
            "%-22s %5s %7s %6s %7s %7s %6s %5s %8s %7s %7s %6s%n",
            "rendering",
            "set",
            "est.wpm",
            "syl/s",
            "audio s",
            "speechs",
            "pauses",
            "long",
            "longest",
            "F0 Hz",
            "F0 std",
            "range"));
    for (Rendering r : renderings.values()) {
      AudioMetrics m = r.metrics();
      table.append(
          String.format(
              "%-22s %5d %7.1f %6.2f %7.2f %7.2f %6d %5d %8d %7.1f %7.2f %6.2f%n",
              r.what(),
              r.setWpm(),
              m.estimatedWordsPerMinute().orElse(Double.NaN),
              m.syllablesPerSecond().orElse(Double.NaN),
              r.durationMs() / 1000.0,
              m.speechMs() / 1000.0,
              m.pauseCount(),
              m.longPauseCount(),
              m.longestPauseMs(),
              m.pitchMeanHz().orElse(Double.NaN),
              m.pitchStdSemitones().orElse(Double.NaN),
              m.pitchRangeSemitones().orElse(Double.NaN)));
    }
    System.out.println(table);
  }

  private static AudioMetrics metrics(String key) {
    return renderings.get(key).metrics();
  }

  @Test
  void aFasterRenderingIsMeasuredFasterByTheRatioOfTheSetRates() {
    double slow = metrics("rate120").estimatedWordsPerMinute().orElseThrow();
    double fast = metrics("rate180").estimatedWordsPerMinute().orElseThrow();

    // 180 / 120 = 1.5, within 15%
    assertThat(fast / slow).isBetween(1.5 * 0.85, 1.5 * 1.15);
  }

  @Test
  void theParagraphIsMostlySpeech() {
    for (String key : new String[] {"rate120", "rate180"}) {
      Rendering r = renderings.get(key);

      assertThat(r.metrics().speechMs()).as(key).isGreaterThan(r.durationMs() * 7 / 10);
      assertThat(r.metrics().speechMs() + r.metrics().silenceMs())
          .as(key)
          .isEqualTo(r.durationMs());
    }
  }

  @Test
  void eachBreakOfOneAndAHalfSecondsIsALongPause() {
    AudioMetrics breaks = metrics("breaks");

    assertThat(breaks.longPauseCount()).isEqualTo(BREAK_COUNT);
    assertThat(breaks.pauseCount()).isGreaterThanOrEqualTo(BREAK_COUNT);
    assertThat(breaks.longestPauseMs()).isBetween(1450L, 2000L);
  }

  @Test
  void theSameSpeechConvertedBySoxMeasuresTheSame() {
    AudioMetrics original = metrics("breaks");
    for (String key : new String[] {"breaks8k", "breaks48kStereo", "breaks44k24", "breaksFloat"}) {
      AudioMetrics converted = metrics(key);

      assertThat(converted.pauseCount()).as(key).isEqualTo(original.pauseCount());
      assertThat(converted.longPauseCount()).as(key).isEqualTo(original.longPauseCount());
      assertThat(converted.longestPauseMs())
          .as(key)
          .isCloseTo(original.longestPauseMs(), within(30L));
      assertThat(converted.speechMs()).as(key).isCloseTo(original.speechMs(), within(100L));
      assertThat(converted.syllablesPerSecond().orElseThrow())
          .as(key)
          .isCloseTo(original.syllablesPerSecond().orElseThrow(), withinPercentage(5));
      assertThat(converted.pitchMeanHz().orElseThrow())
          .as(key)
          .isCloseTo(original.pitchMeanHz().orElseThrow(), withinPercentage(2));
    }
  }

  @Test
  void breaksAreStillLongPausesUnderWhiteNoise() {
    AudioMetrics clean = metrics("breaks");
    for (String key : new String[] {"noise20", "noise10"}) {
      AudioMetrics noisy = metrics(key);

      assertThat(noisy.longPauseCount()).as(key).isEqualTo(BREAK_COUNT);
      assertThat(noisy.speechMs()).as(key).isCloseTo(clean.speechMs(), withinPercentage(10));
    }
  }

  @Test
  void speechWithoutBreaksHasNoLongPause() {
    assertThat(metrics("rate180").longPauseCount()).isZero();
    assertThat(metrics("flat").longPauseCount()).isZero();
  }

  @Test
  void aFlatRenderingHasLessPitchVariationThanAVariedOne() {
    double flat = metrics("flat").pitchStdSemitones().orElseThrow();
    double varied = metrics("varied").pitchStdSemitones().orElseThrow();
    double flatRange = metrics("flat").pitchRangeSemitones().orElseThrow();
    double variedRange = metrics("varied").pitchRangeSemitones().orElseThrow();

    assertThat(flat).isLessThan(varied);
    assertThat(flatRange).isLessThan(variedRange);
  }
}
