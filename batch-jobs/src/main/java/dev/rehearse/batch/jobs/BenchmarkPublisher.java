package dev.rehearse.batch.jobs;

import dev.rehearse.batch.transforms.PeerBenchmarks;
import dev.rehearse.core.lake.LakeDatasets;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Publishes the peer benchmarks of assessed sessions and scored answers: to {@code gold/benchmarks}
 * and the {@code benchmarks} index, replacing those of the last run. The assessment and benchmark
 * jobs both publish through it.
 */
public final class BenchmarkPublisher {

  private final Lake lake;
  private final SearchIndex index;
  private final int minGroup;

  /**
   * @param minGroup groups with fewer candidates are not published
   */
  public BenchmarkPublisher(Lake lake, SearchIndex index, int minGroup) {
    this.lake = lake;
    this.index = index;
    this.minGroup = minGroup;
  }

  /** Publishes the benchmarks; returns how many were published. */
  public long publish(Dataset<Row> sessions, Dataset<Row> answerScores, String batchId)
      throws IOException {
    Dataset<Row> benchmarks = PeerBenchmarks.of(sessions, answerScores, minGroup).cache();
    try {
      lake.overwrite(LakeDatasets.GOLD_BENCHMARKS, benchmarks);
      List<Row> rows = benchmarks.collectAsList();
      index.replacePeerBenchmarks(rows, batchId);
      return rows.size();
    } finally {
      benchmarks.unpersist();
    }
  }
}
