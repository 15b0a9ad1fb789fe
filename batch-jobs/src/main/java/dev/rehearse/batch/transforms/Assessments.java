package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.AnswerDimensions;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.AssessmentStatisticsFields;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.LakeDataset;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.lake.LakeRows.BronzeAnswer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The full assessment from the bronze answers, without an LLM: per-answer dimension scores from the
 * answer's question, metrics and text ({@link AnswerDimensions}), then per session their means, the
 * dimension groups, and the overall score weighted by the interview type's rubric. Every score is
 * 0–100; a dimension that cannot be measured (pace without a duration, delivery without audio,
 * technical accuracy for a question without key points) is null — "not assessed" — never invented.
 * Pure {@code Dataset -> Dataset} functions.
 */
public final class Assessments {

  private Assessments() {}

  /**
   * The per-answer dimensions scored here, in {@link Dimension} order: those the offline assessor
   * scores from text and timings, and the delivery ones ({@link Delivery}), null without audio.
   */
  public static final List<String> DIMENSIONS =
      Arrays.stream(Dimension.values())
          .filter(d -> d.assessedOffline() || d.needsAudio())
          .map(Dimension::wireName)
          .toList();

  /** Dimensions this assessment cannot measure (they need a model); always null here. */
  public static final List<String> NOT_ASSESSED =
      Arrays.stream(Dimension.values())
          .map(Dimension::wireName)
          .filter(d -> !DIMENSIONS.contains(d))
          .toList();

  /** The key of the evidence that quotes the answer with the most complete story (STAR). */
  public static final String EVIDENCE_QUOTE = "quote";

  /**
   * The evidence quotes at most this much of an answer; the scored answers keep no more of its text
   * ({@link #scoreAnswers}).
   */
  static final int QUOTE_CHARS = 240;

  /** The per-answer scores, a struct while the answers are scored; dropped after. */
  private static final String SCORES = "answerScores";

  /** The bronze columns that keep the per-answer scores the interview job computed. */
  static final List<String> STORED_SCORES =
      AnswerScoring.OUTPUT.stream().map(BronzeAnswer::scoreColumn).toList();

  /** Columns the lake gained over time; files written before they existed read as null. */
  static final List<String> OPTIONAL_COLUMNS =
      java.util.stream.Stream.of(
              java.util.stream.Stream.of(
                  BronzeAnswerFields.INTERVIEW_TYPE,
                  BronzeAnswerFields.QUESTION_TYPE,
                  BronzeAnswerFields.ROLE,
                  BronzeAnswerFields.QUESTION_ID,
                  BronzeAnswerFields.SCORES_VERSION),
              Delivery.AUDIO_COLUMNS.stream(),
              STORED_SCORES.stream())
          .flatMap(c -> c)
          .toList();

  /** The answers with every optional column, null (of its lake type) where files predate it. */
  static Dataset<Row> withOptionalColumns(Dataset<Row> answers) {
    for (String column : OPTIONAL_COLUMNS) {
      if (!List.of(answers.columns()).contains(column)) {
        answers = answers.withColumn(column, lit(null).cast(lakeType(column)));
      }
    }
    return answers;
  }

  /** The Spark type of a bronze column, from the lake registry. */
  private static String lakeType(String column) {
    return LakeDatasets.BRONZE_ANSWERS.columns().stream()
        .filter(c -> c.name().equals(column))
        .findFirst()
        .map(LakeDataset.Column::type)
        .orElseThrow(() -> new IllegalArgumentException("no bronze column " + column));
  }

  /**
   * The answers with the score columns the interview job stores with each answer ({@code
   * scoresVersion} and {@link #STORED_SCORES}), computed here: for lakes whose rows lack them (a
   * backfill) and for building lakes in tests and benchmarks.
   */
  public static Dataset<Row> withStoredScores(Dataset<Row> answers) {
    return withScores(
            withOptionalColumns(answers).drop(STORED_SCORES.toArray(String[]::new)),
            scoredHere(),
            BronzeAnswer::scoreColumn)
        .withColumn(BronzeAnswerFields.SCORES_VERSION, lit(AnswerDimensions.VERSION));
  }

  /** The scores of each answer from its text and metrics ({@link AnswerScoring}), a struct. */
  private static Column scoredHere() {
    return udf(AnswerScoring.builtIn(), AnswerScoring.SCHEMA).apply(AnswerScoring.input());
  }

