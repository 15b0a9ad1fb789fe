package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.AssessmentStatisticsFields;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.core.lake.CohortMemberFields;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A cohort's report from the bronze answers: one row per member, members without sessions included.
 * Pure {@code Dataset -> Dataset} functions.
 */
public final class CohortReport {

  private CohortReport() {}

  /** Below this STAR completeness a member needs attention. */
  static final double LOW_STRUCTURE = 0.5;

  /** Above this filler rate a member needs attention. */
  static final double HIGH_FILLERS = 6.0;

  /** Below this average overall score a member needs attention. */
  static final double LOW_OVERALL = 50.0;

  /** The answers of {@code members} whose day (UTC) lies in {@code [from, to]}. */
  public static Dataset<Row> window(
      Dataset<Row> answers,
      List<String> members,
      Optional<LocalDate> from,
      Optional<LocalDate> to) {
    Column keep = col(BronzeAnswerFields.USER_ID).isin(members.toArray());
    if (from.isPresent()) {
      keep =
          keep.and(to_date(col(BronzeAnswerFields.AT)).geq(lit(java.sql.Date.valueOf(from.get()))));
    }
    if (to.isPresent()) {
      keep =
          keep.and(to_date(col(BronzeAnswerFields.AT)).leq(lit(java.sql.Date.valueOf(to.get()))));
    }
    // the members first: duplicates of an answer are all of its member
    return SessionAggregates.distinctAnswers(answers.filter(keep));
  }

  /**
   * One row per member: {@code userId, sessions, answers, averageWordsPerMinute,
   * averageFillersPerMinute, averageStarCompleteness, averageLexicalDiversity, averageSentiment,
   * lastAnswerAt, needsAttention}; a member with no answers has zero sessions and needs attention.
   */
  public static Dataset<Row> members(Dataset<Row> answers, List<String> members) {
    SparkSession spark = answers.sparkSession();
    Dataset<Row> roster =
        spark.createDataset(members, Encoders.STRING()).toDF(CohortMemberFields.USER_ID);
    Dataset<Row> perMember =
        answers
            .groupBy(col(BronzeAnswerFields.USER_ID))
            .agg(
                countDistinct(BronzeAnswerFields.SESSION_ID).as(CohortMemberFields.SESSIONS),
                count("*").as(CohortMemberFields.ANSWERS),
                round(avg(BronzeAnswerFields.WORDS_PER_MINUTE), 1)
                    .as(CohortMemberFields.AVERAGE_WORDS_PER_MINUTE),
                round(avg(BronzeAnswerFields.FILLERS_PER_MINUTE), 2)
                    .as(CohortMemberFields.AVERAGE_FILLERS_PER_MINUTE),
                round(avg(BronzeAnswerFields.STAR_COMPLETENESS), 3)
                    .as(CohortMemberFields.AVERAGE_STAR_COMPLETENESS),
                round(avg(BronzeAnswerFields.LEXICAL_DIVERSITY), 3)
                    .as(CohortMemberFields.AVERAGE_LEXICAL_DIVERSITY),
                round(avg(BronzeAnswerFields.SENTIMENT), 3)
                    .as(CohortMemberFields.AVERAGE_SENTIMENT),
                max(BronzeAnswerFields.AT).as(CohortMemberFields.LAST_ANSWER_AT));
    Dataset<Row> joined = roster.join(perMember, CohortMemberFields.USER_ID, "left");
    Column attention =
        coalesce(col(CohortMemberFields.SESSIONS), lit(0L))
            .equalTo(0)
            .or(
                coalesce(col(CohortMemberFields.AVERAGE_STAR_COMPLETENESS), lit(0.0))
                    .lt(LOW_STRUCTURE))
            .or(
                coalesce(col(CohortMemberFields.AVERAGE_FILLERS_PER_MINUTE), lit(0.0))
                    .gt(HIGH_FILLERS));
    return joined
        .withColumn(
            CohortMemberFields.SESSIONS, coalesce(col(CohortMemberFields.SESSIONS), lit(0L)))
        .withColumn(CohortMemberFields.ANSWERS, coalesce(col(CohortMemberFields.ANSWERS), lit(0L)))
        .withColumn(
            CohortMemberFields.NEEDS_ATTENTION, when(attention, lit(true)).otherwise(lit(false)))
        .orderBy(col(CohortMemberFields.USER_ID));
  }

