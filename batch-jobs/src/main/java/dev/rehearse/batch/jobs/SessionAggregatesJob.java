package dev.rehearse.batch.jobs;

import dev.rehearse.batch.transforms.SessionAggregates;
import dev.rehearse.core.lake.LakeDatasets;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads the bronze answers from the lake, writes per-session aggregates to {@code
 * gold/session_aggregates} (a full, idempotent rewrite) and merges the requested sessions'
 * aggregates into their {@code sessions} documents.
 */
public final class SessionAggregatesJob {

  private final Lake lake;
  private final AggregatePublisher aggregates;

  public SessionAggregatesJob(Lake lake, AggregatePublisher aggregates) {
    this.lake = lake;
    this.aggregates = aggregates;
  }

  /** Runs the job; returns the number of sessions written to Elasticsearch. */
  public long run(String batchId, List<String> sessionIds) throws IOException {
    Optional<Dataset<Row>> answers = lake.read(LakeDatasets.BRONZE_ANSWERS);
    if (answers.isEmpty()) {
      return 0;
    }
    return aggregates.publish(
        batchId, answers.get(), rows -> SessionAggregates.ofSessions(rows, sessionIds));
  }
}