  /** The answers with each dimension of the {@code scores} struct in the column it names. */
  private static Dataset<Row> withScores(
      Dataset<Row> answers, Column scores, Function<Dimension, String> column) {
    Dataset<Row> scored = answers.withColumn(SCORES, scores);
    for (Dimension d : AnswerScoring.OUTPUT) {
      scored = scored.withColumn(column.apply(d), col(SCORES + "." + d.wireName()));
    }
    return scored.drop(SCORES);
  }

  /**
   * Adds the per-answer dimension scores to each (de-duplicated) answer: those {@link
   * AnswerDimensions} scores from the question, the text and the metrics — the ones the interview
   * job stored with the answer when their version is {@link AnswerDimensions#VERSION}, else scored
   * here (one UDF, only for those answers) — then the delivery ones from the recording ({@link
   * Delivery}). The rows keep no {@code question} and only the first {@link #QUOTE_CHARS} of the
   * {@code answer}: what the evidence quotes.
   */
  public static Dataset<Row> scoreAnswers(Dataset<Row> answers) {
    Column stored =
        struct(
            AnswerScoring.OUTPUT.stream()
                .map(d -> col(BronzeAnswer.scoreColumn(d)).as(d.wireName()))
                .toArray(Column[]::new));
    // scored before the de-duplication (a copy of an answer is rare): past the scores, nothing
    // needs the question's text or more of the answer's than the evidence quotes, so the shuffle
    // that de-duplicates carries neither
    Dataset<Row> scored =
        withScores(
            withOptionalColumns(answers),
            when(col(BronzeAnswerFields.SCORES_VERSION).equalTo(AnswerDimensions.VERSION), stored)
                .otherwise(scoredHere()),
            Dimension::wireName);
    // vocal variety, composure, engagement: from the recording, null for typed answers
    return SessionAggregates.distinctAnswers(
            scored
                .drop(BronzeAnswerFields.SCORES_VERSION, BronzeAnswerFields.QUESTION)
                .drop(STORED_SCORES.toArray(String[]::new))
                .withColumn(
                    BronzeAnswerFields.ANSWER,
                    substring(col(BronzeAnswerFields.ANSWER), 1, QUOTE_CHARS)))
        .transform(Delivery::scoreAnswers);
  }

