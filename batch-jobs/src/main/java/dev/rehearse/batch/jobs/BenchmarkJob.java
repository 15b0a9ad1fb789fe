package dev.rehearse.batch.jobs;

import dev.rehearse.batch.BatchRunner;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.lake.LakeDatasets;
import java.io.IOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The peer benchmarks again, without assessing again: percentiles per group over the sessions of
 * {@code gold/assessments}, and per question over the scored answers of the lake, to {@code
 * gold/benchmarks} and the {@code benchmarks} index. Returns the number of benchmarks published.
 */
public final class BenchmarkJob {

  private final Lake lake;
  private final BenchmarkPublisher benchmarks;

  public BenchmarkJob(Lake lake, BenchmarkPublisher benchmarks) {
    this.lake = lake;
    this.benchmarks = benchmarks;
  }

  public long run(BatchRequest request, BatchRunner.Progress progress) throws IOException {
    // the sessions as the last assessment left them, and every answer of the lake
    Dataset<Row> assessed =
        lake.read(LakeDatasets.GOLD_ASSESSMENTS, true)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no assessments in the lake yet: run an assessment first"));
    Dataset<Row> answers =
        lake.read(LakeDatasets.BRONZE_ANSWERS, true).orElseThrow(IllegalStateException::new);
    progress.step("scoring answers", 0.2);
    Dataset<Row> answerScores = Assessments.scoreAnswers(answers).cache();
    try {
      progress.step("percentiles", 0.5);
      return benchmarks.publish(assessed, answerScores, request.batchId());
    } finally {
      answerScores.unpersist();
    }
  }
}
