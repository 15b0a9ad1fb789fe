package dev.rehearse.core.analytics;

import java.util.Optional;

/**
 * The metrics of one answer. Field names are the public JSON names (the {@code analyze} command,
 * the API and the lake use them alike).
 *
 * @param wordCount words in the transcript
 * @param durationMs the speaking span: first word start to last word end when timings exist, else
 *     the duration the client reported; absent when neither is known
 * @param wordsPerMinute words over the speaking span; absent without a span
 */
public record AnswerMetrics(
    int wordCount, Optional<Long> durationMs, Optional<Double> wordsPerMinute) {

  public AnswerMetrics {
    durationMs = durationMs == null ? Optional.empty() : durationMs;
    wordsPerMinute = wordsPerMinute == null ? Optional.empty() : wordsPerMinute;
  }
}
