package dev.rehearse.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * Syllable nuclei from the intensity contour, in the spirit of De Jong &amp; Wempe (2009), "Praat
 * script to detect syllable nuclei and measure speech rate automatically":
 *
 * <ol>
 *   <li>candidates are the local maxima of the intensity contour (64 ms Hann window, 10 ms steps)
 *       in speech frames that lie above the median intensity of the speech frames minus {@value
 *       #BELOW_MEDIAN_DB} dB;
 *   <li>two neighbouring candidates are separate syllables only if the intensity between them dips
 *       at least {@value #MIN_DIP_DB} dB below the lower of the two; otherwise they merge into the
 *       higher one;
 *   <li>a nucleus counts only if it is voiced: YIN finds an F0 within {@value #VOICED_SLACK_FRAMES}
 *       frames of it (a vowel is voiced; a burst of frication is not).
 * </ol>
 */
final class SyllableNuclei {

  static final double BELOW_MEDIAN_DB = 0;
  static final double MIN_DIP_DB = 2;
  static final int VOICED_SLACK_FRAMES = 2;

  private SyllableNuclei() {}

  /** Frame indices of the syllable nuclei. */
  static List<Integer> find(double[] intensityDb, boolean[] speech, double[] f0) {
    double[] speechIntensity = Stats.select(intensityDb, speech);
    List<Integer> nuclei = new ArrayList<>();
    if (speechIntensity.length == 0) {
      return nuclei;
    }
    double threshold = Stats.quantile(speechIntensity, 0.5) - BELOW_MEDIAN_DB;
    List<Integer> candidates = new ArrayList<>();
    for (int i = 1; i + 1 < intensityDb.length; i++) {
      if (speech[i]
          && intensityDb[i] > threshold
          && intensityDb[i] > intensityDb[i - 1]
          && intensityDb[i] >= intensityDb[i + 1]) {
        candidates.add(i);
      }
    }
    List<Integer> peaks = new ArrayList<>();
    int current = -1;
    for (int candidate : candidates) {
      if (current < 0) {
        current = candidate;
        continue;
      }
      double dip = Double.POSITIVE_INFINITY;
      boolean pauseBetween = false;
      for (int k = current; k <= candidate; k++) {
        dip = Math.min(dip, intensityDb[k]);
        pauseBetween |= !speech[k];
      }
      double lower = Math.min(intensityDb[current], intensityDb[candidate]);
      if (pauseBetween || lower - dip >= MIN_DIP_DB) {
        peaks.add(current);
        current = candidate;
      } else if (intensityDb[candidate] > intensityDb[current]) {
        current = candidate;
      }
    }
    if (current >= 0) {
      peaks.add(current);
    }
    for (int peak : peaks) {
      if (voicedNear(f0, peak)) {
        nuclei.add(peak);
      }
    }
    return nuclei;
  }

  private static boolean voicedNear(double[] f0, int frame) {
    for (int k = Math.max(0, frame - VOICED_SLACK_FRAMES);
        k <= Math.min(f0.length - 1, frame + VOICED_SLACK_FRAMES);
        k++) {
      if (!Double.isNaN(f0[k])) {
        return true;
      }
    }
    return false;
  }
}
