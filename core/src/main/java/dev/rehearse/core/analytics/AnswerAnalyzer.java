package dev.rehearse.core.analytics;

import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.WordTiming;
import java.util.List;
import java.util.Optional;

/** Turns one answer into its metrics. Pure and thread-safe. */
public final class AnswerAnalyzer {

  /** Analyses an answer; an answer without a single word is rejected. */
  public AnswerMetrics analyze(Answer answer) {
    int words = Words.count(answer.text());
    if (words == 0) {
      throw new IllegalArgumentException("text: the answer has no words");
    }
    Optional<Long> span =
        speakingSpanMs(answer.words()).or(answer::durationMs).filter(ms -> ms > 0);
    Optional<Double> wpm = span.map(ms -> round2(words * 60_000.0 / ms));
    return new AnswerMetrics(words, span, wpm);
  }

  /** First word start to last word end, when the timings give a positive span. */
  static Optional<Long> speakingSpanMs(List<WordTiming> timings) {
    if (timings.isEmpty()) {
      return Optional.empty();
    }
    long start = timings.stream().mapToLong(WordTiming::startMs).min().orElseThrow();
    long end = timings.stream().mapToLong(WordTiming::endMs).max().orElseThrow();
    return end > start ? Optional.of(end - start) : Optional.empty();
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
