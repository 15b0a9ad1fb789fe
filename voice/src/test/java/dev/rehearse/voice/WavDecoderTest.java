package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavDecoderTest {

  private static final int RATE = 16_000;

  /** A 440 Hz tone under a slower 97 Hz one: every sample differs, none clips. */
  private static final float[] SIGNAL = signal();

  private static float[] signal() {
    float[] a = TestWav.sine(440, 0.25, RATE, 0.5);
    float[] b = TestWav.sine(97, 0.25, RATE, 0.3);
    float[] x = new float[a.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = a[i] + b[i];
    }
    return x;
  }

  /** Half a step of the format's quantiser, plus float rounding. */
  private static double tolerance(TestWav.Layout layout) {
    return layout.bits == 32 ? 1e-7 : 1.0 / (1 << (layout.bits - 1)) + 1e-6;
  }

  @ParameterizedTest
  @EnumSource(TestWav.Layout.class)
  void everyEncodingDecodesToTheSameMonoSamples(TestWav.Layout layout) {
    DecodedAudio audio = WavDecoder.decode(TestWav.wav(new float[][] {SIGNAL}, RATE, layout));

    assertThat(audio.format().sampleRate()).isEqualTo(RATE);
    assertThat(audio.format().channels()).isEqualTo(1);
    assertThat(audio.format().bitsPerSample()).isEqualTo(layout.bits);
    assertThat(audio.durationMs()).isEqualTo(250);
    assertThat(maxDifference(audio.mono(), SIGNAL)).isLessThanOrEqualTo(tolerance(layout));
  }

  @ParameterizedTest
  @EnumSource(TestWav.Layout.class)
  void stereoIsMixedDownToTheMeanOfItsChannels(TestWav.Layout layout) {
    float[] left = SIGNAL;
    float[] right = new float[SIGNAL.length];
    float[] mean = new float[SIGNAL.length];
    for (int i = 0; i < right.length; i++) {
      right[i] = 0.5f * SIGNAL[i];
      mean[i] = 0.75f * SIGNAL[i];
    }

    DecodedAudio audio = WavDecoder.decode(TestWav.wav(new float[][] {left, right}, RATE, layout));

    assertThat(audio.format().channels()).isEqualTo(2);
    assertThat(audio.mono()).hasSameSizeAs(SIGNAL);
    assertThat(maxDifference(audio.mono(), mean)).isLessThanOrEqualTo(tolerance(layout));
  }

  @Test
  void eightBitPcmIsUnsignedAroundMidScale() {
    byte[] wav =
        TestWav.wav(TestWav.fmt(1, 1, 8000, 8, false), new byte[] {(byte) 128, 0, (byte) 255});

    assertThat(WavDecoder.decode(wav).mono()).containsExactly(0f, -1f, 127 / 128f);
  }

  @Test
  void aStreamingDataSizeMeansUpToTheEndOfTheFile() {
    byte[] wav = TestWav.mono16(SIGNAL, RATE);
    int dataSizeAt = indexOf(wav, "data") + 4;
    ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(dataSizeAt, 0xFFFFFFFF);

    assertThat(WavDecoder.decode(wav).mono()).hasSameSizeAs(SIGNAL);
  }

  @Test
  void truncatedDataIsMalformed() {
    byte[] wav = TestWav.mono16(SIGNAL, RATE);
    byte[] truncated = Arrays.copyOf(wav, wav.length - 1000);

    assertThatThrownBy(() -> WavDecoder.decode(truncated))
        .isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("truncated")
        .satisfies(e -> assertThat(((AudioRejectedException) e).httpStatus()).isEqualTo(400));
  }

  @Test
  void aFileCutInsideItsHeaderIsMalformed() {
    byte[] wav = Arrays.copyOf(TestWav.mono16(SIGNAL, RATE), 30);

    assertThatThrownBy(() -> WavDecoder.decode(wav)).isInstanceOf(MalformedAudioException.class);
  }

  @Test
  void somethingElseThanRiffWaveIsMalformed() {
    byte[] wav = TestWav.mono16(SIGNAL, RATE);
    wav[0] = 'O';
    wav[1] = 'g';
    wav[2] = 'g';
    wav[3] = 'S';

    assertThatThrownBy(() -> WavDecoder.decode(wav))
        .isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("not a WAV file")
        .hasMessageContaining("OggS");
  }

  @Test
  void aFileWithoutDataChunkIsMalformed() {
    byte[] full = TestWav.mono16(SIGNAL, RATE);
    byte[] headerOnly = Arrays.copyOf(full, indexOf(full, "data"));

    assertThatThrownBy(() -> WavDecoder.decode(headerOnly))
        .isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("no data chunk");
  }

  @Test
  void aSampleRateBelow8kHzIsUnsupported() {
    byte[] wav = TestWav.mono16(TestWav.sine(440, 0.1, 7000, 0.5), 7000);

    assertThatThrownBy(() -> WavDecoder.decode(wav))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("7000 Hz")
        .satisfies(e -> assertThat(((AudioRejectedException) e).httpStatus()).isEqualTo(415));
  }

  @Test
  void aSampleRateAbove48kHzIsUnsupported() {
    byte[] wav = TestWav.mono16(TestWav.sine(440, 0.1, 96_000, 0.5), 96_000);

    assertThatThrownBy(() -> WavDecoder.decode(wav))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("96000 Hz");
  }

  @Test
  void threeChannelsAreUnsupported() {
    float[] x = TestWav.sine(440, 0.1, RATE, 0.5);
    byte[] wav = TestWav.wav(new float[][] {x, x, x}, RATE, TestWav.Layout.PCM_16);

    assertThatThrownBy(() -> WavDecoder.decode(wav))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("3 channels");
  }

  @Test
  void otherEncodingsAreUnsupported() {
    byte[] pcm32 = TestWav.wav(TestWav.fmt(1, 1, RATE, 32, false), new byte[8]);
    byte[] float64 = TestWav.wav(TestWav.fmt(3, 1, RATE, 64, false), new byte[16]);
    byte[] adpcm = TestWav.wav(TestWav.fmt(2, 1, RATE, 4, false), new byte[8]);

    assertThatThrownBy(() -> WavDecoder.decode(pcm32))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("32-bit integer PCM");
    assertThatThrownBy(() -> WavDecoder.decode(float64))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("64-bit float");
    assertThatThrownBy(() -> WavDecoder.decode(adpcm))
        .isInstanceOf(UnsupportedAudioException.class)
        .hasMessageContaining("0x0002");
  }

  @Test
  void aHeaderDeclaringMoreThanTenMinutesIsTooLarge() {
    // 11 minutes of 8 kHz 16-bit mono declared, a few bytes sent: the header alone decides
    int elevenMinutes = 11 * 60 * 8000 * 2;
    byte[] wav = TestWav.wav(TestWav.fmt(1, 1, 8000, 16, false), new byte[64]);
    int dataSizeAt = indexOf(wav, "data") + 4;
    ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(dataSizeAt, elevenMinutes);

    assertThatThrownBy(() -> WavDecoder.decode(wav))
        .isInstanceOf(AudioTooLargeException.class)
        .hasMessageContaining("660 s")
        .satisfies(e -> assertThat(((AudioRejectedException) e).httpStatus()).isEqualTo(413));
  }

  @Test
  void tenMinutesAreAccepted() {
    byte[] wav = TestWav.wav(TestWav.fmt(1, 1, 8000, 8, false), new byte[10 * 60 * 8000]);

    assertThat(WavDecoder.decode(wav).durationMs()).isEqualTo(WavDecoder.MAX_DURATION_MS);
  }

  @Test
  void moreThanFiftyMegabytesIsTooLarge() {
    byte[] wav = new byte[WavDecoder.MAX_BYTES + 1];
    System.arraycopy(TestWav.mono16(SIGNAL, RATE), 0, wav, 0, 44);

    assertThatThrownBy(() -> WavDecoder.decode(wav))
        .isInstanceOf(AudioTooLargeException.class)
        .hasMessageContaining("50 MB");
  }

  private static double maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static int indexOf(byte[] wav, String fourCc) {
    for (int i = 12; i + 4 <= wav.length; i++) {
      if (wav[i] == fourCc.charAt(0)
          && wav[i + 1] == fourCc.charAt(1)
          && wav[i + 2] == fourCc.charAt(2)
          && wav[i + 3] == fourCc.charAt(3)) {
        return i;
      }
    }
    throw new IllegalArgumentException(fourCc);
  }
}
