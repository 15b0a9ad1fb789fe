package dev.rehearse.api.service;

import java.time.Duration;

/** How far a view built from a topic has read: lets a writer read its own write. */
public interface ViewProgress {

  /** Waits until the view has handled the record at {@code write}; false on timeout. */
  boolean awaitHandled(CommandBus.Acknowledged write, Duration timeout) throws InterruptedException;
}
