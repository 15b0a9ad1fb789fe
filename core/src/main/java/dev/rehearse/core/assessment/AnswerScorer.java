package dev.rehearse.core.assessment;

import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.interview.Claim;
import dev.rehearse.core.interview.Question;
import dev.rehearse.core.interview.QuestionBank;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline dimensions of one answer to a question known by its bank id: {@link AnswerDimensions}
 * with the question's key points and misconceptions looked up in the bank. The interview job scores
 * each answer once, when it is analysed, and the lake keeps the scores beside the metrics (tagged
 * with {@link AnswerDimensions#VERSION}); the assessment scores again only the answers whose stored
 * scores are missing or of another version.
 */
public final class AnswerScorer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final AnswerDimensions dimensions;
  private final Map<String, List<Claim>> keyPoints = new HashMap<>();
  private final Map<String, List<Claim>> misconceptions = new HashMap<>();

  public AnswerScorer(AnswerDimensions dimensions, QuestionBank bank) {
    this.dimensions = dimensions;
    for (Question q : bank.questions()) {
      keyPoints.put(q.id(), q.keyPoints());
      misconceptions.put(q.id(), q.misconceptions());
    }
  }

  /** The scorer with the built-in cues and question bank. */
  public static AnswerScorer builtIn() {
    return new AnswerScorer(AnswerDimensions.builtIn(), QuestionBank.builtIn());
  }

  /**
   * The scores of an answer (see {@link AnswerDimensions#score}).
   *
   * @param questionId the bank id; null or unknown for a generated question (no key points)
   * @param type the question's own type, else the interview's; empty when neither is known
   */
  public Map<Dimension, Double> score(
      String questionId,
      Optional<InterviewType> type,
      String question,
      String answer,
      AnswerMetrics metrics) {
    AnswerDimensions.Asked asked =
        new AnswerDimensions.Asked(
            question,
            type,
            questionId == null ? List.of() : keyPoints.getOrDefault(questionId, List.of()),
            questionId == null ? List.of() : misconceptions.getOrDefault(questionId, List.of()));
    return dimensions.score(asked, answer == null ? "" : answer, metrics);
  }
}
