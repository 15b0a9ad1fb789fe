package dev.rehearse.core.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.Optional;

/**
 * What the interview job says happened; published to {@code rehearse.session-events} keyed by
 * session id, in order per session. {@link #eventId()} is deterministic: replaying the same
 * commands produces the same ids, so every sink can upsert by it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SessionEvent.SessionStarted.class, name = "session-started"),
  @JsonSubTypes.Type(value = SessionEvent.QuestionAsked.class, name = "question-asked"),
  @JsonSubTypes.Type(value = SessionEvent.AnswerAnalyzed.class, name = "answer-analyzed"),
  @JsonSubTypes.Type(value = SessionEvent.SessionCompleted.class, name = "session-completed"),
  @JsonSubTypes.Type(value = SessionEvent.CommandRejected.class, name = "command-rejected")
})
@FieldNames
public sealed interface SessionEvent {

  int SCHEMA_VERSION = 1;

  int schemaVersion();

  String eventId();

  String sessionId();

  String userId();

  /** The command that caused this event. */
  String commandId();

  Instant at();

  /** Whether this event ends the reply to its command (the API waits for it). */
  default boolean endsReply() {
    return true;
  }

  /** A session began with this spec and a plan of {@code questionCount} questions. */
  record SessionStarted(
      int schemaVersion,
      String eventId,
      String sessionId,
      String userId,
      String commandId,
      InterviewSpec spec,
      int questionCount,
      Instant at)
      implements SessionEvent {
    @Override
    public boolean endsReply() {
      return false;
    }
  }

  /**
   * The interviewer asks question {@code index} (0-based) of the session.
   *
   * @param source where the question's content came from when not the bank or the candidate's
   *     profile: {@code research} for a question grounded in research on the target company
   * @param sourceUrl the page that content came from
   */
  record QuestionAsked(
      int schemaVersion,
      String eventId,
      String sessionId,
      String userId,
      String commandId,
      int index,
      int questionCount,
      String questionId,
      String text,
      Instant at,
      Optional<String> source,
      Optional<String> sourceUrl)
      implements SessionEvent {

    public QuestionAsked {
      source = source == null ? Optional.empty() : source;
      sourceUrl = sourceUrl == null ? Optional.empty() : sourceUrl;
    }

    /** A question from the bank, the profile or a model. */
    public QuestionAsked(
        int schemaVersion,
        String eventId,
        String sessionId,
        String userId,
        String commandId,
        int index,
        int questionCount,
        String questionId,
        String text,
        Instant at) {
      this(
          schemaVersion,
          eventId,
          sessionId,
          userId,
          commandId,
          index,
          questionCount,
          questionId,
          text,
          at,
          Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * The answer to question {@code index}, with its metrics.
   *
   * @param interviewType the session's type
   * @param questionType the question's own type (in a mixed interview, each has one)
   * @param role the role the session interviews for
   * @param questionId the question's id in the bank, or the planner's id for a generated one
   * @param source as the question's {@link QuestionAsked#source()}
   * @param sourceUrl as the question's {@link QuestionAsked#sourceUrl()}
   */
  record AnswerAnalyzed(
      int schemaVersion,
      String eventId,
      String sessionId,
      String userId,
      String commandId,
      int index,
      InterviewType interviewType,
      InterviewType questionType,
      String role,
      String questionId,
      String question,
      String answer,
      AnswerMetrics metrics,
      Instant at,
      Optional<String> source,
      Optional<String> sourceUrl)
      implements SessionEvent {

    public AnswerAnalyzed {
      source = source == null ? Optional.empty() : source;
      sourceUrl = sourceUrl == null ? Optional.empty() : sourceUrl;
    }

    /** The answer to a question from the bank, the profile or a model. */
    public AnswerAnalyzed(
        int schemaVersion,
        String eventId,
        String sessionId,
        String userId,
        String commandId,
        int index,
        InterviewType interviewType,
        InterviewType questionType,
        String role,
        String questionId,
        String question,
        String answer,
        AnswerMetrics metrics,
        Instant at) {
      this(
          schemaVersion,
          eventId,
          sessionId,
          userId,
          commandId,
          index,
          interviewType,
          questionType,
          role,
          questionId,
          question,
          answer,
          metrics,
          at,
          Optional.empty(),
          Optional.empty());
    }

    @Override
    public boolean endsReply() {
      return false;
    }
  }

  /** The interview is over: every planned question answered, or the candidate ended it. */
  record SessionCompleted(
      int schemaVersion,
      String eventId,
      String sessionId,
      String userId,
      String commandId,
      String reason,
      SessionSummary summary,
      Instant at)
      implements SessionEvent {}

  /** The command could not be applied; {@code reason} is one of {@link RejectionReason}. */
  record CommandRejected(
      int schemaVersion,
      String eventId,
      String sessionId,
      String userId,
      String commandId,
      RejectionReason reason,
      String detail,
      Instant at)
      implements SessionEvent {}
}
