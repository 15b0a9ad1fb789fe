package dev.rehearse.api.service;

import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.TurnDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the projections of interviews: sessions, their answered turns, their assessments and the
 * progress of candidates. A document belongs to a user; another user's reads as absent. Documents
 * are the index records of {@code dev.rehearse.search.documents}.
 */
public interface SessionReader {

  /** The session document, if it exists and belongs to {@code userId}. */
  Optional<SessionDocument> session(String userId, String sessionId) throws IOException;

  /**
   * Who a session belongs to, by its document, for callers that know only the session (LiveKit's
   * webhook); empty when there is no such document.
   */
  Optional<String> owner(String sessionId) throws IOException;

  /** The session's assessment, if one was computed and the session belongs to {@code userId}. */
  Optional<AssessmentDocument> assessment(String userId, String sessionId) throws IOException;

  /** The user's sessions, newest first, optionally only those of a status and type. */
  Page sessions(String userId, SessionQuery query) throws IOException;

  /** The answered turns of a session, in question order. */
  List<TurnDocument> turns(String userId, String sessionId) throws IOException;

  /** The progress of each user who completed a session; users without one are absent. */
  Map<String, Progress> progress(List<String> userIds) throws IOException;

  /** One page of a user's session documents, with the total that match. */
  record Page(long total, List<SessionDocument> sessions) {}

  /**
   * A user's progress: completed sessions, their average score, and the latest one (its id, type,
   * role, completedAt, provisionalScore and aggregate).
   */
  record Progress(
      long completed, Optional<Double> averageScore, Optional<SessionDocument> latest) {}
}
