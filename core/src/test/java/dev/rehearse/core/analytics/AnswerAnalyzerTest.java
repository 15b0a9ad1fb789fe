package dev.rehearse.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.WordTiming;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerAnalyzerTest {

  private final AnswerAnalyzer analyzer = new AnswerAnalyzer();

  @Test
  void countsWordsOfTheTranscript() {
    assertThat(analyzer.analyze(Answer.ofText("I led the migration to Kafka.")).wordCount())
        .isEqualTo(6);
  }

  @Test
  void apostrophesInsideWordsDoNotSplitThem() {
    assertThat(Words.count("I don't know, it's 'fine'")).isEqualTo(5);
  }

  @Test
  void countsWordsInAnyScript() {
    assertThat(Words.count("مرحبا بالعالم — こんにちは 🙂 мир")).isEqualTo(4);
  }

  @Test
  void wordsPerMinuteUseTheReportedDurationWithoutTimings() {
    Answer answer =
        new Answer("one two three four five six", Optional.of(3_000L), null, null, null, null);

    AnswerMetrics metrics = analyzer.analyze(answer);

    assertThat(metrics.durationMs()).contains(3_000L);
    assertThat(metrics.wordsPerMinute()).contains(120.0);
  }

  @Test
  void wordsPerMinuteUseTheSpeakingSpanWhenTimingsExist() {
    List<WordTiming> words =
        List.of(
            new WordTiming("I", 1_000, 1_200),
            new WordTiming("shipped", 1_300, 1_800),
            new WordTiming("it", 2_500, 3_000));
    Answer answer = new Answer("I shipped it", Optional.of(60_000L), words, null, null, null);

    AnswerMetrics metrics = analyzer.analyze(answer);

    assertThat(metrics.durationMs()).contains(2_000L);
    assertThat(metrics.wordsPerMinute()).contains(90.0);
  }

  @Test
  void withoutAnySpanThereIsNoPace() {
    AnswerMetrics metrics = analyzer.analyze(Answer.ofText("just words"));

    assertThat(metrics.durationMs()).isEmpty();
    assertThat(metrics.wordsPerMinute()).isEmpty();
  }

  @Test
  void aZeroDurationGivesNoPaceRatherThanInfinity() {
    Answer answer = new Answer("fast", Optional.of(0L), null, null, null, null);

    assertThat(analyzer.analyze(answer).wordsPerMinute()).isEmpty();
  }

  @Test
  void anAnswerWithoutWordsIsRejectedNamingTheField() {
    assertThatThrownBy(() -> analyzer.analyze(Answer.ofText(" ... !! ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("text:");
  }
}