  /**
   * One row per session: the dimensions (means over the answers that have them), the groups, the
   * overall score by the rubric of the session's type, the aggregates, and the evidence.
   */
  public static Dataset<Row> sessions(
      Dataset<Row> scored, Map<String, Map<String, Double>> rubrics) {
    Column[] aggs =
        new Column[] {
          first(coalesce(col(BronzeAnswerFields.INTERVIEW_TYPE), lit("mixed")), true)
              .as(AssessmentKeyFields.INTERVIEW_TYPE),
          first(col(BronzeAnswerFields.ROLE), true).as(AssessmentKeyFields.ROLE),
          count("*").cast("int").as(AssessmentStatisticsFields.ANSWER_COUNT),
          sum(BronzeAnswerFields.WORD_COUNT).as(AssessmentStatisticsFields.TOTAL_WORDS),
          round(avg(BronzeAnswerFields.WORD_COUNT), 1).as(AssessmentStatisticsFields.AVERAGE_WORDS),
          round(avg(BronzeAnswerFields.WORDS_PER_MINUTE), 1)
              .as(AssessmentStatisticsFields.AVERAGE_WORDS_PER_MINUTE),
          round(avg(BronzeAnswerFields.FILLERS_PER_MINUTE), 2)
              .as(AssessmentStatisticsFields.AVERAGE_FILLERS_PER_MINUTE),
          round(avg(BronzeAnswerFields.PAUSE_RATIO), 3)
              .as(AssessmentStatisticsFields.AVERAGE_PAUSE_RATIO),
          sum(coalesce(col(BronzeAnswerFields.LONG_PAUSE_COUNT), lit(0)))
              .cast("int")
              .as(AssessmentStatisticsFields.LONG_PAUSES),
          round(avg(BronzeAnswerFields.RESPONSE_LATENCY_MS), 0)
              .as(AssessmentStatisticsFields.AVERAGE_RESPONSE_LATENCY_MS),
          round(avg(BronzeAnswerFields.LEXICAL_DIVERSITY), 3)
              .as(AssessmentStatisticsFields.AVERAGE_LEXICAL_DIVERSITY),
          round(avg(BronzeAnswerFields.HEDGE_COUNT), 2)
              .as(AssessmentStatisticsFields.AVERAGE_HEDGES),
          round(avg(BronzeAnswerFields.SENTIMENT), 3)
              .as(AssessmentStatisticsFields.AVERAGE_SENTIMENT),
          round(avg(BronzeAnswerFields.STAR_COMPLETENESS), 3)
              .as(AssessmentStatisticsFields.STAR_COMPLETENESS),
          sum(when(col(BronzeAnswerFields.STAR_RESULT), 1).otherwise(0))
              .cast("int")
              .as(AssessmentStatisticsFields.ANSWERS_WITH_RESULT),
          max(col(BronzeAnswerFields.AT)).as(AssessmentStatisticsFields.ANSWERED_AT),
          max_by(col(BronzeAnswerFields.ANSWER), col(BronzeAnswerFields.STAR_COMPLETENESS))
              .as("mostCompleteStory")
        };
    List<Column> delivery = Delivery.sessionAggregates();
    Column[] all = new Column[aggs.length + DIMENSIONS.size() + delivery.size()];
    System.arraycopy(aggs, 0, all, 0, aggs.length);
    for (int i = 0; i < DIMENSIONS.size(); i++) {
      all[aggs.length + i] = round(avg(DIMENSIONS.get(i)), 1).as(DIMENSIONS.get(i));
    }
    for (int i = 0; i < delivery.size(); i++) {
      all[aggs.length + DIMENSIONS.size() + i] = delivery.get(i);
    }
    Dataset<Row> sessions =
        scored
            .groupBy(col(BronzeAnswerFields.SESSION_ID), col(BronzeAnswerFields.USER_ID))
            .agg(all[0], java.util.Arrays.copyOfRange(all, 1, all.length))
            .transform(Delivery::withRateStability);
    for (String missing : NOT_ASSESSED) {
      sessions = sessions.withColumn(missing, lit(null).cast("double"));
    }
    for (DimensionGroup group : DimensionGroup.values()) {
      sessions =
          sessions.withColumn(
              group.wireName(),
              mean(group.dimensions().stream().map(Dimension::wireName).toList()));
    }
    return sessions
        .withColumn(Scores.OVERALL, overall(rubrics))
        .withColumn(
            AssessmentStatisticsFields.EVIDENCE,
            org.apache.spark.sql.functions.map(
                lit(Dimension.PACE.wireName()),
                org.apache.spark.sql.functions.concat(
                    lit("average "),
                    coalesce(
                        col(AssessmentStatisticsFields.AVERAGE_WORDS_PER_MINUTE).cast("string"),
                        lit("unknown")),
                    lit(" words a minute")),
                lit(Dimension.FLUENCY.wireName()),
                org.apache.spark.sql.functions.concat(
                    lit("average "),
                    coalesce(
                        col(AssessmentStatisticsFields.AVERAGE_FILLERS_PER_MINUTE).cast("string"),
                        lit("unknown")),
                    lit(" fillers a minute")),
                lit(Dimension.STRUCTURE.wireName()),
                org.apache.spark.sql.functions.concat(
                    col(AssessmentStatisticsFields.ANSWERS_WITH_RESULT).cast("string"),
                    lit(" of "),
                    col(AssessmentStatisticsFields.ANSWER_COUNT).cast("string"),
                    lit(" answers state a result")),
                lit(EVIDENCE_QUOTE),
                col("mostCompleteStory")))
        .drop("mostCompleteStory");
  }

  /** The mean of the columns that are not null; null when all are. */
  static Column mean(List<String> columns) {
    Column total = lit(0.0);
    Column present = lit(0);
    for (String c : columns) {
      total = total.plus(coalesce(col(c), lit(0.0)));
      present = present.plus(when(col(c).isNull(), 0).otherwise(1));
    }
    return when(present.equalTo(0), lit(null)).otherwise(round(total.divide(present), 1));
  }

  /**
   * The groups weighted by the rubric of the session's type, over the groups that were assessed.
   */
  public static Column overall(Map<String, Map<String, Double>> rubrics) {
    Column weighted = lit(0.0);
    Column weights = lit(0.0);
    for (String group : DimensionGroup.wireNames()) {
      Column weight = lit(0.0);
      for (Map.Entry<String, Map<String, Double>> rubric : rubrics.entrySet()) {
        weight =
            when(
                    col(AssessmentKeyFields.INTERVIEW_TYPE).equalTo(rubric.getKey()),
                    lit(rubric.getValue().getOrDefault(group, 0.0)))
                .otherwise(weight);
      }
      Column present = col(group).isNotNull();
      weighted = weighted.plus(when(present, col(group).multiply(weight)).otherwise(0.0));
      weights = weights.plus(when(present, weight).otherwise(0.0));
    }
    return when(weights.equalTo(0), lit(null)).otherwise(round(weighted.divide(weights), 1));
  }
}
