package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {

  @ParameterizedTest
  @ValueSource(ints = {8000, 11025, 22050, 32000, 44100, 48000})
  void aToneInTheCommonBandIsTheSameToneAt16kHz(int rate) {
    float[] in = TestWav.sine(440, 1, rate, 0.5);

    float[] out = Resampler.resample(in, rate, 16_000);

    float[] expected = TestWav.sine(440, 1, 16_000, 0.5);
    assertThat(out.length).isCloseTo(expected.length, within(1));
    // away from the ends, where the filter sees zeros beyond the signal
    double maxError = 0;
    for (int i = 400; i < Math.min(out.length, expected.length) - 400; i++) {
      maxError = Math.max(maxError, Math.abs(out[i] - expected[i]));
    }
    assertThat(maxError).isLessThan(0.005);
  }

  @ParameterizedTest
  @ValueSource(ints = {22050, 44100, 48000})
  void aToneAboveTheNewNyquistFrequencyIsRemovedNotAliased(int rate) {
    float[] in = TestWav.sine(11_000, 1, rate, 0.5);

    float[] out = Resampler.resample(in, rate, 16_000);

    // 11 kHz would alias to 5 kHz; the low-pass leaves less than 1% of its amplitude (-40 dB)
    assertThat(rms(out, 400, out.length - 400)).isLessThan(0.01 * 0.5 / Math.sqrt(2));
  }

  @Test
  void aConstantPassesUnchanged() {
    float[] in = new float[44_100];
    java.util.Arrays.fill(in, 0.25f);

    float[] out = Resampler.resample(in, 44_100, 16_000);

    for (int i = 100; i < out.length - 100; i++) {
      assertThat(out[i]).isCloseTo(0.25f, within(1e-5f));
    }
  }

  @Test
  void theSameRateIsACopy() {
    float[] in = TestWav.sine(300, 0.1, 16_000, 0.5);

    assertThat(Resampler.resample(in, 16_000, 16_000)).containsExactly(in).isNotSameAs(in);
  }

  private static double rms(float[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i] * x[i];
    }
    return Math.sqrt(sum / (to - from));
  }
}
