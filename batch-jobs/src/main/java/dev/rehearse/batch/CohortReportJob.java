package dev.rehearse.batch;

import dev.rehearse.core.events.BatchRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The cohort report batch: the members' answers in the window, one row per member, written under
 * {@code reports/<cohort>/<batch>/} as {@code members.csv}, {@code members.parquet/} and {@code
 * report.html}. A re-run of the same batch overwrites its own files.
 */
public final class CohortReportJob {

  private final SparkSession spark;
  private final BatchConfig config;

  public CohortReportJob(SparkSession spark, BatchConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** The report's folder in the lake bucket. */
  public static String prefix(String cohortId, String batchId) {
    return "reports/" + cohortId + "/" + batchId;
  }

  /** Runs the job; returns the number of members reported. */
  public long run(BatchRequest request) throws IOException {
    String cohortId =
        request.cohortId().orElseThrow(() -> new IllegalArgumentException("no cohort id"));
    Dataset<Row> answers =
        Lake.read(spark, config, SessionAggregatesJob.BRONZE_ANSWERS)
            .map(a -> CohortReport.window(a, request.userIds(), request.from(), request.to()))
            .orElse(null);
    Dataset<Row> members =
        answers == null
            ? CohortReport.members(Lake.emptyAnswers(spark), request.userIds())
            : CohortReport.members(answers, request.userIds());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row row : members.collectAsList()) {
      Map<String, Object> r = new LinkedHashMap<>();
      for (String column : ReportFiles.COLUMNS) {
        Object value = row.getAs(column);
        r.put(column, value instanceof Timestamp t ? t.toInstant().toString() : value);
      }
      rows.add(r);
    }
    String prefix = prefix(cohortId, request.batchId());
    members
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(config.lakeUri(prefix + "/members.parquet"));
    String window =
        "from "
            + request.from().map(Object::toString).orElse("the start")
            + " to "
            + request.to().map(Object::toString).orElse("today");
    write(prefix + "/members.csv", ReportFiles.csv(rows));
    write(prefix + "/report.html", ReportFiles.html("cohort " + cohortId, window, rows));
    return rows.size();
  }

  private void write(String dataset, String text) throws IOException {
    Path path = new Path(config.lakeUri(dataset));
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
