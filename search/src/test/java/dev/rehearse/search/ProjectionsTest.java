package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.events.SessionSummary;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectionsTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

  /** A system design session of user u1 just started. */
  static SessionStarted started() {
    return new SessionStarted(
        1,
        "s1/started/0",
        "s1",
        "u1",
        "c1",
        new InterviewSpec(
            InterviewType.SYSTEM_DESIGN,
            "SRE",
            "senior",
            Optional.of("Acme"),
            "en",
            3,
            Optional.empty()),
        3,
        T);
  }

  @Test
  void aStartedSessionUpsertsItsSpecIntoSessions() {
    SessionStarted started = started();

    Upsert upsert = (Upsert) Projections.of(started).get(0);

    assertThat(upsert.alias()).isEqualTo("sessions");
    assertThat(upsert.id()).isEqualTo("s1");
    assertThat(Documents.json(upsert.document()))
        .containsEntry("type", "system_design")
        .containsEntry("company", "Acme")
        .containsEntry("status", "active")
        .containsEntry("userId", "u1")
        .doesNotContainKey("title");
  }

  /** The analysed first answer of session s1. */
  static AnswerAnalyzed analyzed() {
    return new AnswerAnalyzed(
        1,
        "s1/answer/0",
        "s1",
        "u1",
        "c1",
        0,
        dev.rehearse.core.events.InterviewType.BEHAVIORAL,
        dev.rehearse.core.events.InterviewType.BEHAVIORAL,
        "backend engineer",
        "beh-001",
        "Q",
        "A b",
        new AnswerAnalyzer().analyze(new Answer("A b", Optional.of(800L), null, null, null, null)),
        T);
  }

  @Test
  void anAnalysedAnswerBecomesATurnKeyedByItsEventId() {
    AnswerAnalyzed analyzed = analyzed();

    Replace turn = (Replace) Projections.of(analyzed).get(0);

    assertThat(turn.alias()).isEqualTo("turns");
    assertThat(turn.id()).isEqualTo("s1/answer/0");
    assertThat(Documents.json(turn.document())).containsEntry("at", "2026-11-25T10:00:00Z");
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics =
        (Map<String, Object>) Documents.json(turn.document()).get("metrics");
    assertThat(metrics)
        .containsEntry("wordCount", 2)
        .containsEntry("wordsPerMinute", 150.0)
        .containsEntry("pace", "good")
        .doesNotContainKey("pauseCount");
  }

  @Test
  void theTurnOfAQuestionGroundedInResearchKeepsItsSourceAndUrl() {
    AnswerAnalyzed analyzed =
        new AnswerAnalyzed(
            1,
            "s1/answer/1",
            "s1",
            "u1",
            "c2",
            1,
            dev.rehearse.core.events.InterviewType.BEHAVIORAL,
            dev.rehearse.core.events.InterviewType.BEHAVIORAL,
            "backend engineer",
            "research-0",
            "Acme recently opened an office in Lisbon. How would you …?",
            "A b",
            new AnswerAnalyzer().analyze(Answer.ofText("A b")),
            T,
            Optional.of("research"),
            Optional.of("https://news.example.com/acme-lisbon"));

    Map<String, Object> turn =
        Documents.json(((Replace) Projections.of(analyzed).get(0)).document());

    assertThat(turn)
        .containsEntry("source", "research")
        .containsEntry("sourceUrl", "https://news.example.com/acme-lisbon");
  }

  @Test
  void completionMarksTheSessionCompletedWithItsSummary() {
    SessionCompleted completed =
        new SessionCompleted(
            1,
            "s1/completed/0",
            "s1",
            "u1",
            "c9",
            "plan-done",
            new SessionSummary(3, 3, 90, Optional.empty(), Optional.of(64)),
            T);

    Upsert upsert = (Upsert) Projections.of(completed).get(0);

    assertThat(Documents.json(upsert.document()))
        .containsEntry("status", "completed")
        .containsEntry("answers", 3)
        .containsEntry("totalWords", 90L)
        .containsEntry("provisionalScore", 64)
        .doesNotContainKey("averageWordsPerMinute");
  }

  @Test
  void rejectionsProjectNothing() {
    CommandRejected rejected =
        new CommandRejected(
            1,
            "s1/rejected/c1",
            "s1",
            "u1",
            "c1",
            RejectionReason.SESSION_NOT_FOUND,
            "no such session",
            T);

    assertThat(Projections.of(rejected)).isEmpty();
  }

  @Test
  void everyIndexHasAStrictMappingAndAVersionedName() {
    assertThat(Indices.all())
        .allSatisfy(
            index -> {
              assertThat(index.version(1)).isEqualTo(index.alias() + "-v1");
              assertThat(index.mapping().dynamic().jsonValue()).isEqualTo("strict");
              if (Indices.analytics().contains(index)) {
                // analysts read these: they name no user, and are rebuilt from the lake instead
                assertThat(index.alias()).startsWith(Indices.ANALYTICS_PREFIX);
                assertThat(index.mapping().properties()).doesNotContainKey("userId");
              } else {
                // every document names its user, so an erasure can find it
                assertThat(index.alias()).doesNotStartWith(Indices.ANALYTICS_PREFIX);
                assertThat(index.mapping().properties()).containsKey("userId");
              }
            });
  }
}
