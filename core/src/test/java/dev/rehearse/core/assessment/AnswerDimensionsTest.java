package dev.rehearse.core.assessment;

import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.interview.Question;
import dev.rehearse.core.interview.QuestionBank;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerDimensionsTest {

  private static final AnswerDimensions DIMENSIONS = AnswerDimensions.builtIn();
  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();
  private static final QuestionBank BANK = QuestionBank.builtIn();

  static AnswerMetrics metrics(String text, Optional<Long> durationMs) {
    Answer answer = new Answer(text, durationMs, null, null, null, null);
    return ANALYZER.analyze(new AnalysisRequest(Optional.empty(), answer, null));
  }

  private static Map<Dimension, Double> score(String questionId, String answer) {
    Question q = BANK.questions().stream().filter(x -> x.id().equals(questionId)).findFirst().get();
    return DIMENSIONS.score(
        AnswerDimensions.Asked.of(q, q.text()), answer, metrics(answer, Optional.empty()));
  }

  private static Map<Dimension, Double> behavioural(String question, String answer) {
    return DIMENSIONS.score(
        AnswerDimensions.Asked.of(question, Optional.of(InterviewType.BEHAVIORAL)),
        answer,
        metrics(answer, Optional.empty()));
  }

  @Test
  void print() {
    System.out.println(
        score(
            "tech-006",
            "An index is a sorted B-tree over a column, so a lookup does not scan the whole table. The cost is slower writes because every insert updates the index, and it takes disk space."));
    System.out.println(
        score(
            "tech-006",
            "Indexes make things faster. You should add them to every column, then every query is faster."));
  }
}
