package dev.rehearse.voice;

import dev.rehearse.core.analytics.AudioMetrics;
import java.util.List;
import java.util.Optional;

/**
 * Measures the delivery of one spoken answer from its WAV bytes: voice activity, pauses, pitch,
 * loudness variation and speaking rate, without speech recognition.
 *
 * <p>Create one analyzer and share it: it holds the Silero VAD session, and {@link #analyze} keeps
 * no state between calls, so threads may call it at once. Close it to free the session.
 *
 * <p>The steps: decode and mix down to mono ({@link AudioDecoder}: WAV or Ogg Opus); resample to 16
 * kHz ({@link Resampler}); cut into 10 ms frames; decide which are speech ({@link VoiceActivity});
 * F0 of the speech frames ({@link Yin}); pauses, pitch and loudness statistics over speech;
 * syllable nuclei ({@link SyllableNuclei}).
 */
public final class AudioAnalyzer implements AutoCloseable {

  /**
   * Syllables per word used to turn syllable rate into words a minute: about 1.5 in English
   * conversational and interview speech; the test paragraph has 1.49 (103 syllables in 69 words).
   */
  public static final double SYLLABLES_PER_WORD = 1.5;

  private static final int FRAME_MS = 10;

  /** 25 ms: the frame level used for voice activity and loudness. */
  private static final int LEVEL_WINDOW = 400;

  /**
   * 64 ms: the intensity contour for syllable nuclei (Praat's window for a 50 Hz minimum pitch).
   */
  private static final int INTENSITY_WINDOW = 1024;

  private final Optional<SileroVad> silero;

  private AudioAnalyzer(Optional<SileroVad> silero) {
    this.silero = silero;
  }

  /** An analyzer whose voice activity is Silero VAD checked by energy. */
  public static AudioAnalyzer create() {
    return new AudioAnalyzer(Optional.of(SileroVad.load()));
  }

  /**
   * An analyzer whose voice activity is the energy detector alone: the fallback where the ONNX
   * Runtime cannot load. It takes any loud, non-steady sound (a tone burst too) for speech.
   */
  public static AudioAnalyzer energyOnly() {
    return new AudioAnalyzer(Optional.empty());
  }

  /**
   * The metrics of a WAV or Ogg Opus file.
   *
   * @throws AudioRejectedException when the file is malformed (400), too long or big (413), or in
   *     an unsupported format (415)
   */
  public AudioMetrics analyze(byte[] wav) {
    DecodedAudio audio = AudioDecoder.decode(wav);
    float[] samples =
        Resampler.resample(audio.mono(), audio.format().sampleRate(), Levels.SAMPLE_RATE);
    return analyzeSamples(samples);
  }

  /** The metrics of mono audio at 16 kHz. */
  AudioMetrics analyzeSamples(float[] samples) {
    int frames = Levels.frames(samples.length);
    double[] levels = Levels.rmsDb(samples, LEVEL_WINDOW);
    boolean[] speech =
        silero
            .map(
                vad ->
                    VoiceActivity.combine(
                        VoiceActivity.silero(vad.speechProbabilities(samples), frames), levels))
            .orElseGet(() -> VoiceActivity.energy(levels));

    int speechFrames = 0;
    for (boolean s : speech) {
      speechFrames += s ? 1 : 0;
    }
    long totalMs = Math.round(samples.length * 1000.0 / Levels.SAMPLE_RATE);
    long speechMs = (long) speechFrames * FRAME_MS;
    Pauses pauses = Pauses.of(speech, FRAME_MS);
    if (speechFrames == 0) {
      return new AudioMetrics(
          0,
          totalMs,
          0,
          0,
          0,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    double[] f0 = Yin.track(samples, speech);
    int voicedFrames = 0;
    for (double v : f0) {
      voicedFrames += Double.isNaN(v) ? 0 : 1;
    }
    Optional<PitchStatistics> pitch = PitchStatistics.of(f0);

    List<Integer> nuclei =
        SyllableNuclei.find(Levels.intensityDb(samples, INTENSITY_WINDOW), speech, f0);
    double syllablesPerSecond = nuclei.size() / (speechMs / 1000.0);

    return new AudioMetrics(
        speechMs,
        totalMs - speechMs,
        pauses.count(),
        pauses.longCount(),
        pauses.longestMs(),
        Optional.of(syllablesPerSecond),
        Optional.of(syllablesPerSecond * 60 / SYLLABLES_PER_WORD),
        pitch.map(PitchStatistics::meanHz),
        pitch.map(PitchStatistics::stdSemitones),
        pitch.map(PitchStatistics::rangeSemitones),
        Optional.of(Stats.std(Stats.select(levels, speech))),
        Optional.of((double) voicedFrames / speechFrames));
  }

  @Override
  public void close() {
    silero.ifPresent(SileroVad::close);
  }
}
