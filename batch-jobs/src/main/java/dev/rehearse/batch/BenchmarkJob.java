package dev.rehearse.batch;

import dev.rehearse.core.events.BatchRequest;
import java.io.IOException;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The peer benchmarks again, without assessing again: percentiles per group over the sessions of
 * {@code gold/assessments}, and per question over the scored answers of the lake, to {@code
 * gold/benchmarks} and the {@code benchmarks} index. Returns the number of benchmarks published.
 */
public final class BenchmarkJob {

  private final SparkSession spark;
  private final BatchConfig config;

  public BenchmarkJob(SparkSession spark, BatchConfig config) {
    this.spark = spark;
    this.config = config;
  }

  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    Dataset<Row> assessed =
        Lake.read(spark, config, AssessmentJob.GOLD_ASSESSMENTS, true)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no assessments in the lake yet: run an assessment first"));
    Optional<Dataset<Row>> answers =
        Lake.read(spark, config, SessionAggregatesJob.BRONZE_ANSWERS, true);
    progress.step("scoring answers", 0.2);
    Dataset<Row> answerScores =
        Assessments.scoreAnswers(answers.orElseThrow(IllegalStateException::new)).cache();
    try {
      progress.step("percentiles", 0.5);
      return publish(config, assessed, answerScores, request.batchId());
    } finally {
      answerScores.unpersist();
    }
  }

  /**
   * Computes and publishes the peer benchmarks of {@code sessions} and of the answers' questions,
   * replacing those of the last run; returns how many were published.
   */
  static long publish(
      BatchConfig config, Dataset<Row> sessions, Dataset<Row> answerScores, String batchId)
      throws IOException {
    Dataset<Row> benchmarks =
        Benchmarks.percentiles(sessions, config.minGroup())
            .unionByName(Benchmarks.questionPercentiles(answerScores, config.minGroup()))
            .cache();
    try {
      benchmarks
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(config.lakeUri(AssessmentJob.GOLD_BENCHMARKS));
      java.util.List<Row> rows = benchmarks.collectAsList();
      AssessmentJob.writeBenchmarks(
          rows, config.connections().elasticsearchUrl(), batchId, AssessmentJob.PEER_GROUPS);
      return rows.size();
    } finally {
      benchmarks.unpersist();
    }
  }
}
