package dev.rehearse.core.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The metrics of one answer. Field names are the public JSON names: the {@code analyze} command,
 * the API and the lake use them alike. A metric that cannot be known (no timings, no duration) is
 * absent, written as {@code null}; no number is ever NaN or infinite.
 *
 * @param wordCount words in the transcript
 * @param durationMs the speaking span: first word start to last word end when timings exist, else
 *     the duration the client reported
 * @param wordsPerMinute words over the speaking span
 * @param articulationRate words per minute of speaking time, pauses excluded (needs timings)
 * @param fillerCount filler words and phrases ("um", "you know", a detached "like")
 * @param fillersPerMinute fillers over the speaking span
 * @param topFillers the most frequent fillers, most frequent first (at most five)
 * @param pauseCount silent gaps between words of at least the pause threshold (needs timings)
 * @param longPauseCount gaps of at least the long-pause threshold
 * @param longestPauseMs the longest pause (0 without pauses)
 * @param pauseRatio silence (the pauses) over the speaking span, 0..1
 * @param responseLatencyMs answer start minus question asked
 * @param lexicalDiversity moving-average type-token ratio over 50-word windows, 0..1
 * @param repetition share of word trigrams that repeat an earlier one, 0..1
 * @param hedgeCount hedges ("I guess", "maybe", "sort of", "I'm not sure")
 * @param sentiment tone, -1..1: below -1/3 most probably negative, above 1/3 positive, neutral
 *     between ({@code SentimentModel})
 * @param star the STAR structure of the answer
 * @param pace band of {@code wordsPerMinute} (see {@link Bands})
 * @param fluency band of the filler rate
 * @param conciseness band of the answer's length
 * @param language the answer's language (ISO 639-1): the one given, else the one detected
 * @param audio what the recording says of the delivery, when the answer was spoken (the audio
 *     endpoint) and its analysis finished in time; absent for typed answers
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AnswerMetrics(
    int wordCount,
    Optional<Long> durationMs,
    Optional<Double> wordsPerMinute,
    Optional<Double> articulationRate,
    int fillerCount,
    Optional<Double> fillersPerMinute,
    List<FillerCount> topFillers,
    Optional<Integer> pauseCount,
    Optional<Integer> longPauseCount,
    Optional<Long> longestPauseMs,
    Optional<Double> pauseRatio,
    Optional<Long> responseLatencyMs,
    double lexicalDiversity,
    double repetition,
    int hedgeCount,
    double sentiment,
    Star star,
    String pace,
    String fluency,
    String conciseness,
    String language,
    Optional<AudioMetrics> audio) {

  public AnswerMetrics {
    durationMs = orEmpty(durationMs);
    wordsPerMinute = orEmpty(wordsPerMinute);
    articulationRate = orEmpty(articulationRate);
    fillersPerMinute = orEmpty(fillersPerMinute);
    topFillers = topFillers == null ? List.of() : List.copyOf(topFillers);
    pauseCount = orEmpty(pauseCount);
    longPauseCount = orEmpty(longPauseCount);
    longestPauseMs = orEmpty(longestPauseMs);
    pauseRatio = orEmpty(pauseRatio);
    responseLatencyMs = orEmpty(responseLatencyMs);
    audio = orEmpty(audio);
  }

  /** These metrics with the recording's. */
  public AnswerMetrics withAudio(Optional<AudioMetrics> audio) {
    return new AnswerMetrics(
        wordCount,
        durationMs,
        wordsPerMinute,
        articulationRate,
        fillerCount,
        fillersPerMinute,
        topFillers,
        pauseCount,
        longPauseCount,
        longestPauseMs,
        pauseRatio,
        responseLatencyMs,
        lexicalDiversity,
        repetition,
        hedgeCount,
        sentiment,
        star,
        pace,
        fluency,
        conciseness,
        language,
        audio);
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** How often one filler occurred. */
  public record FillerCount(String filler, int count) {}

  /**
   * The STAR parts found in the answer.
   *
   * @param completeness parts present, over four
   * @param shares the share of the answer's words in each part
   * @param clauses the answer's clauses in order, each with its part
   */
  public record Star(
      boolean situation,
      boolean task,
      boolean action,
      boolean result,
      double completeness,
      StarShares shares,
      List<Clause> clauses) {

    public Star {
      clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }
  }

  /**
   * One clause of the answer: characters {@code [start, end)} of the text, and its STAR part
   * ({@code situation}, {@code task}, {@code action}, {@code result} or {@code none}).
   */
  public record Clause(int start, int end, String part) {}

  /** Share of the answer's words (0..1) in each STAR part; the rest is in none. */
  public record StarShares(double situation, double task, double action, double result) {}
}
