package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The interviewer that needs no network: it plans a session's questions from the question bank,
 * deterministically for a session id, and fills in the candidate's role and company.
 */
public final class OfflineInterviewer {

  private final QuestionBank bank;

  public OfflineInterviewer(QuestionBank bank) {
    this.bank = bank;
  }

  /**
   * The questions of a session, in the order they are asked. The same session id and spec always
   * give the same plan; different sessions start at different places in the bank.
   */
  public List<PlannedQuestion> plan(String sessionId, InterviewSpec spec) {
    List<Question> pool = bank.ofType(spec.type());
    if (pool.isEmpty()) {
      throw new IllegalStateException("the question bank has no " + spec.type() + " questions");
    }
    int count = Math.min(spec.questionCount(), pool.size());
    int offset = Math.floorMod(sessionId.hashCode(), pool.size());
    List<PlannedQuestion> plan = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Question q = pool.get((offset + i) % pool.size());
      plan.add(new PlannedQuestion(q.id(), fill(q.text(), spec)));
    }
    return List.copyOf(plan);
  }

  private static String fill(String template, InterviewSpec spec) {
    return template
        .replace("{role}", spec.role())
        .replace("{company}", spec.company().orElse("the company"));
  }
}
