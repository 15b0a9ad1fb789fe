package dev.rehearse.core.events;

import java.time.Instant;
import java.util.List;

/**
 * A request to run a batch job, published to {@code rehearse.batch-requests} keyed by batch id.
 *
 * @param job the job's name, one of {@link BatchJob}
 * @param sessionIds the sessions to process; empty for all
 */
public record BatchRequest(
    int schemaVersion,
    String batchId,
    BatchJob job,
    String requestedBy,
    List<String> sessionIds,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  public BatchRequest {
    sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
  }
}
