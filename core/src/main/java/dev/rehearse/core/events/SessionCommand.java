package dev.rehearse.core.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;

/**
 * What a candidate asks of an interview; published by the API to {@code rehearse.session-commands}
 * keyed by session id. {@link #commandId()} is unique per request and names the events it causes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SessionCommand.StartSession.class, name = "start-session"),
  @JsonSubTypes.Type(value = SessionCommand.SubmitAnswer.class, name = "submit-answer"),
  @JsonSubTypes.Type(value = SessionCommand.CompleteSession.class, name = "complete-session")
})
@FieldNames
public sealed interface SessionCommand {

  int SCHEMA_VERSION = 1;

  int schemaVersion();

  String commandId();

  String sessionId();

  String userId();

  Instant at();

  /** Starts a new interview. */
  record StartSession(
      int schemaVersion,
      String commandId,
      String sessionId,
      String userId,
      InterviewSpec spec,
      Instant at)
      implements SessionCommand {}

  /** Answers the question currently asked. */
  record SubmitAnswer(
      int schemaVersion,
      String commandId,
      String sessionId,
      String userId,
      Answer answer,
      Instant at)
      implements SessionCommand {}

  /** Ends the interview before its plan is done. */
  record CompleteSession(
      int schemaVersion, String commandId, String sessionId, String userId, Instant at)
      implements SessionCommand {}
}
