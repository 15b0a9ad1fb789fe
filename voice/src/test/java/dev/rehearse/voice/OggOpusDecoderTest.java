package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rehearse.core.analytics.AudioMetrics;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ogg Opus files made by {@code opusenc} (what LiveKit egress writes) from espeak-ng speech: they
 * decode to the WAV's duration and analyse like it; damaged files are refused as malformed.
 */
class OggOpusDecoderTest {

  @TempDir static Path dir;

  private static byte[] wav;
  private static byte[] ogg;
  private static Espeak espeak;

  @BeforeAll
  static void render() {
    espeak = new Espeak(dir);
    wav = espeak.speak(Espeak.PARAGRAPH, 160);
    ogg = espeak.opusenc(wav, 32);
  }

  @Test
  void anOggOpusFileDecodesToTheDurationOfItsWav() {
    DecodedAudio fromWav = WavDecoder.decode(wav);
    DecodedAudio fromOgg = AudioDecoder.decode(ogg);

    assertThat(fromOgg.format().sampleRate()).isEqualTo(OggOpusDecoder.SAMPLE_RATE);
    assertThat(fromOgg.format().channels()).isEqualTo(1);
    assertThat(fromOgg.durationMs())
        .isCloseTo(fromWav.durationMs(), within(fromWav.durationMs() / 100));
  }

  @Test
  void theDecodedSignalHasTheLoudnessOfTheWav() {
    double wavRms = rms(WavDecoder.decode(wav).mono());
    double oggRms = rms(AudioDecoder.decode(ogg).mono());

    assertThat(wavRms).isGreaterThan(0.01);
    assertThat(oggRms).isCloseTo(wavRms, within(wavRms / 10));
  }

  @Test
  void aStereoOggOpusFileIsMixedDownToMono() {
    byte[] stereoWav = espeak.sox(wav, "-r", "48000", "-c", "2");
    DecodedAudio stereo = AudioDecoder.decode(espeak.opusenc(stereoWav, 64));

    assertThat(stereo.format().channels()).isEqualTo(2);
    long expected = WavDecoder.decode(wav).durationMs();
    assertThat(stereo.durationMs()).isCloseTo(expected, within(expected / 100));
  }

  @Test
  void theAnalysisOfTheOggMatchesTheWavs() {
    try (AudioAnalyzer analyzer = AudioAnalyzer.create()) {
      AudioMetrics fromWav = analyzer.analyze(wav);
      AudioMetrics fromOgg = analyzer.analyze(ogg);

      assertThat(fromOgg.speechMs()).isCloseTo(fromWav.speechMs(), within(fromWav.speechMs() / 10));
      double wavRate = fromWav.estimatedWordsPerMinute().orElseThrow();
      assertThat(fromOgg.estimatedWordsPerMinute().orElseThrow())
          .isCloseTo(wavRate, within(wavRate / 10));
    }
  }

  @Test
  void aFileCutInsideAPageIsMalformed() {
    byte[] truncated = Arrays.copyOf(ogg, ogg.length / 2);

    assertThatThrownBy(() -> AudioDecoder.decode(truncated))
        .isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void aFileCutAtAPageBoundaryIsMalformed() {
    int lastPage = lastIndexOf(ogg, "OggS");
    byte[] truncated = Arrays.copyOf(ogg, lastPage);

    assertThatThrownBy(() -> AudioDecoder.decode(truncated))
        .isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("end-of-stream");
  }

  @Test
  void aGarbledByteFailsTheCrcCheck() {
    byte[] garbled = ogg.clone();
    garbled[garbled.length / 2] ^= 0x5A;

    assertThatThrownBy(() -> AudioDecoder.decode(garbled))
        .isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("CRC");
  }

  @Test
  void aCapturePatternWithoutAPageHeaderIsMalformed() {
    assertThatThrownBy(() -> AudioDecoder.decode(new byte[] {'O', 'g', 'g', 'S', 0, 2}))
        .isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void garbageAfterTheCapturePatternIsMalformed() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    System.arraycopy("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, garbage, 0, 4);

    assertThatThrownBy(() -> AudioDecoder.decode(garbage))
        .isInstanceOf(MalformedAudioException.class);
  }

  @Test
  void moreThanTenMinutesIsTooLarge() {
    int rate = 8_000;
    float[] silence = new float[(int) (WavDecoder.MAX_DURATION_MS / 1000 + 5) * rate];
    byte[] long_ = espeak.opusenc(TestWav.mono16(silence, rate), 8);

    assertThatThrownBy(() -> AudioDecoder.decode(long_))
        .isInstanceOf(AudioTooLargeException.class)
        .hasMessageContaining("10 minutes");
  }

  @Test
  void theDecoderIsChosenByTheFirstBytes() {
    assertThat(AudioDecoder.decode(wav).format().sampleRate())
        .isEqualTo(WavDecoder.decode(wav).format().sampleRate());
    byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> AudioDecoder.decode(mp3))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("MP3");
    byte[] mp4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'M', '4', 'A', ' '};
    assertThatThrownBy(() -> AudioDecoder.decode(mp4))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("MP4");
    assertThatThrownBy(
            () -> AudioDecoder.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))
        .isInstanceOf(MalformedAudioException.class);
  }

  private static double rms(float[] samples) {
    double energy = 0;
    for (float v : samples) {
      energy += v * v;
    }
    return Math.sqrt(energy / samples.length);
  }

  private static int lastIndexOf(byte[] b, String s) {
    byte[] m = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = b.length - m.length; i >= 0; i--) {
      if (Arrays.equals(b, i, i + m.length, m, 0, m.length)) {
        return i;
      }
    }
    throw new AssertionError(s + " not found");
  }
}
