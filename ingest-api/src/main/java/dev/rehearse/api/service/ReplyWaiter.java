package dev.rehearse.api.service;

import dev.rehearse.core.events.SessionEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The interviewer's answers to the commands this instance published: the session events of a
 * command, by command id. A session's live stream is {@link SessionWatch}'s.
 */
public interface ReplyWaiter {

  /**
   * Registers interest in a command's events; call before publishing the command. The future
   * completes with every event of the command once the last one (the one that ends the reply)
   * arrived.
   */
  CompletableFuture<List<SessionEvent>> expect(String commandId);

  /** Stops waiting for a command (its request timed out or was answered). */
  void forget(String commandId);
}
