package dev.rehearse.api.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.AssessmentDocumentFields;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.SessionDocumentFields;
import dev.rehearse.search.documents.TurnDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The bodies of the interview replies; each names its schema in {@code openapi.json}. */
public final class SessionReplies {

  private SessionReplies() {}

  /**
   * A question the interviewer asks.
   *
   * @param source {@code research} when the question is grounded in research on the target company
   * @param sourceUrl the page its fact came from, so the candidate can see where it came from
   */
  @FieldNames
  public record Question(
      int index,
      String questionId,
      String text,
      Optional<String> source,
      Optional<String> sourceUrl) {}

  /** {@code POST /sessions}: the session, and its first question once the interviewer asked it. */
  @FieldNames
  public record Started(
      String id, String status, Optional<Integer> questionCount, Optional<Question> question) {}

  /** 202: the command is stored but the interviewer has not answered within the reply timeout. */
  public record Pending(String id, String status, String detail, String poll) {

    public static Pending of(String sessionId) {
      return new Pending(
          sessionId,
          "pending",
          "accepted; the interviewer has not answered yet",
          "/ai-interview/sessions/" + sessionId);
    }
  }

  /**
   * An answer's outcome: its metrics, then the next question ({@code active}) or the end of the
   * interview ({@code completed}). A spoken answer's metrics hold {@code audio}, and {@code
   * transcript} is what a transcriber heard (absent without one, and for typed answers).
   */
  @FieldNames
  public record Turn(
      String sessionId,
      Optional<Integer> index,
      Optional<AnswerMetrics> metrics,
      Optional<String> status,
      Optional<Question> next,
      Optional<String> completionReason,
      Optional<SessionSummary> summary,
      @JsonInclude(JsonInclude.Include.ALWAYS) Optional<String> transcript) {

    public Turn {
      transcript = transcript == null ? Optional.empty() : transcript;
    }

    /** This outcome with the transcript of a spoken answer. */
    public Turn withTranscript(Optional<String> transcript) {
      return new Turn(
          sessionId, index, metrics, status, next, completionReason, summary, transcript);
    }
  }

  /** {@code GET /sessions/{id}}: the session document's fields, with its answered turns. */
  public record Session(
      String id,
      @JsonUnwrapped @JsonIgnoreProperties({SessionDocumentFields.SESSION_ID})
          SessionDocument document,
      List<TurnDocument> turns) {}

  /** One session of a listing: the session document's fields but the owner and open question. */
  public record SessionItem(
      String id,
      @JsonUnwrapped
          @JsonIgnoreProperties({
            SessionDocumentFields.SESSION_ID,
            SessionDocumentFields.USER_ID,
            SessionDocumentFields.CURRENT_QUESTION
          })
          SessionDocument document) {}

  /** {@code GET /sessions}: a page of the caller's sessions, newest first. */
  public record SessionPage(long total, int offset, int limit, List<SessionItem> sessions) {}

  /**
   * A session's assessment: {@code ready} with the assessment document (without its ids), the
   * session's aggregate and the batch that computed it; or {@code pending}.
   */
  @FieldNames
  public record Assessment(
      String sessionId,
      String status,
      @JsonIgnoreProperties({AssessmentDocumentFields.SESSION_ID, AssessmentDocumentFields.USER_ID})
          Optional<AssessmentDocument> assessment,
      Optional<SessionDocument.Aggregate> aggregate,
      Optional<BatchReplies.Batch> batch) {}

  /** A LiveKit token for the room of the caller's session, and where to connect. */
  public record LiveKitToken(
      String token, String url, String room, String identity, Instant expiresAt) {}
}
