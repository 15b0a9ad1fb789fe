package dev.rehearse.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YinTest {

  @ParameterizedTest
  @ValueSource(doubles = {80, 110, 196, 261.63, 440, 490})
  void aSineIsReadAtItsFrequency(double hz) {
    float[] x = TestWav.sine(hz, 0.2, 16_000, 0.5);

    assertThat(Yin.f0(x, 1600)).isCloseTo(hz, within(0.02 * hz));
  }

  @Test
  void aHarmonicToneIsReadAtItsFundamentalNotAnOvertone() {
    float[] f = TestWav.sine(150, 0.2, 16_000, 0.3);
    float[] h2 = TestWav.sine(300, 0.2, 16_000, 0.4);
    float[] h3 = TestWav.sine(450, 0.2, 16_000, 0.2);
    float[] x = new float[f.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = f[i] + h2[i] + h3[i];
    }

    assertThat(Yin.f0(x, 1600)).isCloseTo(150, within(3.0));
  }

  @Test
  void whiteNoiseIsUnvoiced() {
    float[] x = TestWav.whiteNoise(1, 16_000, 0.3, 7);
    int voiced = 0;
    for (int centre = 400; centre < 15_000; centre += 160) {
      voiced += Double.isNaN(Yin.f0(x, centre)) ? 0 : 1;
    }

    assertThat(voiced).isZero();
  }

  @Test
  void aToneBelowTheSearchRangeIsUnvoiced() {
    float[] x = TestWav.sine(50, 0.3, 16_000, 0.5);

    assertThat(Yin.f0(x, 2400)).isNaN();
  }
}
