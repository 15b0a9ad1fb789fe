package dev.rehearse.core.events;

import java.util.Optional;

/** Aggregate speech metrics of a finished session. */
public record SessionSummary(
    int questionsAsked, int answers, long totalWords, Optional<Double> averageWordsPerMinute) {

  public SessionSummary {
    averageWordsPerMinute =
        averageWordsPerMinute == null ? Optional.empty() : averageWordsPerMinute;
  }
}
