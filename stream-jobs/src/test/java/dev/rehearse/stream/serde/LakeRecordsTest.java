package dev.rehearse.stream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.assessment.AnswerDimensions;
import dev.rehearse.core.assessment.AnswerScorer;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.lake.LakeRows.BronzeAnswer;
import dev.rehearse.stream.sinks.EventDateBucketAssigner;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class LakeRecordsTest {

  private static final AnswerScorer SCORER = AnswerScorer.builtIn();

  /** The row of an analysed answer, with its scores as the lake writer computes them. */
  private static GenericRecord row(boolean timed) {
    AnswerAnalyzed a = analyzed(timed);
    return LakeRecords.answer(
        a,
        SCORER.score(
            a.questionId(), Optional.of(a.questionType()), a.question(), a.answer(), a.metrics()));
  }

  private static AnswerAnalyzed analyzed(boolean timed) {
    return new AnswerAnalyzed(
        1,
        "s1/answer/2",
        "s1",
        "u1",
        "c1",
        2,
        dev.rehearse.core.events.InterviewType.BEHAVIORAL,
        dev.rehearse.core.events.InterviewType.BEHAVIORAL,
        "backend engineer",
        "beh-001",
        "Why?",
        "Because it scales.",
        new AnswerAnalyzer()
            .analyze(
                new Answer(
                    "Because it scales.",
                    timed ? Optional.of(1_200L) : Optional.empty(),
                    null,
                    null,
                    null,
                    null)),
        Instant.parse("2026-11-25T23:59:59.500Z"));
  }

  @Test
  void anAnswerBecomesOneRowOfTheDocumentedSchema() {
    GenericRecord row = row(true);

    assertThat(row.get("eventId")).isEqualTo("s1/answer/2");
    assertThat(row.get("questionIndex")).isEqualTo(2);
    assertThat(row.get("wordCount")).isEqualTo(3);
    assertThat(row.get("durationMs")).isEqualTo(1_200L);
    assertThat(row.get("wordsPerMinute")).isEqualTo(150.0);
    assertThat(row.get("at")).isEqualTo(Instant.parse("2026-11-25T23:59:59.500Z").toEpochMilli());
  }

  @Test
  void theRowKeepsTheAnswersScoresAndTheirVersion() {
    GenericRecord row = row(true);

    assertThat(row.get("scoresVersion")).isEqualTo(AnswerDimensions.VERSION);
    // 150 words a minute is in the 120-160 band
    assertThat(row.get(BronzeAnswer.scoreColumn(Dimension.PACE))).isEqualTo(100.0);
    // a behavioural question: STAR adherence is assessed; no key points: accuracy is not
    assertThat(row.get(BronzeAnswer.scoreColumn(Dimension.STAR_ADHERENCE))).isNotNull();
    assertThat(row.get(BronzeAnswer.scoreColumn(Dimension.TECHNICAL_ACCURACY))).isNull();
  }

  @Test
  void absentMetricsAreNulls() {
    GenericRecord row = row(false);

    assertThat(row.get("durationMs")).isNull();
    assertThat(row.get("wordsPerMinute")).isNull();
    assertThat(row.get(BronzeAnswer.scoreColumn(Dimension.PACE))).isNull();
  }

  @Test
  void rowsArePartitionedByTheUtcDateOfTheirEventTime() {
    GenericRecord row = row(false);

    assertThat(new EventDateBucketAssigner("at").getBucketId(row, null)).isEqualTo("dt=2026-11-25");
    assertThat(
            EventDateBucketAssigner.partitionOf(
                Instant.parse("2026-11-26T00:00:00Z").toEpochMilli()))
        .isEqualTo("dt=2026-11-26");
  }
}
