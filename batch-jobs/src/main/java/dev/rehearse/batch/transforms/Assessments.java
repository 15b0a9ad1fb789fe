package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.AssessmentStatisticsFields;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.LakeDataset;
import dev.rehearse.core.lake.LakeDatasets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The full assessment from the bronze answers, without an LLM: per-answer dimension scores from the
 * answer's metrics and text, then per session their means, the dimension groups, and the overall
 * score weighted by the interview type's rubric. Every score is 0–100; a dimension that cannot be
 * measured (pace without a duration, delivery without audio, technical accuracy without a model) is
 * null — "not assessed" — never invented. Pure {@code Dataset -> Dataset} functions.
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

  private static Column clamp01(Column c) {
    return least(lit(1.0), greatest(lit(0.0), c));
  }

  /** The key of the evidence that quotes the best-structured answer. */
  public static final String EVIDENCE_QUOTE = "quote";

  /** The evidence quotes at most this much of an answer. */
  static final int QUOTE_CHARS = 240;

  /** The per-answer text features while the answers are scored; dropped after. */
  private static final String FEATURES = "textFeatures";

  /** Columns the lake gained over time; files written before they existed read as null. */
  static final List<String> OPTIONAL_COLUMNS =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  BronzeAnswerFields.INTERVIEW_TYPE,
                  BronzeAnswerFields.QUESTION_TYPE,
                  BronzeAnswerFields.ROLE,
                  BronzeAnswerFields.QUESTION_ID),
              Delivery.AUDIO_COLUMNS.stream())
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

  /** Adds the per-answer dimension scores to each (de-duplicated) answer. */
  public static Dataset<Row> scoreAnswers(Dataset<Row> answers) {
    Column wpm = col(BronzeAnswerFields.WORDS_PER_MINUTE);
    Column wordCount = col(BronzeAnswerFields.WORD_COUNT).cast("double");
    Column singular = col(FEATURES + ".singular");
    Column plural = col(FEATURES + ".plural");
    return SessionAggregates.distinctAnswers(withOptionalColumns(answers))
        .withColumn(
            FEATURES,
            udf(TextFeatures.udf(), TextFeatures.SCHEMA)
                .apply(col(BronzeAnswerFields.QUESTION), col(BronzeAnswerFields.ANSWER)))
        // 120–160 words a minute is 100; each word a minute further off costs 1.25
        .withColumn(
            Dimension.PACE.wireName(),
            when(wpm.isNull(), lit(null))
                .otherwise(
                    lit(100.0)
                        .minus(
                            least(lit(80.0), greatest(lit(0.0), abs(wpm.minus(140)).minus(20)))
                                .multiply(1.25))))
        // eight points off per filler a minute
        .withColumn(
            Dimension.FLUENCY.wireName(),
            when(col(BronzeAnswerFields.FILLERS_PER_MINUTE).isNull(), lit(null))
                .otherwise(
                    greatest(
                        lit(0.0),
                        lit(100.0).minus(col(BronzeAnswerFields.FILLERS_PER_MINUTE).multiply(8)))))
        // 80–250 words is 100; shorter rises from 40, longer falls to 20
        .withColumn(
            Dimension.CONCISENESS.wireName(),
            when(wordCount.lt(80), lit(40.0).plus(wordCount.divide(80).multiply(60)))
                .when(wordCount.leq(250), lit(100.0))
                .otherwise(greatest(lit(20.0), lit(100.0).minus(wordCount.minus(250).divide(5)))))
        .withColumn(
            Dimension.CLARITY.wireName(),
            clamp01(col(BronzeAnswerFields.LEXICAL_DIVERSITY).divide(0.75))
                .multiply(60)
                .plus(
                    lit(1.0)
                        .minus(clamp01(col(BronzeAnswerFields.REPETITION).multiply(5)))
                        .multiply(40)))
        // how much of the question's vocabulary the answer takes up
        .withColumn(
            Dimension.RELEVANCE.wireName(),
            when(col(FEATURES + ".questionWords").equalTo(0), lit(null))
                .otherwise(
                    clamp01(
                            col(FEATURES + ".sharedWords")
                                .divide(col(FEATURES + ".questionWords"))
                                .divide(0.3))
                        .multiply(100)))
        .withColumn(
            Dimension.DEPTH.wireName(),
            clamp01(wordCount.divide(150))
                .multiply(60)
                .plus(clamp01(col(BronzeAnswerFields.LEXICAL_DIVERSITY).divide(0.75)).multiply(40)))
        .withColumn(
            Dimension.STRUCTURE.wireName(), col(BronzeAnswerFields.STAR_COMPLETENESS).multiply(100))
        .withColumn(
            Dimension.STAR_ADHERENCE.wireName(),
            when(
                    coalesce(
                            col(BronzeAnswerFields.QUESTION_TYPE),
                            col(BronzeAnswerFields.INTERVIEW_TYPE),
                            lit("behavioral"))
                        .equalTo("behavioral"),
                    col(BronzeAnswerFields.STAR_COMPLETENESS).multiply(100))
                .otherwise(lit(null)))
        // "I did" over "we did": who acted
        .withColumn(
            Dimension.OWNERSHIP.wireName(),
            when(singular.plus(plural).equalTo(0), lit(null))
                .otherwise(singular.divide(singular.plus(plural)).multiply(100)))
        .withColumn(
            Dimension.PROBLEM_SOLVING.wireName(),
            when(col(BronzeAnswerFields.STAR_ACTION), lit(50.0))
                .otherwise(lit(0.0))
                .plus(when(col(BronzeAnswerFields.STAR_RESULT), lit(50.0)).otherwise(lit(0.0))))
        .drop(FEATURES)
        // vocal variety, composure, engagement: from the recording, null for typed answers
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
          max_by(col(BronzeAnswerFields.ANSWER), col(Dimension.STRUCTURE.wireName()))
              .as("bestStructuredAnswer")
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
                col("bestStructuredAnswer")))
        .drop("bestStructuredAnswer");
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
