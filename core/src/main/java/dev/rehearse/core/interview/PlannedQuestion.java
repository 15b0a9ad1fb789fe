package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewType;
import java.util.Optional;

/**
 * A question as it will be asked in one session, placeholders filled.
 *
 * @param type the kind of question (in a mixed interview, each question has its own)
 * @param followUp whether it follows up the answer before it rather than coming from the plan
 * @param source where the question's content came from, when not from the bank or the candidate's
 *     own profile: {@code research} for a question grounded in research on the target company
 * @param sourceUrl the page the question's fact came from, shown to the candidate
 */
public record PlannedQuestion(
    String questionId,
    InterviewType type,
    String text,
    boolean followUp,
    Optional<String> source,
    Optional<String> sourceUrl) {

  public PlannedQuestion {
    source = source == null ? Optional.empty() : source;
    sourceUrl = sourceUrl == null ? Optional.empty() : sourceUrl;
  }

  /** A question of the bank, the profile or a model: no outside source. */
  public PlannedQuestion(String questionId, InterviewType type, String text, boolean followUp) {
    this(questionId, type, text, followUp, Optional.empty(), Optional.empty());
  }
}
