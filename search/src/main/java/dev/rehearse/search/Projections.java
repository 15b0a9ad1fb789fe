package dev.rehearse.search;

import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How session events project onto the {@code sessions} and {@code turns} indices. Pure. */
public final class Projections {

  private Projections() {}

  /**
   * The writes one event causes: upserts of the session's fields, and each answer's turn written
   * whole (a turn is written once, so it needs no read of what is there); rejections project
   * nothing.
   */
  public static List<IndexWrite> of(SessionEvent event) {
    if (event instanceof SessionStarted started) {
      Map<String, Object> doc = sessionKeys(event);
      doc.put("type", started.spec().type().wireName());
      doc.put("role", started.spec().role());
      doc.put("seniority", started.spec().seniority());
      started.spec().company().ifPresent(c -> doc.put("company", c));
      doc.put("language", started.spec().language());
      started.spec().title().ifPresent(t -> doc.put("title", t));
      doc.put("questionCount", started.questionCount());
      doc.put("status", "active");
      doc.put("startedAt", started.at().toString());
      return List.of(new Upsert(Indices.SESSIONS.alias(), started.sessionId(), doc));
    }
    if (event instanceof QuestionAsked asked) {
      Map<String, Object> doc = sessionKeys(event);
      doc.put("questionsAsked", asked.index() + 1);
      doc.put("currentQuestion", asked.text());
      return List.of(new Upsert(Indices.SESSIONS.alias(), asked.sessionId(), doc));
    }
    if (event instanceof AnswerAnalyzed analyzed) {
      return List.of(turn(analyzed));
    }
    if (event instanceof SessionCompleted completed) {
      Map<String, Object> doc = sessionKeys(event);
      doc.put("status", "completed");
      doc.put("completedAt", completed.at().toString());
      doc.put("completionReason", completed.reason());
      doc.put("questionsAsked", completed.summary().questionsAsked());
      doc.put("answers", completed.summary().answers());
      doc.put("totalWords", completed.summary().totalWords());
      completed
          .summary()
          .averageWordsPerMinute()
          .ifPresent(w -> doc.put("averageWordsPerMinute", w));
      completed.summary().provisionalScore().ifPresent(v -> doc.put("provisionalScore", v));
      return List.of(new Upsert(Indices.SESSIONS.alias(), completed.sessionId(), doc));
    }
    return List.of();
  }

  private static Replace turn(AnswerAnalyzed analyzed) {
    AnswerMetrics metrics = analyzed.metrics();
    Map<String, Object> doc = new HashMap<>();
    doc.put("eventId", analyzed.eventId());
    doc.put("sessionId", analyzed.sessionId());
    doc.put("userId", analyzed.userId());
    doc.put("index", analyzed.index());
    doc.put("question", analyzed.question());
    doc.put("answer", analyzed.answer());
    doc.put("metrics", MetricsDocument.of(metrics));
    doc.put("at", analyzed.at().toString());
    return new Replace(Indices.TURNS.alias(), analyzed.eventId(), doc);
  }

  private static Map<String, Object> sessionKeys(SessionEvent event) {
    Map<String, Object> doc = new HashMap<>();
    doc.put("sessionId", event.sessionId());
    doc.put("userId", event.userId());
    doc.put("updatedAt", event.at().toString());
    return doc;
  }
}
