package dev.rehearse.core.events;

import java.util.Optional;

/**
 * Aggregate speech metrics of a finished session.
 *
 * @param provisionalScore the mean of the answers' provisional scores (0–100, see {@code
 *     ProvisionalScore}); empty without answers
 */
public record SessionSummary(
    int questionsAsked,
    int answers,
    long totalWords,
    Optional<Double> averageWordsPerMinute,
    Optional<Integer> provisionalScore) {

  public SessionSummary {
    averageWordsPerMinute =
        averageWordsPerMinute == null ? Optional.empty() : averageWordsPerMinute;
    provisionalScore = provisionalScore == null ? Optional.empty() : provisionalScore;
  }
}
