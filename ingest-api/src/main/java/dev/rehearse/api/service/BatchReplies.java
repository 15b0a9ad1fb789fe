package dev.rehearse.api.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The bodies of replies about batches: queued requests and their status. */
public final class BatchReplies {

  private BatchReplies() {}

  /** 202: a session's assessment batch is queued; poll where it says. */
  @FieldNames
  public record Queued(String batchId, String status, String poll) {}

  /**
   * 202: a write or batch was accepted: a profile being indexed (revision), a profile being erased
   * (batchId, detail) or a cohort report batch queued (batchId, members).
   */
  public record Accepted(
      String status,
      Optional<String> batchId,
      Optional<String> revision,
      Optional<Integer> members,
      Optional<String> detail,
      String poll) {}

  /** A batch's latest status. */
  @FieldNames
  public record Batch(
      String batchId,
      String job,
      String state,
      Optional<Long> processed,
      Optional<String> detail,
      Instant updatedAt) {

    public static Batch of(BatchView.Entry entry) {
      return new Batch(
          entry.request().batchId(),
          entry.request().job().wireName(),
          entry.status().state().wireName(),
          entry.status().processed(),
          entry.status().detail(),
          entry.status().at());
    }
  }

  /** A cohort batch's status and, once it succeeded, links to its reports. */
  public record CohortBatch(@JsonUnwrapped Batch batch, Optional<List<ReportLink>> reports) {}

  /** A presigned, expiring download link to one report file. */
  public record ReportLink(String name, long bytes, String url, long expiresInSeconds) {}
}
