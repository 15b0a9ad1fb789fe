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
    Column keep = col("userId").isin(members.toArray());
    if (from.isPresent()) {
      keep = keep.and(to_date(col("at")).geq(lit(java.sql.Date.valueOf(from.get()))));
    }
    if (to.isPresent()) {
      keep = keep.and(to_date(col("at")).leq(lit(java.sql.Date.valueOf(to.get()))));
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
    Dataset<Row> roster = spark.createDataset(members, Encoders.STRING()).toDF("userId");
    Dataset<Row> perMember =
        answers
            .groupBy(col("userId"))
            .agg(
                countDistinct("sessionId").as("sessions"),
                count("*").as("answers"),
                round(avg("wordsPerMinute"), 1).as("averageWordsPerMinute"),
                round(avg("fillersPerMinute"), 2).as("averageFillersPerMinute"),
                round(avg("starCompleteness"), 3).as("averageStarCompleteness"),
                round(avg("lexicalDiversity"), 3).as("averageLexicalDiversity"),
                round(avg("sentiment"), 3).as("averageSentiment"),
                max("at").as("lastAnswerAt"));
    Dataset<Row> joined = roster.join(perMember, "userId", "left");
    Column attention =
        coalesce(col("sessions"), lit(0L))
            .equalTo(0)
            .or(coalesce(col("averageStarCompleteness"), lit(0.0)).lt(LOW_STRUCTURE))
            .or(coalesce(col("averageFillersPerMinute"), lit(0.0)).gt(HIGH_FILLERS));
    return joined
        .withColumn("sessions", coalesce(col("sessions"), lit(0L)))
        .withColumn("answers", coalesce(col("answers"), lit(0L)))
        .withColumn("needsAttention", when(attention, lit(true)).otherwise(lit(false)))
        .orderBy(col("userId"));
  }

  /**
   * Adds each member's {@code averageOverall} and {@code latestOverall} over their assessed
   * sessions (null without any); a member whose average is below {@link #LOW_OVERALL} needs
   * attention as well.
   */
  public static Dataset<Row> withScores(Dataset<Row> members, Dataset<Row> assessed) {
    Dataset<Row> perMember =
        assessed
            .filter(col("overall").isNotNull())
            .groupBy(col("userId"))
            .agg(
                round(avg("overall"), 1).as("averageOverall"),
                max_by(col("overall"), col("answeredAt")).as("latestOverall"));
    return members
        .join(perMember, "userId", "left")
        .withColumn(
            "needsAttention",
            col("needsAttention").or(coalesce(col("averageOverall"), lit(100.0)).lt(LOW_OVERALL)))
        .orderBy(col("userId"));
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
        .filter(col("overall").isNotNull())
        .withColumn("bucket", least(lit(9), floor(col("overall").divide(10)).cast("int")))
        .groupBy(col("bucket"))
        .agg(count("*").as("sessions"))
        .orderBy(col("bucket"));
  }

  /**
   * Per day (UTC) a session was answered: {@code day}, {@code sessions}, {@code averageOverall}.
   */
  public static Dataset<Row> trend(Dataset<Row> assessed) {
    return assessed
        .groupBy(to_date(col("answeredAt")).as("day"))
        .agg(count("*").as("sessions"), round(avg("overall"), 1).as("averageOverall"))
        .orderBy(col("day"));
  }

  /** No answers, with the columns the cohort report reads. */
  public static Dataset<Row> emptyAnswers(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("eventId", DataTypes.StringType)
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("wordsPerMinute", DataTypes.DoubleType)
            .add("fillersPerMinute", DataTypes.DoubleType)
            .add("starCompleteness", DataTypes.DoubleType)
            .add("lexicalDiversity", DataTypes.DoubleType)
            .add("sentiment", DataTypes.DoubleType)
            .add("at", DataTypes.TimestampType);
    return spark.createDataFrame(List.of(), schema);
  }

  /** No assessed sessions, with the columns the cohort report reads. */
  public static Dataset<Row> emptyAssessed(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("answeredAt", DataTypes.TimestampType);
    for (String score : Benchmarks.SCORES) {
      schema = schema.add(score, DataTypes.DoubleType);
    }
    return spark.createDataFrame(List.of(), schema);
  }
}
