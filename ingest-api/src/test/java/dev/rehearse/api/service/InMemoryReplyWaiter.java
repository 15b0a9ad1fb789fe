package dev.rehearse.api.service;

import dev.rehearse.core.events.SessionEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A reply waiter and session watch a test answers by hand: {@link #answer} completes a command's
 * reply and hands its events to the session's watchers.
 */
public final class InMemoryReplyWaiter implements ReplyWaiter, SessionWatch {

  private final Map<String, CompletableFuture<List<SessionEvent>>> waiting =
      new ConcurrentHashMap<>();
  private final Map<String, Set<Consumer<SessionEvent>>> watchers = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<List<SessionEvent>> expect(String commandId) {
    return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
  }

  @Override
  public void forget(String commandId) {
    waiting.remove(commandId);
  }

  /** The interviewer's events for a command, as if they arrived on the events topic. */
  public void answer(String commandId, List<SessionEvent> events) {
    CompletableFuture<List<SessionEvent>> reply = waiting.get(commandId);
    if (reply != null) {
      reply.complete(events);
    }
    events.forEach(e -> watchers.getOrDefault(e.sessionId(), Set.of()).forEach(w -> w.accept(e)));
  }

  public int waiting() {
    return waiting.size();
  }

  @Override
  public void watch(String sessionId, Consumer<SessionEvent> watcher) {
    watchers.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
  }

  @Override
  public void unwatch(String sessionId, Consumer<SessionEvent> watcher) {
    watchers.getOrDefault(sessionId, Set.of()).remove(watcher);
  }
}
