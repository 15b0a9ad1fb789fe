package dev.rehearse.voice;

/**
 * The YIN fundamental-frequency estimator (de Cheveigné &amp; Kawahara, 2002) on 16 kHz audio, for
 * F0 between {@value #MIN_F0_HZ} and {@value #MAX_F0_HZ} Hz.
 *
 * <p>For a frame, the squared difference {@code d(τ)} between a {@value #WINDOW}-sample window and
 * the same window {@code τ} samples later is normalised by its running mean ({@code d'(τ)}, the
 * cumulative-mean-normalised difference). The period is the first {@code τ} in range where {@code
 * d'} dips below {@value #THRESHOLD} — followed down to its local minimum, then refined by a
 * parabola through its neighbours. With no such dip the frame is unvoiced.
 */
final class Yin {

  static final double MIN_F0_HZ = 75;
  static final double MAX_F0_HZ = 500;

  /** 20 ms: at least one and a half periods at the lowest F0. */
  static final int WINDOW = 320;

  static final double THRESHOLD = 0.15;

  private static final int SAMPLE_RATE = Levels.SAMPLE_RATE;
  private static final int MIN_LAG = (int) Math.floor(SAMPLE_RATE / MAX_F0_HZ);
  private static final int MAX_LAG = (int) Math.ceil(SAMPLE_RATE / MIN_F0_HZ);

  private Yin() {}

  /**
   * F0 in Hz of the window starting {@code WINDOW / 2} samples before {@code centre}, or {@code
   * NaN} when the frame is unvoiced or too close to the end.
   */
  static double f0(float[] x, int centre) {
    int start = centre - WINDOW / 2;
    if (start < 0 || start + WINDOW + MAX_LAG + 1 > x.length) {
      return Double.NaN;
    }
    // d'(τ) is computed only as far as the search needs: up to the first dip and one lag past its
    // minimum, which for a voice above the lowest F0 stops well short of MAX_LAG
    Difference cmnd = new Difference(x, start);
    for (int tau = MIN_LAG; tau <= MAX_LAG; tau++) {
      if (cmnd.at(tau) < THRESHOLD) {
        while (tau + 1 <= MAX_LAG && cmnd.at(tau + 1) < cmnd.at(tau)) {
          tau++;
        }
        double period = tau + parabolicOffset(cmnd.at(tau - 1), cmnd.at(tau), cmnd.at(tau + 1));
        double f0 = SAMPLE_RATE / period;
        return f0 >= MIN_F0_HZ && f0 <= MAX_F0_HZ ? f0 : Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** The cumulative-mean-normalised difference of one window, computed lag by lag on demand. */
  private static final class Difference {
    private final float[] x;
    private final int start;
    private final double[] cmnd = new double[MAX_LAG + 2];
    private int computed;
    private double running;

    Difference(float[] x, int start) {
      this.x = x;
      this.start = start;
      cmnd[0] = 1;
    }

    double at(int tau) {
      while (computed < tau) {
        int lag = ++computed;
        double sum = 0;
        for (int j = start; j < start + WINDOW; j++) {
          double diff = x[j] - x[j + lag];
          sum += diff * diff;
        }
        running += sum;
        cmnd[lag] = running == 0 ? 1 : sum * lag / running;
      }
      return cmnd[tau];
    }
  }

  /**
   * F0 of every frame where {@code frames[i]} is true ({@code NaN} elsewhere and when unvoiced).
   */
  static double[] track(float[] x, boolean[] frames) {
    double[] f0 = new double[frames.length];
    for (int i = 0; i < frames.length; i++) {
      f0[i] = frames[i] ? f0(x, i * Levels.HOP + Levels.HOP / 2) : Double.NaN;
    }
    return f0;
  }

  /** The offset of the vertex of the parabola through three equally spaced points. */
  private static double parabolicOffset(double left, double centre, double right) {
    double denominator = left - 2 * centre + right;
    if (denominator == 0) {
      return 0;
    }
    double offset = 0.5 * (left - right) / denominator;
    return Math.max(-1, Math.min(1, offset));
  }
}
