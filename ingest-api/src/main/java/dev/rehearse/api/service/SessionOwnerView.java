package dev.rehearse.api.service;

import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The owners of sessions, built from the {@code rehearse.session-events} this instance reads live
 * (see {@link #onEvent}): any event of a session names its owner, but a rejection, whose user is
 * whoever sent the refused command; a {@code SessionCompleted} marks it completed with its reason
 * and summary. Sessions this instance did not see an event of (started before it came up, or
 * forgotten) are looked up in their documents by the caller and {@linkplain #remember remembered}.
 *
 * <p>Memory is bounded: at most {@code capacity} sessions, the one learnt first forgotten first.
 * Each holds two ids (about 200 bytes) and, once completed, its reason and summary (about 500 bytes
 * with its expiry): 100,000 sessions take 20 to 50 MB. A completed session is forgotten {@code
 * completedRetention} after this instance learnt that it ended; by then its document answers for
 * it. The view starts empty (it reads the topic from its end): a session it never saw is looked up
 * in its document once, then remembered.
 */
public final class SessionOwnerView implements SessionOwners {

  /** The default bound on the sessions held. */
  public static final int DEFAULT_CAPACITY = 100_000;

  /** How long a completed session is held by default. */
  public static final Duration DEFAULT_COMPLETED_RETENTION = Duration.ofMinutes(15);

  /** How long a command for an unknown session waits by default for the session's first event. */
  public static final Duration DEFAULT_START_WAIT = Duration.ofMillis(250);

  private final int capacity;
  private final Duration completedRetention;
  private final Duration startWait;
  private final Clock clock;
  // guarded by this: in the order learnt; past the capacity the eldest is forgotten
  private final Map<String, Owned> sessions;
  // guarded by this: when each completed session is to be forgotten, oldest first
  private final ArrayDeque<Expiry> expiries = new ArrayDeque<>();
  // requests waiting for a session's first event; at most one per waiting request
  private final Map<String, CompletableFuture<Owned>> waiting = new ConcurrentHashMap<>();

  public SessionOwnerView(
      int capacity, Duration completedRetention, Duration startWait, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.completedRetention = completedRetention;
    this.startWait = startWait;
    this.clock = clock;
    this.sessions =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Owned> eldest) {
            return size() > SessionOwnerView.this.capacity;
          }
        };
  }

  /** A view with the default bounds. */
  public static SessionOwnerView withDefaults(Clock clock) {
    return new SessionOwnerView(
        DEFAULT_CAPACITY, DEFAULT_COMPLETED_RETENTION, DEFAULT_START_WAIT, clock);
  }

  /** Takes one session event, as read from {@code rehearse.session-events}. */
  public void onEvent(SessionEvent event) {
    if (event instanceof CommandRejected) {
      return;
    }
    Owned learnt =
        event instanceof SessionCompleted completed
            ? new Owned(
                event.sessionId(),
                event.userId(),
                Optional.of(
                    new Completion(
                        Optional.ofNullable(completed.reason()),
                        Optional.ofNullable(completed.summary()))))
            : Owned.active(event.sessionId(), event.userId());
    Owned known = merge(learnt);
    CompletableFuture<Owned> waiter = waiting.get(event.sessionId());
    if (waiter != null) {
      waiter.complete(known);
    }
  }

  @Override
  public synchronized Optional<Owned> find(String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId));
  }

  @Override
  public Optional<Owned> awaitStart(String sessionId) throws InterruptedException {
    if (startWait.isZero() || startWait.isNegative()) {
      return find(sessionId);
    }
    CompletableFuture<Owned> arrived = new CompletableFuture<>();
    CompletableFuture<Owned> registered = waiting.putIfAbsent(sessionId, arrived);
    CompletableFuture<Owned> mine = registered == null ? arrived : registered;
    try {
      Optional<Owned> known = find(sessionId); // it may have come before we registered
      if (known.isPresent()) {
        return known;
      }
      return Optional.of(mine.get(startWait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return find(sessionId);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      waiting.remove(sessionId, arrived);
    }
  }

  @Override
  public void remember(Owned session) {
    merge(session);
  }

  /** How many sessions are held. */
  public synchronized int size() {
    return sessions.size();
  }

  /** Keeps what is new in {@code learnt}: a session not known, or its completion. */
  private synchronized Owned merge(Owned learnt) {
    Instant now = clock.instant();
    forgetExpired(now);
    Owned known = sessions.get(learnt.sessionId());
    if (known != null && (known.completed() || !learnt.completed())) {
      return known;
    }
    sessions.put(learnt.sessionId(), learnt);
    if (learnt.completed()) {
      expiries.addLast(new Expiry(learnt.sessionId(), now.plus(completedRetention)));
    }
    return learnt;
  }

  private void forgetExpired(Instant now) {
    while (!expiries.isEmpty()
        && (!expiries.peekFirst().at().isAfter(now) || expiries.size() > capacity)) {
      Expiry expiry = expiries.pollFirst();
      Owned held = sessions.get(expiry.sessionId());
      if (held != null && held.completed()) {
        sessions.remove(expiry.sessionId());
      }
    }
  }

  private record Expiry(String sessionId, Instant at) {}
}
