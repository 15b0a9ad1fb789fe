package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.cohort.CohortRecordFields;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.AssessmentStatisticsFields;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.search.documents.AnalyticsCohortProgressDocumentFields;
import dev.rehearse.search.documents.AnalyticsQuestionDocumentFields;
import dev.rehearse.search.documents.AnalyticsSessionDocumentFields;
import dev.rehearse.search.documents.SessionDocumentFields;
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
import org.apache.spark.sql.expressions.WindowSpec;
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
  static final List<String> BUCKETED =
      List.of(
          AnalyticsSessionDocumentFields.INTERVIEW_TYPE,
          AnalyticsSessionDocumentFields.ROLE,
          AnalyticsSessionDocumentFields.SENIORITY,
          AnalyticsSessionDocumentFields.LANGUAGE);

  /** Columns of the session specs that may be absent; they read as null then. */
  static final List<String> SPEC_COLUMNS =
      List.of(
          SessionDocumentFields.SENIORITY,
          SessionDocumentFields.LANGUAGE,
          SessionDocumentFields.STARTED_AT,
          SessionDocumentFields.COMPLETED_AT);

  /** The timestamp columns among {@link #SPEC_COLUMNS}. */
  private static final List<String> SPEC_TIMES =
      List.of(SessionDocumentFields.STARTED_AT, SessionDocumentFields.COMPLETED_AT);

  /** The unit {@code date_trunc} takes for a whole day. */
  private static final String WHOLE_DAY = "dd";

  /** A computed column of {@link #questions}: one answer's score. */
  private static final String ANSWER_SCORE = "answerScore";

  /** A computed column: the distinct candidates of a cohort, before the minimum group applies. */
  private static final String MEMBER_COUNT = "memberCount";

  /** A computed column: the distinct candidates of all the rows. */
  private static final String ALL_CANDIDATES = "allCandidates";

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
    return date_trunc(WHOLE_DAY, time);
  }

  /**
   * One row per assessed session ({@code AnalyticsSessionDocument}).
   *
   * @param assessed rows of {@code gold/assessments}: {@code sessionId}, {@code userId}, {@code
   *     interviewType}, {@code role}, the scores, the averages, {@code answerCount}, {@code
   *     answeredAt}, {@code overallRankAll}
   * @param specs the sessions' {@code sessionId} with any of {@code seniority}, {@code language},
   *     {@code startedAt}, {@code completedAt} (named as in the {@code sessions} index), where
   *     known
   * @param members cohort membership: {@code userId}, {@code cohortId} (named as in a cohort's
   *     member record)
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
    out.add(
        pseudonym(salt, col(AssessmentKeyFields.USER_ID))
            .as(AnalyticsSessionDocumentFields.CANDIDATE_KEY));
    out.add(
        pseudonym(salt, col(AssessmentKeyFields.SESSION_ID))
            .as(AnalyticsSessionDocumentFields.SESSION_KEY));
    out.add(
        coalesce(col(AssessmentKeyFields.INTERVIEW_TYPE), lit(OTHER))
            .as(AnalyticsSessionDocumentFields.INTERVIEW_TYPE));
    out.add(col(AnalyticsSessionDocumentFields.ROLE));
    out.add(col(AnalyticsSessionDocumentFields.SENIORITY));
    out.add(col(AnalyticsSessionDocumentFields.LANGUAGE));
    out.add(col(AnalyticsSessionDocumentFields.COHORT_ID));
    out.add(
        day(col(AssessmentStatisticsFields.ANSWERED_AT)).as(AnalyticsSessionDocumentFields.DAY));
    out.add(
        day(col(SessionDocumentFields.STARTED_AT)).as(AnalyticsSessionDocumentFields.STARTED_DAY));
    out.add(
        day(col(SessionDocumentFields.COMPLETED_AT))
            .as(AnalyticsSessionDocumentFields.COMPLETED_DAY));
    out.add(
        col(SessionDocumentFields.COMPLETED_AT)
            .isNotNull()
            .as(AnalyticsSessionDocumentFields.COMPLETED));
    out.add(
        col(AssessmentStatisticsFields.ANSWER_COUNT)
            .cast("int")
            .as(AnalyticsSessionDocumentFields.ANSWER_COUNT));
    out.add(col(Scores.OVERALL).cast("double").as(Scores.OVERALL));
    for (String group : DimensionGroup.wireNames()) {
      out.add(col(group).cast("double").as(group));
    }
    out.add(
        col(AssessmentStatisticsFields.AVERAGE_WORDS_PER_MINUTE)
            .cast("double")
            .as(AnalyticsSessionDocumentFields.AVERAGE_WORDS_PER_MINUTE));
    out.add(
        col(AssessmentStatisticsFields.AVERAGE_FILLERS_PER_MINUTE)
            .cast("double")
            .as(AnalyticsSessionDocumentFields.FILLERS_PER_MINUTE));
    out.add(
        col(AssessmentStatisticsFields.AVERAGE_PAUSE_RATIO)
            .cast("double")
            .as(AnalyticsSessionDocumentFields.PAUSE_RATIO));
    out.add(
        col(AssessmentStatisticsFields.AVERAGE_RESPONSE_LATENCY_MS)
            .cast("double")
            .as(AnalyticsSessionDocumentFields.RESPONSE_LATENCY_MS));
    out.add(
        col(AssessmentStatisticsFields.STAR_COMPLETENESS)
            .cast("double")
            .as(AnalyticsSessionDocumentFields.STAR_COMPLETENESS));
    out.add(
        col(AssessmentStatisticsFields.OVERALL_RANK_ALL)
            .cast("double")
            .as(AnalyticsSessionDocumentFields.OVERALL_RANK_ALL));
    out.add(lit(batchId).as(AnalyticsSessionDocumentFields.BATCH_ID));
    out.add(lit(computedAt).cast("timestamp").as(AnalyticsSessionDocumentFields.COMPUTED_AT));
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
    Column meanScore = round(avg(col(ANSWER_SCORE)), 1);
    Column star = col(BronzeAnswerFields.STAR_COMPLETENESS);
    return scoredAnswers
        .filter(col(BronzeAnswerFields.QUESTION_ID).isNotNull())
        .withColumn(ANSWER_SCORE, score)
        .withColumn(
            AnalyticsQuestionDocumentFields.INTERVIEW_TYPE,
            coalesce(col(BronzeAnswerFields.INTERVIEW_TYPE), lit("mixed")))
        .withColumn(
            AnalyticsQuestionDocumentFields.QUESTION_TYPE,
            coalesce(
                col(BronzeAnswerFields.QUESTION_TYPE),
                col(AnalyticsQuestionDocumentFields.INTERVIEW_TYPE)))
        .withColumn(AnalyticsQuestionDocumentFields.DAY, day(col(BronzeAnswerFields.AT)))
        .groupBy(
            col(AnalyticsQuestionDocumentFields.QUESTION_ID),
            col(AnalyticsQuestionDocumentFields.QUESTION_TYPE),
            col(AnalyticsQuestionDocumentFields.INTERVIEW_TYPE),
            col(AnalyticsQuestionDocumentFields.DAY))
        .agg(
            count("*").as(AnalyticsQuestionDocumentFields.ANSWERS),
            countDistinct(BronzeAnswerFields.USER_ID)
                .as(AnalyticsQuestionDocumentFields.CANDIDATES),
            meanScore.as(AnalyticsQuestionDocumentFields.MEAN_SCORE),
            round(coalesce(stddev_pop(col(ANSWER_SCORE)), lit(0.0)), 1)
                .as(AnalyticsQuestionDocumentFields.SCORE_STD),
            round(avg(star), 3).as(AnalyticsQuestionDocumentFields.MEAN_STAR_COMPLETENESS),
            round(avg(when(star.lt(LOW_STAR), lit(1.0)).otherwise(lit(0.0))), 3)
                .as(AnalyticsQuestionDocumentFields.LOW_STAR_SHARE))
        .filter(
            col(AnalyticsQuestionDocumentFields.CANDIDATES)
                .geq(minGroup)
                .and(col(AnalyticsQuestionDocumentFields.MEAN_SCORE).isNotNull()))
        .withColumn(
            AnalyticsQuestionDocumentFields.DIFFICULTY,
            round(lit(100.0).minus(col(AnalyticsQuestionDocumentFields.MEAN_SCORE)), 1))
        .withColumn(
            AnalyticsQuestionDocumentFields.DIFFICULTY_BAND,
            when(col(AnalyticsQuestionDocumentFields.DIFFICULTY).lt(35), lit("easy"))
                .when(col(AnalyticsQuestionDocumentFields.DIFFICULTY).lt(65), lit("medium"))
                .otherwise(lit("hard")))
        .select(
            col(AnalyticsQuestionDocumentFields.QUESTION_ID),
            col(AnalyticsQuestionDocumentFields.QUESTION_TYPE),
            col(AnalyticsQuestionDocumentFields.INTERVIEW_TYPE),
            col(AnalyticsQuestionDocumentFields.DAY),
            col(AnalyticsQuestionDocumentFields.ANSWERS),
            col(AnalyticsQuestionDocumentFields.CANDIDATES),
            col(AnalyticsQuestionDocumentFields.MEAN_SCORE),
            col(AnalyticsQuestionDocumentFields.SCORE_STD),
            col(AnalyticsQuestionDocumentFields.DIFFICULTY),
            col(AnalyticsQuestionDocumentFields.DIFFICULTY_BAND),
            col(AnalyticsQuestionDocumentFields.MEAN_STAR_COMPLETENESS),
            col(AnalyticsQuestionDocumentFields.LOW_STAR_SHARE),
            lit(batchId).as(AnalyticsQuestionDocumentFields.BATCH_ID),
            lit(computedAt).cast("timestamp").as(AnalyticsQuestionDocumentFields.COMPUTED_AT));
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
    String cohortId = CohortRecordFields.Member.COHORT_ID;
    String userId = AssessmentKeyFields.USER_ID;
    Dataset<Row> joined =
        assessed.join(
            members.select(CohortRecordFields.Member.USER_ID, cohortId).distinct(),
            userId,
            "inner");
    Dataset<Row> published =
        joined
            .withColumn(
                AnalyticsCohortProgressDocumentFields.COHORT_MEMBERS,
                candidates(Window.partitionBy(col(cohortId))))
            .filter(col(AnalyticsCohortProgressDocumentFields.COHORT_MEMBERS).geq(minGroup));
    Column rankCohort =
        when(col(Scores.OVERALL).isNull(), lit(null).cast("double"))
            .otherwise(
                round(
                    percent_rank()
                        .over(
                            Window.partitionBy(col(cohortId), col(Scores.OVERALL).isNull())
                                .orderBy(col(Scores.OVERALL)))
                        .multiply(100),
                    1));
    List<Column> out = new ArrayList<>();
    out.add(col(cohortId).as(AnalyticsCohortProgressDocumentFields.COHORT_ID));
    out.add(pseudonym(salt, col(userId)).as(AnalyticsCohortProgressDocumentFields.CANDIDATE_KEY));
    out.add(
        pseudonym(salt, col(AssessmentKeyFields.SESSION_ID))
            .as(AnalyticsCohortProgressDocumentFields.SESSION_KEY));
    out.add(
        row_number()
            .over(
                Window.partitionBy(col(cohortId), col(userId))
                    .orderBy(
                        col(AssessmentStatisticsFields.ANSWERED_AT),
                        col(AssessmentKeyFields.SESSION_ID)))
            .as(AnalyticsCohortProgressDocumentFields.SESSION_NUMBER));
    out.add(
        day(col(AssessmentStatisticsFields.ANSWERED_AT))
            .as(AnalyticsCohortProgressDocumentFields.DAY));
    out.add(
        coalesce(col(AssessmentKeyFields.INTERVIEW_TYPE), lit(OTHER))
            .as(AnalyticsCohortProgressDocumentFields.INTERVIEW_TYPE));
    out.add(col(Scores.OVERALL).cast("double").as(Scores.OVERALL));
    for (String group : DimensionGroup.wireNames()) {
      out.add(col(group).cast("double").as(group));
    }
    out.add(
        col(AssessmentStatisticsFields.STAR_COMPLETENESS)
            .cast("double")
            .as(AnalyticsCohortProgressDocumentFields.STAR_COMPLETENESS));
    out.add(
        col(AssessmentStatisticsFields.OVERALL_RANK_ALL)
            .cast("double")
            .as(AnalyticsCohortProgressDocumentFields.OVERALL_RANK_ALL));
    out.add(rankCohort.as(AnalyticsCohortProgressDocumentFields.OVERALL_RANK_COHORT));
    out.add(col(AnalyticsCohortProgressDocumentFields.COHORT_MEMBERS));
    out.add(lit(batchId).as(AnalyticsCohortProgressDocumentFields.BATCH_ID));
    out.add(
        lit(computedAt).cast("timestamp").as(AnalyticsCohortProgressDocumentFields.COMPUTED_AT));
    return published.select(out.toArray(Column[]::new));
  }

  /** The assessed rows with the spec columns, null where unknown. */
  private static Dataset<Row> withSpecs(Dataset<Row> assessed, Optional<Dataset<Row>> specs) {
    Dataset<Row> rows = assessed;
    if (specs.isPresent()) {
      List<String> present = List.of(specs.get().columns());
      List<Column> kept = new ArrayList<>(List.of(col(SessionDocumentFields.SESSION_ID)));
      SPEC_COLUMNS.stream().filter(present::contains).forEach(c -> kept.add(col(c)));
      rows =
          rows.join(
              specs.get().select(kept.toArray(Column[]::new)),
              AssessmentKeyFields.SESSION_ID,
              "left");
    }
    for (String column : SPEC_COLUMNS) {
      if (!List.of(rows.columns()).contains(column)) {
        rows =
            rows.withColumn(
                column,
                lit(null)
                    .cast(
                        SPEC_TIMES.contains(column)
                            ? DataTypes.TimestampType
                            : DataTypes.StringType));
      }
    }
    if (!List.of(rows.columns()).contains(AssessmentKeyFields.ROLE)) {
      rows = rows.withColumn(AssessmentKeyFields.ROLE, lit(null).cast(DataTypes.StringType));
    }
    if (!List.of(rows.columns()).contains(AssessmentStatisticsFields.OVERALL_RANK_ALL)) {
      rows =
          rows.withColumn(
              AssessmentStatisticsFields.OVERALL_RANK_ALL, lit(null).cast(DataTypes.DoubleType));
    }
    return rows;
  }

  /**
   * Adds each session's {@code cohortId}: the first by name of its candidate's cohorts with at
   * least {@code minGroup} members who have sessions; null when none.
   */
  private static Dataset<Row> withCohort(
      Dataset<Row> rows, Optional<Dataset<Row>> members, int minGroup) {
    String cohortId = CohortRecordFields.Member.COHORT_ID;
    String userId = AssessmentKeyFields.USER_ID;
    if (members.isEmpty()) {
      return rows.withColumn(
          AnalyticsSessionDocumentFields.COHORT_ID, lit(null).cast(DataTypes.StringType));
    }
    Dataset<Row> membership =
        members
            .get()
            .select(CohortRecordFields.Member.USER_ID, cohortId)
            .distinct()
            .join(rows.select(userId).distinct(), userId, "left_semi");
    Dataset<Row> large =
        membership
            .groupBy(cohortId)
            .agg(countDistinct(userId).as(MEMBER_COUNT))
            .filter(col(MEMBER_COUNT).geq(minGroup))
            .select(cohortId);
    Dataset<Row> firstCohort =
        membership
            .join(large, cohortId)
            .groupBy(userId)
            .agg(min(cohortId).as(AnalyticsSessionDocumentFields.COHORT_ID));
    return rows.join(firstCohort, userId, "left");
  }

  /**
   * The number of distinct candidates in each window of the rows. A window, not a join with an
   * aggregate of the same rows: each such self-join doubles the plan Spark must analyse, and a few
   * of them in a row made planning the analytics rows take minutes and most of the heap.
   */
  private static Column candidates(WindowSpec window) {
    return size(collect_set(col(AssessmentKeyFields.USER_ID)).over(window));
  }

  /** Replaces the values of {@code column} held by fewer than {@code minGroup} candidates. */
  private static Dataset<Row> bucketed(Dataset<Row> rows, String column, int minGroup) {
    return rows.withColumn(
        column,
        when(col(column).isNull(), lit(null).cast(DataTypes.StringType))
            .when(candidates(Window.partitionBy(col(column))).geq(minGroup), col(column))
            .otherwise(lit(OTHER)));
  }

  /** The rows, or none when they hold fewer than {@code minGroup} candidates in all. */
  private static Dataset<Row> enoughCandidates(Dataset<Row> rows, int minGroup) {
    return rows.withColumn(ALL_CANDIDATES, candidates(Window.partitionBy()))
        .filter(col(ALL_CANDIDATES).geq(minGroup))
        .drop(ALL_CANDIDATES);
  }
}
