package dev.rehearse.batch.jobs;

import dev.rehearse.batch.transforms.SessionAggregates;
import dev.rehearse.core.lake.LakeDatasets;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Publishes per-session aggregates of answers: to {@code gold/session_aggregates} (a full,
 * idempotent rewrite) and, for the selected sessions, into their {@code sessions} documents. The
 * session-aggregates and assessment jobs both publish through it.
 */
public final class AggregatePublisher {

  private final Lake lake;
  private final SearchIndex index;

  public AggregatePublisher(Lake lake, SearchIndex index) {
    this.lake = lake;
    this.index = index;
  }

  /** Publishes the aggregates of {@code answers}; returns how many sessions {@code select} kept. */
  public long publish(String batchId, Dataset<Row> answers, UnaryOperator<Dataset<Row>> select)
      throws IOException {
    Dataset<Row> aggregates = SessionAggregates.aggregate(answers).cache();
    try {
      lake.overwrite(LakeDatasets.GOLD_SESSION_AGGREGATES, aggregates);
      Dataset<Row> selected = select.apply(aggregates);
      long count = selected.count();
      index.mergeAggregates(selected, batchId);
      return count;
    } finally {
      aggregates.unpersist();
    }
  }
}
