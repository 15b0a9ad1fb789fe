package dev.rehearse.core.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * What the recording of a spoken answer says of its delivery: {@code metrics.audio} in the API, the
 * events and the turns index, and the {@code audio*} columns of the bronze lake. The voice module
 * measures these (its {@code dev.rehearse.voice.AudioMetrics}, same fields, same definitions in
 * {@code voice/README.md}); core depends on no module of ours, so the stream copies them into this
 * record. Values that need speech (or voiced speech) are absent when there is none.
 *
 * @param speechMs time judged speech
 * @param silenceMs the rest of the recording
 * @param pauseCount silences inside speech of at least 250 ms
 * @param longPauseCount silences inside speech of at least 1000 ms
 * @param longestPauseMs the longest such pause, 0 without one
 * @param syllablesPerSecond syllable nuclei per second of speech
 * @param estimatedWordsPerMinute syllables per minute of speech over 1.5 syllables a word
 * @param pitchMeanHz the mean F0 of voiced speech
 * @param pitchStdSemitones the spread of F0, in semitones
 * @param pitchRangeSemitones the 5th–95th percentile range of F0, in semitones
 * @param loudnessStdDb the spread of frame levels over speech, in dB
 * @param voicedRatio the share of speech frames with an F0, 0..1
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AudioMetrics(
    long speechMs,
    long silenceMs,
    int pauseCount,
    int longPauseCount,
    long longestPauseMs,
    Optional<Double> syllablesPerSecond,
    Optional<Double> estimatedWordsPerMinute,
    Optional<Double> pitchMeanHz,
    Optional<Double> pitchStdSemitones,
    Optional<Double> pitchRangeSemitones,
    Optional<Double> loudnessStdDb,
    Optional<Double> voicedRatio) {

  public AudioMetrics {
    syllablesPerSecond = orEmpty(syllablesPerSecond);
    estimatedWordsPerMinute = orEmpty(estimatedWordsPerMinute);
    pitchMeanHz = orEmpty(pitchMeanHz);
    pitchStdSemitones = orEmpty(pitchStdSemitones);
    pitchRangeSemitones = orEmpty(pitchRangeSemitones);
    loudnessStdDb = orEmpty(loudnessStdDb);
    voicedRatio = orEmpty(voicedRatio);
  }

  /** The recording's length: speech and silence. */
  public long totalMs() {
    return speechMs + silenceMs;
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
