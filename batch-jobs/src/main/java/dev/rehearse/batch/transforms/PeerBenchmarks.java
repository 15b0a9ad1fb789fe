package dev.rehearse.batch.transforms;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The peer benchmarks an assessment publishes. A pure {@code Dataset -> Dataset} function. */
public final class PeerBenchmarks {

  private PeerBenchmarks() {}

  /**
   * The percentiles of every score per group of {@code sessions} (everyone, type, role), and of
   * every answer-level dimension per question of {@code answerScores}: the rows of {@code
   * gold/benchmarks}.
   */
  public static Dataset<Row> of(Dataset<Row> sessions, Dataset<Row> answerScores, int minGroup) {
    return Benchmarks.percentiles(sessions, minGroup)
        .unionByName(Benchmarks.questionPercentiles(answerScores, minGroup));
  }
}
