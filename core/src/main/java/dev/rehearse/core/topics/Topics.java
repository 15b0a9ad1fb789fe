package dev.rehearse.core.topics;

import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchRequestFields;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.events.BatchStatusFields;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommandFields;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEventFields;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.core.profile.ProfileRecordFields;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The registry of every topic; producers, jobs, the launcher and tests all take names from here.
 */
public final class Topics {

  private Topics() {}

  public static final Topic<SessionCommand> SESSION_COMMANDS =
      new Topic<>(
          "rehearse.session-commands",
          SessionCommandFields.SESSION_ID,
          SessionCommand.class,
          4,
          false);

  public static final Topic<SessionEvent> SESSION_EVENTS =
      new Topic<>(
          "rehearse.session-events", SessionEventFields.SESSION_ID, SessionEvent.class, 4, false);

  /**
   * The events of each command again, on the partition its publisher named: an API instance reads
   * only its own partition to get the replies it waits for, instead of every session event. The
   * partitions bound the API instances that each read a partition of their own (more share one). A
   * reply is wanted for seconds; the events topic keeps the record of each session, so the replies
   * are kept an hour only.
   */
  public static final Topic<SessionEvent> SESSION_REPLIES =
      new Topic<>(
          "rehearse.session-replies",
          SessionEventFields.SESSION_ID,
          SessionEvent.class,
          16,
          false,
          Optional.of(Duration.ofHours(1)));

  public static final Topic<BatchRequest> BATCH_REQUESTS =
      new Topic<>(
          "rehearse.batch-requests", BatchRequestFields.BATCH_ID, BatchRequest.class, 1, false);

  public static final Topic<BatchStatus> BATCH_STATUS =
      new Topic<>("rehearse.batch-status", BatchStatusFields.BATCH_ID, BatchStatus.class, 1, false);

  /** Profiles, compacted: the latest per user; a tombstone erases it. */
  public static final Topic<ProfileRecord> PROFILES =
      new Topic<>("rehearse.profiles", ProfileRecordFields.USER_ID, ProfileRecord.class, 4, true);

  /** Cohorts, members and invites, compacted: one key per entity ({@link CohortRecord#key()}). */
  public static final Topic<CohortRecord> COHORTS =
      new Topic<>("rehearse.cohorts", "entity key", CohortRecord.class, 1, true);

  /** Every topic, in the order the launcher creates them. */
  public static List<Topic<?>> all() {
    return List.of(
        SESSION_COMMANDS,
        SESSION_EVENTS,
        SESSION_REPLIES,
        BATCH_REQUESTS,
        BATCH_STATUS,
        PROFILES,
        COHORTS);
  }
}