  /**
   * Adds each member's {@code averageOverall} and {@code latestOverall} over their assessed
   * sessions (null without any); a member whose average is below {@link #LOW_OVERALL} needs
   * attention as well.
   */
  public static Dataset<Row> withScores(Dataset<Row> members, Dataset<Row> assessed) {
    Dataset<Row> perMember =
        assessed
            .filter(col(Scores.OVERALL).isNotNull())
            .groupBy(col(AssessmentKeyFields.USER_ID))
            .agg(
                round(avg(Scores.OVERALL), 1).as(CohortMemberFields.AVERAGE_OVERALL),
                max_by(col(Scores.OVERALL), col(AssessmentStatisticsFields.ANSWERED_AT))
                    .as(CohortMemberFields.LATEST_OVERALL));
    return members
        .join(perMember, CohortMemberFields.USER_ID, "left")
        .withColumn(
            CohortMemberFields.NEEDS_ATTENTION,
            col(CohortMemberFields.NEEDS_ATTENTION)
                .or(coalesce(col(CohortMemberFields.AVERAGE_OVERALL), lit(100.0)).lt(LOW_OVERALL)))
        .orderBy(col(CohortMemberFields.USER_ID));
  }

  /** One row: the cohort's mean of every benchmarked score (null where no session has it). */
  public static Dataset<Row> scoreAverages(Dataset<Row> assessed) {
    Column[] means =
        Benchmarks.SCORES.stream().map(s -> round(avg(s), 1).as(s)).toArray(Column[]::new);
    return assessed.agg(means[0], java.util.Arrays.copyOfRange(means, 1, means.length));
  }

  /**
   * Sessions per tenth of the overall score: {@code bucket} 0 holds [0, 10), …, 9 holds [90, 100].
   */
  public static Dataset<Row> distribution(Dataset<Row> assessed) {
    return assessed
        .filter(col(Scores.OVERALL).isNotNull())
        .withColumn("bucket", least(lit(9), floor(col(Scores.OVERALL).divide(10)).cast("int")))
        .groupBy(col("bucket"))
        .agg(count("*").as(CohortMemberFields.SESSIONS))
        .orderBy(col("bucket"));
  }

  /**
   * Per day (UTC) a session was answered: {@code day}, {@code sessions}, {@code averageOverall}.
   */
  public static Dataset<Row> trend(Dataset<Row> assessed) {
    return assessed
        .groupBy(to_date(col(AssessmentStatisticsFields.ANSWERED_AT)).as("day"))
        .agg(
            count("*").as(CohortMemberFields.SESSIONS),
            round(avg(Scores.OVERALL), 1).as(CohortMemberFields.AVERAGE_OVERALL))
        .orderBy(col("day"));
  }

  /** No answers, with the columns the cohort report reads. */
  public static Dataset<Row> emptyAnswers(SparkSession spark) {
    StructType schema =
        new StructType()
            .add(BronzeAnswerFields.EVENT_ID, DataTypes.StringType)
            .add(BronzeAnswerFields.SESSION_ID, DataTypes.StringType)
            .add(BronzeAnswerFields.USER_ID, DataTypes.StringType)
            .add(BronzeAnswerFields.WORDS_PER_MINUTE, DataTypes.DoubleType)
            .add(BronzeAnswerFields.FILLERS_PER_MINUTE, DataTypes.DoubleType)
            .add(BronzeAnswerFields.STAR_COMPLETENESS, DataTypes.DoubleType)
            .add(BronzeAnswerFields.LEXICAL_DIVERSITY, DataTypes.DoubleType)
            .add(BronzeAnswerFields.SENTIMENT, DataTypes.DoubleType)
            .add(BronzeAnswerFields.AT, DataTypes.TimestampType);
    return spark.createDataFrame(List.of(), schema);
  }

  /** No assessed sessions, with the columns the cohort report reads. */
  public static Dataset<Row> emptyAssessed(SparkSession spark) {
    StructType schema =
        new StructType()
            .add(AssessmentKeyFields.SESSION_ID, DataTypes.StringType)
            .add(AssessmentKeyFields.USER_ID, DataTypes.StringType)
            .add(AssessmentStatisticsFields.ANSWERED_AT, DataTypes.TimestampType);
    for (String score : Benchmarks.SCORES) {
      schema = schema.add(score, DataTypes.DoubleType);
    }
    return spark.createDataFrame(List.of(), schema);
  }
}
