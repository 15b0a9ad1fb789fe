package dev.rehearse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.api.service.SessionReplies;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.core.json.Json;
import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.AssessmentFeedback;
import dev.rehearse.search.documents.SessionDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo reads the API's replies as the API writes them: its own records, its own mapper. */
class DemoRepliesTest {

  private static final ObjectMapper API = Json.newMapper();

  private static JsonNode written(Object reply) throws Exception {
    return API.readTree(API.writeValueAsBytes(reply));
  }

  @Test
  void theMetricsLineShowsTheAnswersMetrics() throws Exception {
    AnswerMetrics metrics =
        new AnswerAnalyzer()
            .analyze(
                new Answer(
                    "I led the migration and we finished a week early.",
                    Optional.of(6_000L),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
    SessionReplies.Turn turn =
        new SessionReplies.Turn(
            "s-1",
            Optional.of(0),
            Optional.of(metrics),
            Optional.of("active"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    String line = Demo.metricsLine(written(turn));

    assertThat(line)
        .startsWith("    metrics: 10 words in 6.0 s, 100 words per minute (" + metrics.pace() + ")")
        .contains(metrics.fillerCount() + " fillers (" + metrics.fluency() + ")")
        .contains("0 pauses")
        .endsWith(metrics.conciseness() + System.lineSeparator());
  }

  @Test
  void theSummaryLineShowsTheSessionsSummary() throws Exception {
    SessionReplies.Turn last =
        new SessionReplies.Turn(
            "s-1",
            Optional.of(2),
            Optional.empty(),
            Optional.of("completed"),
            Optional.empty(),
            Optional.of("all_questions_answered"),
            Optional.of(new SessionSummary(3, 3, 120, Optional.of(131.5), Optional.empty())),
            Optional.empty());

    assertThat(Demo.summaryLine(written(last)))
        .isEqualTo(
            "interview complete: 3 answers, 120 words, 131.5 words per minute on average"
                + System.lineSeparator());
  }

  @Test
  void theAggregateLineShowsTheAggregateAndZeroForAnAbsentPace() throws Exception {
    Instant at = Instant.parse("2026-01-01T10:00:00Z");
    SessionReplies.Assessment assessment =
        new SessionReplies.Assessment(
            "s-1",
            "ready",
            Optional.empty(),
            Optional.of(
                new SessionDocument.Aggregate(
                    3, 120, 40.0, Optional.empty(), at, at.plusSeconds(60), at, "b-1")),
            Optional.empty());

    assertThat(Demo.aggregateLine(written(assessment)))
        .isEqualTo(
            "aggregate (Spark, from the lake): 3 answers, 120 words, 40.0 words per answer,"
                + " 0.0 words per minute"
                + System.lineSeparator());
  }

  /** A ready assessment with three scores, a feedback of four strengths, and {@code rank}. */
  private static SessionReplies.Assessment assessment(Optional<Double> rank) {
    Instant at = Instant.parse("2026-01-01T10:00:00Z");
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put(Scores.OVERALL, 71.4);
    scores.put(Dimension.CLARITY.wireName(), 82.0);
    scores.put(Dimension.PACE.wireName(), 64.6);
    AssessmentFeedback feedback =
        new AssessmentFeedback(
            List.of("s1", "s2", "s3", "s4"),
            List.of("i1", "i2", "i3"),
            "A narrative.",
            List.of("n1", "n2"),
            List.of("t1"));
    AssessmentDocument document =
        new AssessmentDocument(
            null,
            null,
            "behavioral",
            Optional.empty(),
            Optional.empty(),
            "b-1",
            List.of(Dimension.VOCAL_VARIETY.wireName()),
            "offline",
            at,
            at,
            scores,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            rank,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            3,
            1,
            0,
            120,
            Map.of(),
            API.valueToTree(feedback));
    return new SessionReplies.Assessment(
        "s-1", "ready", Optional.of(document), Optional.empty(), Optional.empty());
  }

  @Test
  void theAssessmentLinesShowEveryDimensionTheOverallPercentileAndThreeOfEachFeedbackList()
      throws Exception {
    SessionReplies.Assessment reply = assessment(Optional.of(40.0));

    List<String> lines = Demo.assessmentLines(written(reply)).lines().toList();

    assertThat(lines.get(0))
        .isEqualTo("assessment (offline feedback): overall 71, percentile 40 among all sessions");
    assertThat(lines.subList(1, 1 + Dimension.values().length))
        .hasSize(14)
        .contains("  clarity            82", "  pace               65")
        .contains("  vocalVariety       not assessed", "  technicalAccuracy  not assessed");
    assertThat(lines.subList(1 + Dimension.values().length, lines.size()))
        .containsExactly(
            "Strengths:",
            "  - s1",
            "  - s2",
            "  - s3",
            "Improvements:",
            "  - i1",
            "  - i2",
            "  - i3",
            "Next steps:",
            "  - n1",
            "  - n2");
  }

  @Test
  void anUnrankedAssessmentSaysWhyItHasNoPercentile() throws Exception {
    List<String> lines =
        Demo.assessmentLines(written(assessment(Optional.empty()))).lines().toList();

    assertThat(lines.get(0))
        .isEqualTo(
            "assessment (offline feedback): overall 71, not ranked: too few assessed sessions to"
                + " compare with");
  }
}
