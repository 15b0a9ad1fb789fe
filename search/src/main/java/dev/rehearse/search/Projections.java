package dev.rehearse.search;

import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.search.documents.SessionDocument;
import dev.rehearse.search.documents.TurnDocument;
import java.util.List;

/** How session events project onto the {@code sessions} and {@code turns} indices. Pure. */
public final class Projections {

  private Projections() {}

  /**
   * The writes one event causes: upserts of the session's fields, and each answer's turn written
   * whole (a turn is written once, so it needs no read of what is there); rejections project
   * nothing.
   */
  public static List<IndexWrite> of(SessionEvent event) {
    String sessions = Indices.SESSIONS.alias();
    if (event instanceof SessionStarted started) {
      InterviewSpec spec = started.spec();
      return List.of(
          new Upsert(
              sessions,
              started.sessionId(),
              new SessionDocument.Started(
                  started.sessionId(),
                  started.userId(),
                  started.at(),
                  spec.type().wireName(),
                  spec.role(),
                  spec.seniority(),
                  spec.company(),
                  spec.language(),
                  spec.title(),
                  started.questionCount(),
                  SessionDocument.ACTIVE,
                  started.at())));
    }
    if (event instanceof QuestionAsked asked) {
      return List.of(
          new Upsert(
              sessions,
              asked.sessionId(),
              new SessionDocument.Asked(
                  asked.sessionId(), asked.userId(), asked.at(), asked.index() + 1, asked.text())));
    }
    if (event instanceof AnswerAnalyzed analyzed) {
      return List.of(turn(analyzed));
    }
    if (event instanceof SessionCompleted completed) {
      SessionSummary summary = completed.summary();
      return List.of(
          new Upsert(
              sessions,
              completed.sessionId(),
              new SessionDocument.Completed(
                  completed.sessionId(),
                  completed.userId(),
                  completed.at(),
                  SessionDocument.COMPLETED,
                  completed.at(),
                  completed.reason(),
                  summary.questionsAsked(),
                  summary.answers(),
                  summary.totalWords(),
                  summary.averageWordsPerMinute(),
                  summary.provisionalScore())));
    }
    return List.of();
  }

  private static Replace turn(AnswerAnalyzed analyzed) {
    return new Replace(
        Indices.TURNS.alias(),
        analyzed.eventId(),
        new TurnDocument(
            analyzed.eventId(),
            analyzed.sessionId(),
            analyzed.userId(),
            analyzed.index(),
            analyzed.question(),
            analyzed.answer(),
            analyzed.metrics(),
            analyzed.at(),
            analyzed.source(),
            analyzed.sourceUrl()));
  }
}
