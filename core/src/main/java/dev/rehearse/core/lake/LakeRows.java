package dev.rehearse.core.lake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.analytics.AudioMetrics;
import dev.rehearse.core.assessment.AnswerDimensions;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The row of each lake dataset, as a record: {@link LakeDatasets} derives the columns (names,
 * types, nullability) from these, and the stream's lake writer and the Spark jobs name columns
 * through the generated {@code <Row>Fields} constants. A component's Java type gives the column
 * type: {@code String} string, {@code int} int, {@code long} long, {@code double} double, {@code
 * boolean} boolean, {@link Instant} timestamp, {@code Map<String,String>}, {@code List<String>},
 * {@link JsonNode} object; {@link Optional} makes it nullable.
 */
public final class LakeRows {

  private LakeRows() {}

  /** {@link LakeDatasets#BRONZE_ANSWERS}: one analysed answer. */
  @FieldNames
  public record BronzeAnswer(
      String eventId,
      String sessionId,
      String userId,
      int questionIndex,
      Optional<String> interviewType,
      Optional<String> questionType,
      Optional<String> role,
      Optional<String> questionId,
      String question,
      String answer,
      int wordCount,
      Optional<Long> durationMs,
      Optional<Double> wordsPerMinute,
      Optional<Double> articulationRate,
      int fillerCount,
      Optional<Double> fillersPerMinute,
      Optional<Integer> pauseCount,
      Optional<Integer> longPauseCount,
      Optional<Long> longestPauseMs,
      Optional<Double> pauseRatio,
      Optional<Long> responseLatencyMs,
      double lexicalDiversity,
      double repetition,
      int hedgeCount,
      double sentiment,
      boolean starSituation,
      boolean starTask,
      boolean starAction,
      boolean starResult,
      double starCompleteness,
      String pace,
      String fluency,
      String conciseness,
      Instant at,
      Optional<Long> audioSpeechMs,
      Optional<Long> audioSilenceMs,
      Optional<Integer> audioPauseCount,
      Optional<Integer> audioLongPauseCount,
      Optional<Long> audioLongestPauseMs,
      Optional<Double> audioSyllablesPerSecond,
      Optional<Double> audioEstimatedWordsPerMinute,
      Optional<Double> audioPitchMeanHz,
      Optional<Double> audioPitchStdSemitones,
      Optional<Double> audioPitchRangeSemitones,
      Optional<Double> audioLoudnessStdDb,
      Optional<Double> audioVoicedRatio,
      Optional<Integer> scoresVersion,
      Optional<Double> scoreClarity,
      Optional<Double> scoreConciseness,
      Optional<Double> scorePace,
      Optional<Double> scoreFluency,
      Optional<Double> scoreRelevance,
      Optional<Double> scoreDepth,
      Optional<Double> scoreStructure,
      Optional<Double> scoreTechnicalAccuracy,
      Optional<Double> scoreStarAdherence,
      Optional<Double> scoreOwnership,
      Optional<Double> scoreProblemSolving) {

    /**
     * The column that keeps an offline dimension's score of the answer ({@code scoreDepth} for
     * {@code depth}): computed once, when the answer is analysed, by {@link
     * AnswerDimensions#VERSION} {@code scoresVersion}.
     */
    public static String scoreColumn(Dimension d) {
      return "score" + Character.toUpperCase(d.wireName().charAt(0)) + d.wireName().substring(1);
    }

    /** The row of an analysed answer and its offline dimension scores (absent: not assessed). */
    public static BronzeAnswer of(AnswerAnalyzed event, Map<Dimension, Double> scores) {
      AnswerMetrics m = event.metrics();
      Optional<AudioMetrics> a = m.audio();
      return new BronzeAnswer(
          event.eventId(),
          event.sessionId(),
          event.userId(),
          event.index(),
          Optional.ofNullable(event.interviewType()).map(InterviewType::wireName),
          Optional.ofNullable(event.questionType()).map(InterviewType::wireName),
          Optional.ofNullable(event.role()),
          Optional.ofNullable(event.questionId()),
          event.question(),
          event.answer(),
          m.wordCount(),
          m.durationMs(),
          m.wordsPerMinute(),
          m.articulationRate(),
          m.fillerCount(),
          m.fillersPerMinute(),
          m.pauseCount(),
          m.longPauseCount(),
          m.longestPauseMs(),
          m.pauseRatio(),
          m.responseLatencyMs(),
          m.lexicalDiversity(),
          m.repetition(),
          m.hedgeCount(),
          m.sentiment(),
          m.star().situation(),
          m.star().task(),
          m.star().action(),
          m.star().result(),
          m.star().completeness(),
          m.pace(),
          m.fluency(),
          m.conciseness(),
          event.at(),
          a.map(AudioMetrics::speechMs),
          a.map(AudioMetrics::silenceMs),
          a.map(AudioMetrics::pauseCount),
          a.map(AudioMetrics::longPauseCount),
          a.map(AudioMetrics::longestPauseMs),
          a.flatMap(AudioMetrics::syllablesPerSecond),
          a.flatMap(AudioMetrics::estimatedWordsPerMinute),
          a.flatMap(AudioMetrics::pitchMeanHz),
          a.flatMap(AudioMetrics::pitchStdSemitones),
          a.flatMap(AudioMetrics::pitchRangeSemitones),
          a.flatMap(AudioMetrics::loudnessStdDb),
          a.flatMap(AudioMetrics::voicedRatio),
          Optional.of(AnswerDimensions.VERSION),
          Optional.ofNullable(scores.get(Dimension.CLARITY)),
          Optional.ofNullable(scores.get(Dimension.CONCISENESS)),
          Optional.ofNullable(scores.get(Dimension.PACE)),
          Optional.ofNullable(scores.get(Dimension.FLUENCY)),
          Optional.ofNullable(scores.get(Dimension.RELEVANCE)),
          Optional.ofNullable(scores.get(Dimension.DEPTH)),
          Optional.ofNullable(scores.get(Dimension.STRUCTURE)),
          Optional.ofNullable(scores.get(Dimension.TECHNICAL_ACCURACY)),
          Optional.ofNullable(scores.get(Dimension.STAR_ADHERENCE)),
          Optional.ofNullable(scores.get(Dimension.OWNERSHIP)),
          Optional.ofNullable(scores.get(Dimension.PROBLEM_SOLVING)));
    }
  }

