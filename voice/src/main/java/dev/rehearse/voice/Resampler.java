package dev.rehearse.voice;

/**
 * Band-limited sample-rate conversion by a rational factor, with a Blackman-windowed sinc.
 *
 * <p>The ratio {@code to/from} is reduced to {@code L/M}; output sample {@code n} lies at input
 * time {@code n·M/L}, whose fractional part is one of {@code L} phases, so the filter taps of every
 * phase are computed once (a polyphase filter bank). The low-pass cut-off is 95% of the lower of
 * the two Nyquist frequencies, so a downsampler removes what would alias; each side of the kernel
 * spans {@link #ZERO_CROSSINGS} zero crossings of the sinc (about 58 dB stop-band with the Blackman
 * window), and each phase's taps are normalised to sum to one, so a constant passes unchanged.
 * Samples beyond either end count as zero.
 */
public final class Resampler {

  static final int ZERO_CROSSINGS = 12;
  private static final double CUTOFF = 0.95;

  private Resampler() {}

  /** {@code input} at {@code fromRate} converted to {@code toRate}. */
  public static float[] resample(float[] input, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + fromRate + " → " + toRate);
    }
    if (fromRate == toRate) {
      return input.clone();
    }
    int g = gcd(fromRate, toRate);
    int up = toRate / g; // L: phases
    int down = fromRate / g; // M
    // cut-off in cycles per input sample
    double fc = 0.5 * CUTOFF * Math.min(1.0, (double) toRate / fromRate);
    int half = (int) Math.ceil(ZERO_CROSSINGS / (2 * fc));
    int taps = 2 * half;
    float[][] bank = new float[up][taps];
    for (int p = 0; p < up; p++) {
      double frac = (double) p / up;
      double sum = 0;
      for (int j = 0; j < taps; j++) {
        double x = (j - half + 1) - frac; // input index offset minus fractional time
        double h = 2 * fc * sinc(2 * fc * x) * blackman(x / half);
        bank[p][j] = (float) h;
        sum += h;
      }
      for (int j = 0; j < taps; j++) {
        bank[p][j] /= (float) sum;
      }
    }
    int outLength = (int) ((long) input.length * up / down);
    float[] out = new float[outLength];
    for (int n = 0; n < outLength; n++) {
      long t = (long) n * down;
      int base = (int) (t / up);
      float[] h = bank[(int) (t % up)];
      int first = base - half + 1;
      float acc = 0;
      if (first >= 0 && first + taps <= input.length) {
        for (int j = 0; j < taps; j++) {
          acc += h[j] * input[first + j];
        }
      } else {
        for (int j = 0; j < taps; j++) {
          int k = first + j;
          if (k >= 0 && k < input.length) {
            acc += h[j] * input[k];
          }
        }
      }
      out[n] = acc;
    }
    return out;
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }

  /** The Blackman window on [-1, 1], zero outside. */
  private static double blackman(double u) {
    if (u <= -1 || u >= 1) {
      return 0;
    }
    double a = Math.PI * (u + 1); // 0..2π
    return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
