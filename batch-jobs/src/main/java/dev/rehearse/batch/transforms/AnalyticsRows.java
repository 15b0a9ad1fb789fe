package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.assessment.Scores;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rows of the pseudonymised analytics indices analysts' Kibana reads ({@code
 * analytics-sessions}, {@code analytics-questions}, {@code analytics-cohort-progress}; one row per
 * document, columns named as the documents' fields), from the lake's assessed sessions and scored
 * answers. Kibana has no minimum group size and Elasticsearch's field- and document-level security
 * is paid, so the privacy rules are applied here, before anything is indexed:
 *
 * <ul>
 *   <li>no user id: a candidate is an HMAC-SHA-256 of their id under a secret salt, a session the
 *       same of its id; with the salt kept secret, neither can be reversed or recomputed;
 *   <li>no free text: no question, answer, profile or evidence column is carried;
 *   <li>times are whole UTC days;
 *   <li>a role, seniority, language or interview type with fewer than {@code minGroup} distinct
 *       candidates reads {@value #OTHER}; a cohort that small is left out (its sessions keep no
 *       {@code cohortId}, and it has no cohort-progress rows); a question and day answered by fewer
 *       candidates is not published; with fewer candidates than that in all, nothing is.
 * </ul>
 *
 * Pure {@code Dataset -> Dataset} functions.
 */
public final class AnalyticsRows {

  private AnalyticsRows() {}

  /** The setting of the minimum group size. */
  public static final String MIN_GROUP_SETTING = "REHEARSE_ANALYTICS_MIN_GROUP";

  /** The minimum group size when the setting is absent. */
  public static final int DEFAULT_MIN_GROUP = 5;

  /** The value a too-small group of candidates is bucketed into. */
  public static final String OTHER = "other";

  /** An answer whose STAR completeness is below this counts as low. */
  static final double LOW_STAR = 0.5;

  /** The session columns whose small groups are bucketed into {@value #OTHER}. */
  static final List<String> BUCKETED = List.of("interviewType", "role", "seniority", "language");

  /** Columns of the session specs that may be absent; they read as null then. */
  static final List<String> SPEC_COLUMNS =
      List.of("seniority", "language", "startedAt", "completedAt");

