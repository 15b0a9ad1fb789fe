package dev.rehearse.voice;

/**
 * Frame levels of 16 kHz audio, one value per 10 ms frame: frame {@code i} is centred on sample
 * {@code 160·i + 80}.
 */
final class Levels {

  static final int SAMPLE_RATE = 16_000;

  /** 10 ms. */
  static final int HOP = 160;

  /** The floor of every level: digital silence reads as this, not as minus infinity. */
  static final double FLOOR_DB = -100;

  private Levels() {}

  static int frames(int samples) {
    return samples / HOP;
  }

  /**
   * The level in dB relative to full scale (a full-scale square wave is 0 dB) of a rectangular
   * window of {@code window} samples around each frame centre.
   */
  static double[] rmsDb(float[] x, int window) {
    int frames = frames(x.length);
    double[] out = new double[frames];
    // running sum of squares over the window
    double[] cumulative = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      cumulative[i + 1] = cumulative[i] + (double) x[i] * x[i];
    }
    for (int f = 0; f < frames; f++) {
      int centre = f * HOP + HOP / 2;
      int from = Math.max(0, centre - window / 2);
      int to = Math.min(x.length, centre + window / 2);
      double meanSquare = (cumulative[to] - cumulative[from]) / window;
      out[f] = toDb(meanSquare);
    }
    return out;
  }

  /**
   * Intensity in dB with a Hann window of {@code window} samples around each frame centre, in the
   * way of Praat's intensity contour: smooth enough that each syllable gives one hump.
   */
  static double[] intensityDb(float[] x, int window) {
    double[] hann = new double[window];
    double weight = 0;
    for (int i = 0; i < window; i++) {
      hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / window);
      weight += hann[i];
    }
    int frames = frames(x.length);
    double[] out = new double[frames];
    for (int f = 0; f < frames; f++) {
      int start = f * HOP + HOP / 2 - window / 2;
      double sum = 0;
      int from = Math.max(0, -start);
      int to = Math.min(window, x.length - start);
      for (int i = from; i < to; i++) {
        double v = x[start + i];
        sum += hann[i] * v * v;
      }
      out[f] = toDb(sum / weight);
    }
    return out;
  }

  private static double toDb(double meanSquare) {
    return meanSquare <= 0 ? FLOOR_DB : Math.max(FLOOR_DB, 10 * Math.log10(meanSquare));
  }
}
