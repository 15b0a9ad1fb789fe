package dev.rehearse.voice;

import java.util.Optional;

/**
 * What the audio of one spoken answer says about its delivery. Definitions in {@code
 * voice/README.md}. Values that need speech (or voiced speech) are empty when there is none.
 *
 * @param speechMs time judged speech
 * @param silenceMs the rest of the recording
 * @param pauseCount silences inside speech of at least 250 ms
 * @param longPauseCount silences inside speech of at least 1000 ms
 * @param longestPauseMs the longest such pause, 0 without one
 * @param syllablesPerSecond syllable nuclei per second of speech
 * @param estimatedWordsPerMinute syllables per minute of speech over syllables per word
 * @param pitchMeanHz the mean F0 of voiced speech
 * @param pitchStdSemitones the spread of F0, in semitones
 * @param pitchRangeSemitones the 5th–95th percentile range of F0, in semitones
 * @param loudnessStdDb the spread of frame levels over speech, in dB
 * @param voicedRatio the share of speech frames with an F0
 */
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
    Optional<Double> voicedRatio) {}
