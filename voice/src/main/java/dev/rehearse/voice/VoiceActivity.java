package dev.rehearse.voice;

/**
 * Which 10 ms frames are speech. Two detectors, and how they are combined:
 *
 * <ul>
 *   <li><b>Energy</b> ({@link #energy}): a frame is speech when its 25 ms level is above both an
 *       absolute floor ({@value #ABSOLUTE_FLOOR_DB} dBFS) and half-way (in dB) between the
 *       recording's noise floor (10th percentile of frame levels) and its loud speech (95th
 *       percentile). A recording whose levels span less than {@value #MIN_DYNAMIC_RANGE_DB} dB
 *       between those percentiles is steady (silence, noise, hum) and has no speech.
 *   <li><b>Silero</b> ({@link #silero}): Silero VAD's probability for each 32 ms chunk, with
 *       hysteresis: speech starts at a probability of at least {@value #SILERO_ON} and lasts while
 *       it stays at or above {@value #SILERO_OFF}, as in Silero's own segmenter.
 *   <li><b>Combined</b> ({@link #combine}): a frame is speech when Silero says so <em>and</em> its
 *       level is above the presence floor: more than {@value #PRESENCE_MARGIN_DB} dB above the
 *       noise floor and above {@value #ABSOLUTE_FLOOR_DB} dBFS. Silero decides what is speech (it
 *       rejects noise, music and tones); the energy check trims Silero's 32 ms-grained edges to the
 *       10 ms frames that carry sound, so pause lengths are measured to about a frame. The energy
 *       detector alone is the fallback when the model is not loaded.
 * </ul>
 *
 * Every mask is then smoothed: gaps shorter than {@value #MIN_GAP_MS} ms inside speech (stop
 * closures) are filled, and speech shorter than {@value #MIN_SPEECH_MS} ms (clicks) is dropped.
 */
final class VoiceActivity {

  static final double ABSOLUTE_FLOOR_DB = -55;
  static final double MIN_DYNAMIC_RANGE_DB = 15;
  static final double PRESENCE_MARGIN_DB = 3;
  static final double SILERO_ON = 0.5;
  static final double SILERO_OFF = 0.35;
  static final int MIN_GAP_MS = 100;
  static final int MIN_SPEECH_MS = 60;

  private static final int FRAME_MS = 10;

  private VoiceActivity() {}

  /** The energy detector on 25 ms frame levels. */
  static boolean[] energy(double[] levelsDb) {
    boolean[] speech = new boolean[levelsDb.length];
    if (levelsDb.length == 0) {
      return speech;
    }
    double floor = Stats.quantile(levelsDb, 0.10);
    double loud = Stats.quantile(levelsDb, 0.95);
    if (loud - floor < MIN_DYNAMIC_RANGE_DB) {
      return speech;
    }
    double threshold = Math.max(ABSOLUTE_FLOOR_DB, (floor + loud) / 2);
    for (int i = 0; i < levelsDb.length; i++) {
      speech[i] = levelsDb[i] > threshold;
    }
    return smooth(speech);
  }

  /** Silero's chunk probabilities, with hysteresis, on 10 ms frames. */
  static boolean[] silero(float[] chunkProbabilities, int frames) {
    boolean[] chunkSpeech = new boolean[chunkProbabilities.length];
    boolean on = false;
    for (int c = 0; c < chunkProbabilities.length; c++) {
      float p = chunkProbabilities[c];
      on = on ? p >= SILERO_OFF : p >= SILERO_ON;
      chunkSpeech[c] = on;
    }
    boolean[] speech = new boolean[frames];
    for (int f = 0; f < frames; f++) {
      int centre = f * Levels.HOP + Levels.HOP / 2;
      int chunk = centre / SileroVad.CHUNK;
      speech[f] = chunk < chunkSpeech.length && chunkSpeech[chunk];
    }
    return speech;
  }

  /** Silero's speech where the frame carries sound above the noise floor; then smoothed. */
  static boolean[] combine(boolean[] silero, double[] levelsDb) {
    boolean[] speech = new boolean[levelsDb.length];
    if (levelsDb.length == 0) {
      return speech;
    }
    double presence =
        Math.max(ABSOLUTE_FLOOR_DB, Stats.quantile(levelsDb, 0.10) + PRESENCE_MARGIN_DB);
    for (int i = 0; i < speech.length; i++) {
      speech[i] = silero[i] && levelsDb[i] > presence;
    }
    return smooth(speech);
  }

  /** Fills short gaps, then drops short speech. */
  static boolean[] smooth(boolean[] mask) {
    boolean[] out = mask.clone();
    fillRuns(out, false, MIN_GAP_MS / FRAME_MS, true);
    fillRuns(out, true, MIN_SPEECH_MS / FRAME_MS, false);
    return out;
  }

  /**
   * Flips every run of {@code value} shorter than {@code minFrames}; with {@code interiorOnly},
   * only runs with the other value on both sides.
   */
  private static void fillRuns(boolean[] mask, boolean value, int minFrames, boolean interiorOnly) {
    int i = 0;
    while (i < mask.length) {
      if (mask[i] != value) {
        i++;
        continue;
      }
      int start = i;
      while (i < mask.length && mask[i] == value) {
        i++;
      }
      boolean interior = start > 0 && i < mask.length;
      if (i - start < minFrames && (interior || !interiorOnly)) {
        for (int k = start; k < i; k++) {
          mask[k] = !value;
        }
      }
    }
  }
}
