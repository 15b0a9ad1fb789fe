package dev.rehearse.voice;

import java.util.Arrays;
import java.util.Optional;

/**
 * F0 statistics of the voiced frames, in semitones relative to the median F0: {@code s = 12 ·
 * log2(f0 / median)}. Octave errors (a frame read at half or double its pitch) land 12 semitones
 * away from the rest, so every statistic is taken inside the 5th–95th percentile band of {@code s}:
 * the range is {@code P95 − P5}; the standard deviation is that of {@code s} clamped into the band
 * (winsorised); the mean in Hz is the mean F0 of the frames inside the band.
 *
 * @param meanHz the mean F0 of the frames inside the band
 * @param stdSemitones the winsorised standard deviation
 * @param rangeSemitones P95 − P5
 */
record PitchStatistics(double meanHz, double stdSemitones, double rangeSemitones) {

  /** Fewer voiced frames than this (50 ms) give no statistics. */
  static final int MIN_VOICED_FRAMES = 5;

  static Optional<PitchStatistics> of(double[] f0) {
    double[] voiced = Arrays.stream(f0).filter(v -> !Double.isNaN(v)).toArray();
    if (voiced.length < MIN_VOICED_FRAMES) {
      return Optional.empty();
    }
    double median = Stats.quantile(voiced, 0.5);
    double[] semitones = new double[voiced.length];
    for (int i = 0; i < voiced.length; i++) {
      semitones[i] = 12 * Math.log(voiced[i] / median) / Math.log(2);
    }
    double[] sorted = semitones.clone();
    Arrays.sort(sorted);
    double p5 = Stats.sortedQuantile(sorted, 0.05);
    double p95 = Stats.sortedQuantile(sorted, 0.95);
    double[] clamped = new double[semitones.length];
    double sumHz = 0;
    int inBand = 0;
    for (int i = 0; i < semitones.length; i++) {
      clamped[i] = Math.max(p5, Math.min(p95, semitones[i]));
      if (semitones[i] >= p5 && semitones[i] <= p95) {
        sumHz += voiced[i];
        inBand++;
      }
    }
    return Optional.of(new PitchStatistics(sumHz / inBand, Stats.std(clamped), p95 - p5));
  }
}
