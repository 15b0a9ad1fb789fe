package dev.rehearse.api.service;

import dev.rehearse.core.events.SessionEvent;
import java.util.function.Consumer;

/** Every event of a session as it happens, whichever instance published its commands. */
public interface SessionWatch {

  /**
   * Hands every later event of {@code sessionId} to {@code watcher}, until {@link #unwatch}: once
   * this returns, no event of the session is missed.
   */
  void watch(String sessionId, Consumer<SessionEvent> watcher);

  void unwatch(String sessionId, Consumer<SessionEvent> watcher);
}
