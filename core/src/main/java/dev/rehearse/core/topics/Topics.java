package dev.rehearse.core.topics;

import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent;
import java.util.List;

/**
 * The registry of every topic; producers, jobs, the launcher and tests all take names from here.
 */
public final class Topics {

  private Topics() {}

  public static final Topic<SessionCommand> SESSION_COMMANDS =
      new Topic<>("rehearse.session-commands", "sessionId", SessionCommand.class, 4, false);

  public static final Topic<SessionEvent> SESSION_EVENTS =
      new Topic<>("rehearse.session-events", "sessionId", SessionEvent.class, 4, false);

  public static final Topic<BatchRequest> BATCH_REQUESTS =
      new Topic<>("rehearse.batch-requests", "batchId", BatchRequest.class, 1, false);

  public static final Topic<BatchStatus> BATCH_STATUS =
      new Topic<>("rehearse.batch-status", "batchId", BatchStatus.class, 1, false);

  /** Every topic, in the order the launcher creates them. */
  public static List<Topic<?>> all() {
    return List.of(SESSION_COMMANDS, SESSION_EVENTS, BATCH_REQUESTS, BATCH_STATUS);
  }
}
