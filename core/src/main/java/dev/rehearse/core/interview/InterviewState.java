package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewSpec;
import java.util.List;

/**
 * Everything the interview job keeps for one running session.
 *
 * @param current index of the question being asked now
 * @param scoreSum the sum of the answers' provisional scores
 * @param handledCommands ids of the commands already applied, so a redelivered command changes
 *     nothing; bounded by the plan's length plus two
 */
public record InterviewState(
    String sessionId,
    String userId,
    InterviewSpec spec,
    List<PlannedQuestion> plan,
    int current,
    int answers,
    long totalWords,
    double wordsPerMinuteSum,
    int wordsPerMinuteCount,
    long scoreSum,
    List<String> handledCommands) {

  public InterviewState {
    plan = List.copyOf(plan);
    handledCommands = List.copyOf(handledCommands);
  }
}
