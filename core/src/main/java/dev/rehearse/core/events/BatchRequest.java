package dev.rehearse.core.events;

import dev.rehearse.core.cohort.Rubric;
import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request to run a batch job, published to {@code rehearse.batch-requests} keyed by batch id.
 *
 * @param job the job's name, one of {@link BatchJob}
 * @param sessionIds the sessions to process; empty for all (within the other bounds)
 * @param userIds the users whose data the job is about (a cohort's members, an erased user); empty
 *     for everyone
 * @param cohortId the cohort a cohort report is for
 * @param from first day (UTC) of sessions to include, if bounded
 * @param to last day (UTC, inclusive) of sessions to include, if bounded
 * @param onlyNew an assessment of only the sessions with answers that the last complete run (of
 *     every session, or of the new ones) did not read; false when absent
 * @param rubric a cohort report's own rubric (see {@code Rubric}); empty for the built-in rubric of
 *     each interview type
 */
@FieldNames
public record BatchRequest(
    int schemaVersion,
    String batchId,
    BatchJob job,
    String requestedBy,
    List<String> sessionIds,
    List<String> userIds,
    Optional<String> cohortId,
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    Boolean onlyNew,
    Map<String, Double> rubric,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  public BatchRequest {
    sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
    userIds = userIds == null ? List.of() : List.copyOf(userIds);
    cohortId = cohortId == null ? Optional.empty() : cohortId;
    from = from == null ? Optional.empty() : from;
    to = to == null ? Optional.empty() : to;
    onlyNew = Boolean.TRUE.equals(onlyNew);
    rubric = Rubric.checked(rubric);
  }

  /** A request over some sessions (all when empty). */
  public static BatchRequest sessions(
      String batchId, BatchJob job, String requestedBy, List<String> sessionIds, Instant at) {
    return new BatchRequest(
        SCHEMA_VERSION,
        batchId,
        job,
        requestedBy,
        sessionIds,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Map.of(),
        at);
  }
}
