package dev.rehearse.core.events;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a batch stands, published to {@code rehearse.batch-status} keyed by batch id; the latest
 * status of a batch is the last one on its key. A running batch reports its step in {@code detail}
 * and how far it is (0–1) in {@code progress}.
 */
@FieldNames
public record BatchStatus(
    int schemaVersion,
    String batchId,
    BatchJob job,
    State state,
    Optional<Long> processed,
    Optional<String> detail,
    Optional<Double> progress,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  public BatchStatus {
    processed = processed == null ? Optional.empty() : processed;
    detail = detail == null ? Optional.empty() : detail;
    progress = progress == null ? Optional.empty() : progress;
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
