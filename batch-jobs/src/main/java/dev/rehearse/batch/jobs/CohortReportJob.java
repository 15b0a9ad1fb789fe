package dev.rehearse.batch.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.rehearse.batch.BatchRunner;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.batch.transforms.Benchmarks;
import dev.rehearse.batch.transforms.CohortReport;
import dev.rehearse.batch.transforms.PdfReport;
import dev.rehearse.batch.transforms.ReportContent;
import dev.rehearse.batch.transforms.ReportFiles;
import dev.rehearse.batch.transforms.Rubrics;
import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.BenchmarkFields;
import dev.rehearse.core.lake.CohortMemberFields;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.search.documents.AssessmentDocumentFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The cohort report batch: the members' sessions in the window assessed and benchmarked against the
 * cohort (into the {@code assessments} and {@code benchmarks} indices), and one row per member
 * written under {@code reports/<cohort>/<batch>/} as {@code members.csv}, {@code members.parquet/},
 * {@code report.html} and {@code report.pdf}. A re-run of the same batch overwrites its own files
 * and documents.
 */
public final class CohortReportJob {

  private final SparkSession spark;
  private final Lake lake;
  private final SearchIndex index;
  private final Map<String, Map<String, Double>> builtInRubrics;
  private final int minGroup;
  private final Optional<LlmFeedback> llm;

  /** What ranking the cohort against everyone reads of the stored assessments. */
  private static final List<String> REUSED =
      Stream.concat(
              Stream.of(
                  AssessmentKeyFields.SESSION_ID,
                  AssessmentKeyFields.USER_ID,
                  AssessmentKeyFields.INTERVIEW_TYPE,
                  AssessmentKeyFields.ROLE,
                  Scores.OVERALL),
              DimensionGroup.wireNames().stream())
          .toList();

  /**
   * @param builtInRubrics the rubrics by interview type, for cohorts without their own
   * @param minGroup groups with fewer candidates are not ranked against or published
   * @param llm writes the feedback when present (the offline assessor where it fails)
   */
  public CohortReportJob(
      SparkSession spark,
      Lake lake,
      SearchIndex index,
      Map<String, Map<String, Double>> builtInRubrics,
      int minGroup,
      Optional<LlmFeedback> llm) {
    this.spark = spark;
    this.lake = lake;
    this.index = index;
    this.builtInRubrics = Map.copyOf(builtInRubrics);
    this.minGroup = minGroup;
    this.llm = llm;
  }