  /** The HMAC-SHA-256 of {@code value} under {@code salt}, in lower-case hex. */
  public static String pseudonym(String salt, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256 in this JVM", e);
    }
  }

  /** The pseudonym of the column's value; null stays null. */
  static Column pseudonym(String salt, Column value) {
    if (salt == null || salt.isBlank()) {
      throw new IllegalArgumentException("the analytics salt is empty");
    }
    UDF1<String, String> hmac = v -> v == null ? null : pseudonym(salt, v);
    return udf(hmac, DataTypes.StringType).apply(value);
  }

  private static Column day(Column time) {
    return date_trunc("day", time);
  }

  /**
   * One row per assessed session ({@code AnalyticsSessionDocument}).
   *
   * @param assessed rows of {@code gold/assessments}: {@code sessionId}, {@code userId}, {@code
   *     interviewType}, {@code role}, the scores, the averages, {@code answerCount}, {@code
   *     answeredAt}, {@code overallRankAll}
   * @param specs the sessions' {@code sessionId} with any of {@code seniority}, {@code language},
   *     {@code startedAt}, {@code completedAt}, where known
   * @param members cohort membership: {@code userId}, {@code cohortId}
   */
  public static Dataset<Row> sessions(
      Dataset<Row> assessed,
      Optional<Dataset<Row>> specs,
      Optional<Dataset<Row>> members,
      String salt,
      int minGroup,
      String batchId,
      String computedAt) {
    Dataset<Row> rows = withSpecs(assessed, specs);
    rows = withCohort(rows, members, minGroup);
    for (String column : BUCKETED) {
      rows = bucketed(rows, column, minGroup);
    }
    rows = enoughCandidates(rows, minGroup);
    List<Column> out = new ArrayList<>();
    out.add(pseudonym(salt, col("userId")).as("candidateKey"));
    out.add(pseudonym(salt, col("sessionId")).as("sessionKey"));
    out.add(coalesce(col("interviewType"), lit(OTHER)).as("interviewType"));
    out.add(col("role"));
    out.add(col("seniority"));
    out.add(col("language"));
    out.add(col("cohortId"));
    out.add(day(col("answeredAt")).as("day"));
    out.add(day(col("startedAt")).as("startedDay"));
    out.add(day(col("completedAt")).as("completedDay"));
    out.add(col("completedAt").isNotNull().as("completed"));
    out.add(col("answerCount").cast("int").as("answerCount"));
    out.add(col(Scores.OVERALL).cast("double").as(Scores.OVERALL));
    for (String group : DimensionGroup.wireNames()) {
      out.add(col(group).cast("double").as(group));
    }
    out.add(col("averageWordsPerMinute").cast("double").as("averageWordsPerMinute"));
    out.add(col("averageFillersPerMinute").cast("double").as("fillersPerMinute"));
    out.add(col("averagePauseRatio").cast("double").as("pauseRatio"));
    out.add(col("averageResponseLatencyMs").cast("double").as("responseLatencyMs"));
    out.add(col("starCompleteness").cast("double").as("starCompleteness"));
    out.add(col("overallRankAll").cast("double").as("overallRankAll"));
    out.add(lit(batchId).as("batchId"));
    out.add(lit(computedAt).cast("timestamp").as("computedAt"));
    return rows.select(out.toArray(Column[]::new));
  }

  /**
   * One row per question and UTC day ({@code AnalyticsQuestionDocument}), for the pairs answered by
   * at least {@code minGroup} candidates.
   *
   * @param scoredAnswers the answers with their dimension scores ({@link
   *     Assessments#scoreAnswers}): {@code userId}, {@code questionId}, {@code questionType},
   *     {@code interviewType}, {@code starCompleteness}, {@code at}, the dimensions
   */
  public static Dataset<Row> questions(
      Dataset<Row> scoredAnswers, int minGroup, String batchId, String computedAt) {
    Column score = Assessments.mean(Assessments.DIMENSIONS);
    Column meanScore = round(avg(col("answerScore")), 1);
    return scoredAnswers
        .filter(col("questionId").isNotNull())
        .withColumn("answerScore", score)
        .withColumn("interviewType", coalesce(col("interviewType"), lit("mixed")))
        .withColumn("questionType", coalesce(col("questionType"), col("interviewType")))
        .withColumn("day", day(col("at")))
        .groupBy(col("questionId"), col("questionType"), col("interviewType"), col("day"))
        .agg(
            count("*").as("answers"),
            countDistinct("userId").as("candidates"),
            meanScore.as("meanScore"),
            round(coalesce(stddev_pop(col("answerScore")), lit(0.0)), 1).as("scoreStd"),
            round(avg(col("starCompleteness")), 3).as("meanStarCompleteness"),
            round(avg(when(col("starCompleteness").lt(LOW_STAR), lit(1.0)).otherwise(lit(0.0))), 3)
                .as("lowStarShare"))
        .filter(col("candidates").geq(minGroup).and(col("meanScore").isNotNull()))
        .withColumn("difficulty", round(lit(100.0).minus(col("meanScore")), 1))
        .withColumn(
            "difficultyBand",
            when(col("difficulty").lt(35), lit("easy"))
                .when(col("difficulty").lt(65), lit("medium"))
                .otherwise(lit("hard")))
        .select(
            col("questionId"),
            col("questionType"),
            col("interviewType"),
            col("day"),
            col("answers"),
            col("candidates"),
            col("meanScore"),
            col("scoreStd"),
            col("difficulty"),
            col("difficultyBand"),
            col("meanStarCompleteness"),
            col("lowStarShare"),
            lit(batchId).as("batchId"),
            lit(computedAt).cast("timestamp").as("computedAt"));
  }

  /**
   * One row per session of a member of a cohort with at least {@code minGroup} members who have
   * sessions ({@code AnalyticsCohortProgressDocument}): the member's how-manyth session it is, and
   * its overall score's percentile rank within the cohort. A candidate in two cohorts has rows in
   * each.
   *
   * @param assessed rows of {@code gold/assessments}, as for {@link #sessions}
   * @param members cohort membership: {@code userId}, {@code cohortId}
   */
  public static Dataset<Row> cohortProgress(
      Dataset<Row> assessed,
      Dataset<Row> members,
      String salt,
      int minGroup,
      String batchId,
      String computedAt) {
    Dataset<Row> joined =
        assessed.join(members.select("userId", "cohortId").distinct(), "userId", "inner");
    Dataset<Row> sizes =
        joined.groupBy("cohortId").agg(countDistinct("userId").as("cohortMembers"));
    Dataset<Row> published =
        joined.join(sizes, "cohortId").filter(col("cohortMembers").geq(minGroup));
    Column rankCohort =
        when(col(Scores.OVERALL).isNull(), lit(null).cast("double"))
            .otherwise(
                round(
                    percent_rank()
                        .over(
                            Window.partitionBy(col("cohortId"), col(Scores.OVERALL).isNull())
                                .orderBy(col(Scores.OVERALL)))
                        .multiply(100),
                    1));
    List<Column> out = new ArrayList<>();
    out.add(col("cohortId"));
    out.add(pseudonym(salt, col("userId")).as("candidateKey"));
    out.add(pseudonym(salt, col("sessionId")).as("sessionKey"));
    out.add(
        row_number()
            .over(
                Window.partitionBy(col("cohortId"), col("userId"))
                    .orderBy(col("answeredAt"), col("sessionId")))
            .as("sessionNumber"));
    out.add(day(col("answeredAt")).as("day"));
    out.add(coalesce(col("interviewType"), lit(OTHER)).as("interviewType"));
    out.add(col(Scores.OVERALL).cast("double").as(Scores.OVERALL));
    for (String group : DimensionGroup.wireNames()) {
      out.add(col(group).cast("double").as(group));
    }
    out.add(col("starCompleteness").cast("double").as("starCompleteness"));
    out.add(col("overallRankAll").cast("double").as("overallRankAll"));
    out.add(rankCohort.as("overallRankCohort"));
    out.add(col("cohortMembers"));
    out.add(lit(batchId).as("batchId"));
    out.add(lit(computedAt).cast("timestamp").as("computedAt"));
    return published.select(out.toArray(Column[]::new));
  }

  /** The assessed rows with the spec columns, null where unknown. */
  private static Dataset<Row> withSpecs(Dataset<Row> assessed, Optional<Dataset<Row>> specs) {
    Dataset<Row> rows = assessed;
    if (specs.isPresent()) {
      List<String> present = List.of(specs.get().columns());
      List<Column> kept = new ArrayList<>(List.of(col("sessionId")));
      SPEC_COLUMNS.stream().filter(present::contains).forEach(c -> kept.add(col(c)));
      rows = rows.join(specs.get().select(kept.toArray(Column[]::new)), "sessionId", "left");
    }
    for (String column : SPEC_COLUMNS) {
      if (!List.of(rows.columns()).contains(column)) {
        rows =
            rows.withColumn(
                column,
                lit(null)
                    .cast(column.endsWith("At") ? DataTypes.TimestampType : DataTypes.StringType));
      }
    }
    if (!List.of(rows.columns()).contains("role")) {
      rows = rows.withColumn("role", lit(null).cast(DataTypes.StringType));
    }
    if (!List.of(rows.columns()).contains("overallRankAll")) {
      rows = rows.withColumn("overallRankAll", lit(null).cast(DataTypes.DoubleType));
    }
    return rows;
  }

  /**
   * Adds each session's {@code cohortId}: the first by name of its candidate's cohorts with at
   * least {@code minGroup} members who have sessions; null when none.
   */
  private static Dataset<Row> withCohort(
      Dataset<Row> rows, Optional<Dataset<Row>> members, int minGroup) {
    if (members.isEmpty()) {
      return rows.withColumn("cohortId", lit(null).cast(DataTypes.StringType));
    }
    Dataset<Row> membership =
        members
            .get()
            .select("userId", "cohortId")
            .distinct()
            .join(rows.select("userId").distinct(), "userId", "left_semi");
    Dataset<Row> large =
        membership
            .groupBy("cohortId")
            .agg(countDistinct("userId").as("size"))
            .filter(col("size").geq(minGroup))
            .select("cohortId");
    Dataset<Row> firstCohort =
        membership.join(large, "cohortId").groupBy("userId").agg(min("cohortId").as("cohortId"));
    return rows.join(firstCohort, "userId", "left");
  }

  /** Replaces the values of {@code column} held by fewer than {@code minGroup} candidates. */
  private static Dataset<Row> bucketed(Dataset<Row> rows, String column, int minGroup) {
    String size = "candidatesWith_" + column;
    Dataset<Row> sizes =
        rows.filter(col(column).isNotNull())
            .groupBy(col(column))
            .agg(countDistinct("userId").as(size));
    return rows.join(sizes, column, "left")
        .withColumn(
            column,
            when(col(column).isNull(), lit(null).cast(DataTypes.StringType))
                .when(col(size).geq(minGroup), col(column))
                .otherwise(lit(OTHER)))
        .drop(size);
  }

  /** The rows, or none when they hold fewer than {@code minGroup} candidates in all. */
  private static Dataset<Row> enoughCandidates(Dataset<Row> rows, int minGroup) {
    Dataset<Row> total = rows.agg(countDistinct("userId").as("allCandidates"));
    return rows.crossJoin(total).filter(col("allCandidates").geq(minGroup)).drop("allCandidates");
  }
}