  /** {@link LakeDatasets#GOLD_SESSION_AGGREGATES}: one session's counts and means. */
  @FieldNames
  public record SessionAggregate(
      String sessionId,
      String userId,
      int answerCount,
      long totalWords,
      double averageWords,
      Optional<Double> averageWordsPerMinute,
      Instant firstAnswerAt,
      Instant lastAnswerAt) {}

  /** The key columns of {@link LakeDatasets#GOLD_ASSESSMENTS}, before the scores. */
  @FieldNames
  public record AssessmentKey(
      String sessionId, String userId, String interviewType, Optional<String> role) {}

  /** The columns of {@link LakeDatasets#GOLD_ASSESSMENTS} after the scores. */
  @FieldNames
  public record AssessmentStatistics(
      int answerCount,
      long totalWords,
      double averageWords,
      Optional<Double> averageWordsPerMinute,
      Optional<Double> averageFillersPerMinute,
      Optional<Double> averagePauseRatio,
      int longPauses,
      Optional<Double> averageResponseLatencyMs,
      double averageLexicalDiversity,
      double averageHedges,
      double averageSentiment,
      double starCompleteness,
      int answersWithResult,
      Instant answeredAt,
      Map<String, String> evidence,
      Optional<Double> overallRankAll,
      Optional<Double> overallRankType,
      Optional<Double> overallRankRole) {}

  /** {@link LakeDatasets#GOLD_BENCHMARKS}: the percentiles of one score in one group. */
  @FieldNames
  public record Benchmark(
      String groupKind,
      String groupValue,
      String score,
      long candidates,
      long sessions,
      double p10,
      double p25,
      double p50,
      double p75,
      double p90) {}

  /** {@link LakeDatasets#GOLD_ASSESSED_FILES}: one bronze file an assessment read. */
  @FieldNames
  public record AssessedFile(String file) {}

  /**
   * {@link LakeDatasets#GOLD_ERASURES}: one erasure batch, its users named by the SHA-256 (hex) of
   * their id.
   */
  @FieldNames
  public record Erasure(
      String batchId,
      List<String> users,
      long sessionsDeleted,
      long turnsDeleted,
      long lakeFilesRewritten,
      long lakeRowsRemoved,
      long goldRowsRemoved,
      Instant completedAt) {}

  /** {@link LakeDatasets#GOLD_FEEDBACK_CACHE}: one cached feedback. */
  @FieldNames
  public record CachedFeedback(JsonNode feedback, String source) {}

  /** {@link LakeDatasets#COHORT_REPORTS}: one member of a cohort report. */
  @FieldNames
  public record CohortMember(
      String userId,
      long sessions,
      long answers,
      Optional<Double> averageWordsPerMinute,
      Optional<Double> averageFillersPerMinute,
      Optional<Double> averageStarCompleteness,
      Optional<Double> averageLexicalDiversity,
      Optional<Double> averageSentiment,
      Optional<Double> averageOverall,
      Optional<Double> latestOverall,
      Optional<Instant> lastAnswerAt,
      boolean needsAttention) {}
}