  /**
   * Runs the job: the members' sessions in the window are assessed (ranked against everyone and
   * against the cohort), the cohort's benchmarks published, and the report written. Returns the
   * number of members reported.
   */
  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    String cohortId =
        request.cohortId().orElseThrow(() -> new IllegalArgumentException("no cohort id"));
    // the members' answers in the window; none (no members, no lake yet, or no sessions) skips the
    // assessment, and no members skips reading the lake
    Optional<Dataset<Row>> read =
        (request.userIds().isEmpty()
                ? Optional.<Dataset<Row>>empty()
                : lake.read(LakeDatasets.BRONZE_ANSWERS, true))
            .map(a -> CohortReport.window(a, request.userIds(), request.from(), request.to()))
            .map(Dataset::cache);
    Optional<Dataset<Row>> windowed = read.filter(w -> !w.isEmpty());
    if (read.isPresent() && windowed.isEmpty()) {
      // an empty window stays cached otherwise: the long-lived runner would keep one per report,
      // and every later query is planned against all of them
      read.get().unpersist();
    }
    Dataset<Row> members;
    ReportContent report;
    String title = "Cohort report: " + cohortId;
    String window =
        "from "
            + request.from().map(Object::toString).orElse("the start")
            + " to "
            + request.to().map(Object::toString).orElse("today")
            + (request.rubric().isEmpty()
                ? ""
                : "; overall scores weighted by the cohort's rubric ("
                    + Rubrics.text(request.rubric())
                    + ")");
    Map<String, Map<String, Double>> rubrics = Rubrics.forBatch(builtInRubrics, request.rubric());
    if (windowed.isEmpty()) {
      members =
          CohortReport.withScores(
              CohortReport.members(CohortReport.emptyAnswers(spark), request.userIds()),
              CohortReport.emptyAssessed(spark));
      report = content(title, window, members, CohortReport.emptyAssessed(spark));
    } else {
      progress.step("assessing the members' sessions", 0.1);
      Dataset<Row> assessed =
          assess(windowed.get(), cohortId, rubrics, !request.rubric().isEmpty()).cache();
      try {
        members =
            CohortReport.withScores(
                CohortReport.members(windowed.get(), request.userIds()), assessed);
        progress.step("indexing assessments and cohort benchmarks", 0.5);
        index.writeAssessments(assessed, request.batchId(), llm);
        // only the cohort's group is published here: the others are the assessment job's
        index.replaceCohortBenchmarks(
            Benchmarks.percentiles(
                    assessed.drop(AssessmentKeyFields.INTERVIEW_TYPE, AssessmentKeyFields.ROLE),
                    minGroup)
                .filter(col(BenchmarkFields.GROUP_KIND).equalTo(Benchmarks.KIND_COHORT))
                .collectAsList(),
            request.batchId(),
            cohortId);
        report = content(title, window, members, assessed);
      } finally {
        assessed.unpersist();
        windowed.get().unpersist();
      }
    }
    progress.step("writing the report files", 0.8);
    String prefix = LakeDatasets.COHORT_REPORTS.resolve(cohortId, request.batchId());
    lake.overwrite(prefix + "/members.parquet", members.coalesce(1));
    lake.writeFile(
        prefix + "/members.csv",
        ReportFiles.csv(report.members()).getBytes(StandardCharsets.UTF_8));
    lake.writeFile(
        prefix + "/report.html", ReportFiles.html(report).getBytes(StandardCharsets.UTF_8));
    lake.writeFile(prefix + "/report.pdf", PdfReport.render(report));
    return report.members().size();
  }

  /**
   * The cohort's sessions in the window assessed, with their {@code cohortId}, and ranked within
   * the cohort and against everyone: the other sessions are those of {@code gold/assessments} (as
   * the last assessment run left them), so a cohort batch scores only its own answers. With the
   * cohort's own rubric ({@code ownRubric}), the others' overall scores are weighted by it too, so
   * the ranks compare like with like.
   */
  private Dataset<Row> assess(
      Dataset<Row> windowed,
      String cohortId,
      Map<String, Map<String, Double>> rubrics,
      boolean ownRubric)
      throws IOException {
    Dataset<Row> cohort =
        Assessments.sessions(Assessments.scoreAnswers(windowed), rubrics)
            .withColumn(AssessmentDocumentFields.COHORT_ID, lit(cohortId));
    Dataset<Row> population = cohort;
    Optional<Dataset<Row>> gold = lake.read(LakeDatasets.GOLD_ASSESSMENTS, true);
    if (gold.isPresent()) {
      List<String> columns = List.of(gold.get().columns());
      List<org.apache.spark.sql.Column> kept = new ArrayList<>();
      for (String c : REUSED) {
        if (columns.contains(c)) {
          kept.add(col(c));
        }
      }
      Dataset<Row> others =
          gold.get()
              .select(kept.toArray(org.apache.spark.sql.Column[]::new))
              .join(
                  cohort.select(AssessmentKeyFields.SESSION_ID),
                  AssessmentKeyFields.SESSION_ID,
                  "left_anti");
      if (ownRubric) {
        others = others.withColumn(Scores.OVERALL, Assessments.overall(rubrics));
      }
      population = cohort.unionByName(others, true);
    }
    return Benchmarks.ranks(population, minGroup)
        .filter(col(AssessmentDocumentFields.COHORT_ID).isNotNull());
  }

  /** Collects what the HTML and PDF show. */
  static ReportContent content(
      String title, String window, Dataset<Row> members, Dataset<Row> assessed) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row row : members.collectAsList()) {
      Map<String, Object> r = new LinkedHashMap<>();
      for (String column : ReportFiles.COLUMNS) {
        Object value = row.getAs(column);
        r.put(column, value instanceof Timestamp t ? t.toInstant().toString() : value);
      }
      rows.add(r);
    }
    Map<String, Double> averages = new LinkedHashMap<>();
    Row means = CohortReport.scoreAverages(assessed).first();
    for (String score : Benchmarks.SCORES) {
      Object value = means.getAs(score);
      if (value != null) {
        averages.put(score, ((Number) value).doubleValue());
      }
    }
    Long[] buckets = new Long[10];
    java.util.Arrays.fill(buckets, 0L);
    for (Row bucket : CohortReport.distribution(assessed).collectAsList()) {
      buckets[bucket.<Integer>getAs("bucket")] = bucket.<Long>getAs(CohortMemberFields.SESSIONS);
    }
    List<ReportContent.Day> trend = new ArrayList<>();
    for (Row day : CohortReport.trend(assessed).collectAsList()) {
      Object average = day.getAs(CohortMemberFields.AVERAGE_OVERALL);
      trend.add(
          new ReportContent.Day(
              day.<java.sql.Date>getAs("day").toLocalDate(),
              day.<Long>getAs(CohortMemberFields.SESSIONS),
              average == null ? null : ((Number) average).doubleValue()));
    }
    return new ReportContent(title, window, rows, averages, List.of(buckets), trend);
  }
}
