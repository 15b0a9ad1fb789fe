package dev.rehearse.batch.jobs;

import dev.rehearse.batch.BatchRunner;
import dev.rehearse.batch.transforms.AnalyticsRows;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.core.cohort.CohortRecordFields;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.search.Indices;
import dev.rehearse.search.documents.SessionDocumentFields;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The analytics batch: the three pseudonymised analytics indices analysts' Kibana reads ({@code
 * analytics-sessions}, {@code analytics-questions}, {@code analytics-cohort-progress}) rebuilt from
 * the lake's assessments and answers ({@link AnalyticsRows}), each into a new index version whose
 * alias is then swapped, so a rebuild drops what the lake no longer holds (an erased user's
 * sessions). A session's seniority, language, start and completion come from the {@code sessions}
 * index, cohort membership from the cohorts topic. Run on its own ({@code ./rehearse batch
 * analytics}), after assessments.
 */
public final class AnalyticsJob {

  /** A session's spec as the {@code sessions} index holds it, where known. */
  public record SessionSpec(
      String sessionId,
      Optional<String> seniority,
      Optional<String> language,
      Optional<Instant> startedAt,
      Optional<Instant> completedAt) {}

  /** The rows of the three indices. */
  public record Rows(Dataset<Row> sessions, Dataset<Row> questions, Dataset<Row> cohortProgress) {}

  private final Lake lake;
  private final SearchIndex index;
  private final Supplier<List<CohortLog.Membership>> members;
  private final AnalyticsSettings settings;

  /**
   * @param index where the session specs are read and the analytics indices written
   * @param members the current cohort memberships ({@link CohortLog#members()})
   */
  public AnalyticsJob(
      Lake lake,
      SearchIndex index,
      Supplier<List<CohortLog.Membership>> members,
      AnalyticsSettings settings) {
    this.lake = lake;
    this.index = index;
    this.members = members;
    this.settings = settings;
  }

  /**
   * Runs the job from the lake: {@code gold/assessments} as the last assessment left it, and the
   * bronze answers. Returns the number of documents written; none before the first assessment.
   */
  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    settings.requireSalt();
    Optional<Dataset<Row>> assessed = lake.read(LakeDatasets.GOLD_ASSESSMENTS, true);
    Optional<Dataset<Row>> answers = lake.read(LakeDatasets.BRONZE_ANSWERS, true);
    if (assessed.isEmpty() || answers.isEmpty()) {
      progress.step("nothing assessed yet: run ./rehearse batch assess first", 1.0);
      return 0;
    }
    progress.step("scoring the answers", 0.1);
    Dataset<Row> answerScores = Assessments.scoreAnswers(answers.get()).cache();
    try {
      return publish(assessed.get(), answerScores, request.batchId(), progress, 0.3);
    } finally {
      answerScores.unpersist();
    }
  }

  /**
   * Rebuilds the analytics indices from assessed sessions (rows of {@code gold/assessments}) and
   * scored answers ({@link Assessments#scoreAnswers}); reports its steps from {@code done} on.
   * Returns the number of documents written.
   */
  public long publish(
      Dataset<Row> assessed,
      Dataset<Row> answerScores,
      String batchId,
      BatchRunner.Progress progress,
      double done)
      throws IOException {
    String salt = settings.requireSalt();
    progress.step("analytics: reading session specs and cohorts", done);
    List<String> sessionIds =
        assessed
            .select(AssessmentKeyFields.SESSION_ID)
            .distinct()
            .as(Encoders.STRING())
            .collectAsList();
    List<SessionSpec> specs = index.sessionSpecs(sessionIds);
    List<CohortLog.Membership> memberships = members.get();
    Rows rows =
        rows(
            assessed,
            answerScores,
            specs,
            memberships,
            salt,
            settings.minGroup(),
            batchId,
            Instant.now().toString());
    double step = (1 - done) / 3;
    progress.step("analytics: rebuilding " + Indices.ANALYTICS_SESSIONS.alias(), done + step * 0.5);
    long written =
        index.rebuild(Indices.ANALYTICS_SESSIONS, rows.sessions(), AnalyticsDocuments::session);
    progress.step("analytics: rebuilding " + Indices.ANALYTICS_QUESTIONS.alias(), done + step);
    written +=
        index.rebuild(Indices.ANALYTICS_QUESTIONS, rows.questions(), AnalyticsDocuments::question);
    progress.step(
        "analytics: rebuilding " + Indices.ANALYTICS_COHORT_PROGRESS.alias(), done + step * 2);
    written +=
        index.rebuild(
            Indices.ANALYTICS_COHORT_PROGRESS,
            rows.cohortProgress(),
            AnalyticsDocuments::cohortProgress);
    return written;
  }

  /** The rows of the three indices, from the lake's rows, the specs and the memberships. */
  static Rows rows(
      Dataset<Row> assessed,
      Dataset<Row> answerScores,
      List<SessionSpec> specs,
      List<CohortLog.Membership> memberships,
      String salt,
      int minGroup,
      String batchId,
      String computedAt) {
    SparkSession spark = assessed.sparkSession();
    Dataset<Row> specRows = specRows(spark, specs);
    Dataset<Row> memberRows = memberRows(spark, memberships);
    return new Rows(
        AnalyticsRows.sessions(
            assessed,
            Optional.of(specRows),
            Optional.of(memberRows),
            salt,
            minGroup,
            batchId,
            computedAt),
        AnalyticsRows.questions(answerScores, minGroup, batchId, computedAt),
        AnalyticsRows.cohortProgress(assessed, memberRows, salt, minGroup, batchId, computedAt));
  }

  /** The specs as rows named as the {@code sessions} index names them. */
  static Dataset<Row> specRows(SparkSession spark, List<SessionSpec> specs) {
    StructType schema =
        new StructType()
            .add(SessionDocumentFields.SESSION_ID, DataTypes.StringType, false)
            .add(SessionDocumentFields.SENIORITY, DataTypes.StringType, true)
            .add(SessionDocumentFields.LANGUAGE, DataTypes.StringType, true)
            .add(SessionDocumentFields.STARTED_AT, DataTypes.TimestampType, true)
            .add(SessionDocumentFields.COMPLETED_AT, DataTypes.TimestampType, true);
    List<Row> rows =
        specs.stream()
            .map(
                s ->
                    RowFactory.create(
                        s.sessionId(),
                        s.seniority().orElse(null),
                        s.language().orElse(null),
                        s.startedAt().map(Timestamp::from).orElse(null),
                        s.completedAt().map(Timestamp::from).orElse(null)))
            .toList();
    return spark.createDataFrame(rows, schema);
  }

  /** The memberships as rows named as a cohort's member record names them. */
  static Dataset<Row> memberRows(SparkSession spark, List<CohortLog.Membership> memberships) {
    StructType schema =
        new StructType()
            .add(CohortRecordFields.Member.USER_ID, DataTypes.StringType, false)
            .add(CohortRecordFields.Member.COHORT_ID, DataTypes.StringType, false);
    List<Row> rows =
        memberships.stream().map(m -> RowFactory.create(m.userId(), m.cohortId())).toList();
    return spark.createDataFrame(rows, schema);
  }
}
