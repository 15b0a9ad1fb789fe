package dev.rehearse.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.events.BatchRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
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
  private final BatchConfig config;
  private final Map<String, Map<String, Double>> builtInRubrics = AssessmentJob.rubrics();
  private final Optional<LlmFeedback> llm;

  /** What ranking the cohort against everyone reads of the stored assessments. */
  private static final List<String> REUSED =
      Stream.concat(
              Stream.of("sessionId", "userId", "interviewType", "role", Scores.OVERALL),
              DimensionGroup.wireNames().stream())
          .toList();

  public CohortReportJob(SparkSession spark, BatchConfig config) {
    this(spark, config, Optional.empty());
  }

  public CohortReportJob(SparkSession spark, BatchConfig config, Optional<LlmFeedback> llm) {
    this.spark = spark;
    this.config = config;
    this.llm = llm;
  }

  /** The report's folder in the lake bucket. */
  public static String prefix(String cohortId, String batchId) {
    return "reports/" + cohortId + "/" + batchId;
  }

  /**
   * Runs the job: the members' sessions in the window are assessed (ranked against everyone and
   * against the cohort), the cohort's benchmarks published, and the report written. Returns the
   * number of members reported.
   */
  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    String cohortId =
        request.cohortId().orElseThrow(() -> new IllegalArgumentException("no cohort id"));
    // the members' answers in the window; none (no lake yet, or no sessions) skips the assessment
    Optional<Dataset<Row>> windowed =
        Lake.read(spark, config, SessionAggregatesJob.BRONZE_ANSWERS, true)
            .map(a -> CohortReport.window(a, request.userIds(), request.from(), request.to()))
            .map(Dataset::cache)
            .filter(w -> !w.isEmpty());
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
                    + rubricText(request.rubric())
                    + ")");
    Map<String, Map<String, Double>> rubrics =
        AssessmentJob.rubrics(builtInRubrics, request.rubric());
    if (windowed.isEmpty()) {
      members =
          CohortReport.withScores(
              CohortReport.members(Lake.emptyAnswers(spark), request.userIds()),
              Lake.emptyAssessed(spark));
      report = content(title, window, members, Lake.emptyAssessed(spark));
    } else {
      progress.step("assessing the members' sessions", 0.1);
      Dataset<Row> assessed =
          assess(windowed.get(), cohortId, rubrics, !request.rubric().isEmpty()).cache();
      try {
        members =
            CohortReport.withScores(
                CohortReport.members(windowed.get(), request.userIds()), assessed);
        progress.step("indexing assessments and cohort benchmarks", 0.5);
        AssessmentJob.index(
            assessed, config.connections().elasticsearchUrl(), request.batchId(), llm);
        AssessmentJob.writeBenchmarks(
            // only the cohort's group is published here: the others are the assessment job's
            Benchmarks.percentiles(assessed.drop("interviewType", "role"), config.minGroup())
                .filter(col("groupKind").equalTo("cohort"))
                .collectAsList(),
            config.connections().elasticsearchUrl(),
            request.batchId(),
            co.elastic.clients.elasticsearch._types.query_dsl.Query.of(
                q ->
                    q.bool(
                        b ->
                            b.filter(f -> f.term(t -> t.field("groupKind").value("cohort")))
                                .filter(f -> f.term(t -> t.field("groupValue").value(cohortId))))));
        report = content(title, window, members, assessed);
      } finally {
        assessed.unpersist();
        windowed.get().unpersist();
      }
    }
    progress.step("writing the report files", 0.8);
    String prefix = prefix(cohortId, request.batchId());
    members
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(config.lakeUri(prefix + "/members.parquet"));
    write(
        prefix + "/members.csv",
        ReportFiles.csv(report.members()).getBytes(StandardCharsets.UTF_8));
    write(prefix + "/report.html", ReportFiles.html(report).getBytes(StandardCharsets.UTF_8));
    write(prefix + "/report.pdf", PdfReport.render(report));
    return report.members().size();
  }

  /** The rubric as people read it: each group's share of the weight, in percent. */
  static String rubricText(Map<String, Double> rubric) {
    double total = rubric.values().stream().mapToDouble(Double::doubleValue).sum();
    return rubric.entrySet().stream()
        .map(e -> e.getKey() + " " + Math.round(100 * e.getValue() / total) + "%")
        .collect(java.util.stream.Collectors.joining(", "));
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
            .withColumn("cohortId", lit(cohortId));
    Dataset<Row> population = cohort;
    Optional<Dataset<Row>> gold = Lake.read(spark, config, AssessmentJob.GOLD_ASSESSMENTS, true);
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
              .join(cohort.select("sessionId"), "sessionId", "left_anti");
      if (ownRubric) {
        others = others.withColumn("overall", Assessments.overall(rubrics));
      }
      population = cohort.unionByName(others, true);
    }
    return Benchmarks.ranks(population, config.minGroup()).filter(col("cohortId").isNotNull());
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
      buckets[bucket.<Integer>getAs("bucket")] = bucket.<Long>getAs("sessions");
    }
    List<ReportContent.Day> trend = new ArrayList<>();
    for (Row day : CohortReport.trend(assessed).collectAsList()) {
      Object average = day.getAs("averageOverall");
      trend.add(
          new ReportContent.Day(
              day.<java.sql.Date>getAs("day").toLocalDate(),
              day.<Long>getAs("sessions"),
              average == null ? null : ((Number) average).doubleValue()));
    }
    return new ReportContent(title, window, rows, averages, List.of(buckets), trend);
  }

  private void write(String dataset, byte[] bytes) throws IOException {
    Path path = new Path(config.lakeUri(dataset));
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }
}
