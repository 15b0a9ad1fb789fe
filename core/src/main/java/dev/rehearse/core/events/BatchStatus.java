package dev.rehearse.core.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a batch stands, published to {@code rehearse.batch-status} keyed by batch id; the latest
 * status of a batch is the last one on its key.
 */
public record BatchStatus(
    int schemaVersion,
    String batchId,
    BatchJob job,
    State state,
    Optional<Long> processed,
    Optional<String> detail,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  public BatchStatus {
    processed = processed == null ? Optional.empty() : processed;
    detail = detail == null ? Optional.empty() : detail;
  }

  /** The life of a batch: queued, running, then succeeded or failed. */
  public enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
      return this == SUCCEEDED || this == FAILED;
    }
  }
}
