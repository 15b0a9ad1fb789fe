package dev.rehearse.core.interview;

import dev.rehearse.core.events.InterviewSpec;
import java.util.List;

/**
 * Plans an interview's questions. Implementations: the {@link OfflineInterviewer} (question bank
 * and profile facts, no network) and the LLM interviewers of the stream jobs, which fall back to
 * it.
 */
public interface Interviewer {

  /**
   * The questions of a session, in order; exactly {@code spec.questionCount()} of them unless the
   * bank has fewer.
   *
   * @throws InterviewerException when this interviewer cannot plan now (the caller falls back)
   */
  List<PlannedQuestion> plan(String sessionId, InterviewSpec spec, ProfileContext context);

  /** This interviewer could not plan: unreachable, refused, too slow, or gave invalid output. */
  final class InterviewerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InterviewerException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
