package dev.rehearse.api.service;

import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The owners of sessions, built from the events of this instance's own commands (its reply
 * partition of {@code rehearse.session-replies}, see {@link #onEvent}) and the sessions it started:
 * any event of a session names its owner, but a rejection, whose user is whoever sent the refused
 * command; a {@code SessionCompleted} marks it completed with its reason and summary. Sessions this
 * instance did not see an event of (started through another instance or before it came up, or
 * forgotten) are looked up in their documents by the caller and {@linkplain #remember remembered};
 * a session started a moment ago through another instance is waited for, a short while, until its
 * document is there ({@link #awaitStart}). A session completed through another instance is still
 * active here until a command for it is refused; the caller then reads its document.
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

  /**
   * How long a command for an unknown session waits by default for the session's document: the
   * projection writes it within a few hundred milliseconds of the start (it flushes every 200 ms).
   */
  public static final Duration DEFAULT_START_WAIT = Duration.ofSeconds(1);

  /** How often the document of a session waited for is asked for again. */
  static final Duration START_POLL = Duration.ofMillis(100);

  private final int capacity;
  private final Duration completedRetention;
  private final Duration startWait;
  private final Clock clock;
  // guarded by this: in the order learnt; past the capacity the eldest is forgotten
  private final Map<String, Owned> sessions;
  // guarded by this: when each completed session is to be forgotten, oldest first
  private final ArrayDeque<Expiry> expiries = new ArrayDeque<>();

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
    merge(learnt);
  }

  @Override
  public synchronized Optional<Owned> find(String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId));
  }

  @Override
  public Optional<Owned> awaitStart(String sessionId, Lookup document) throws InterruptedException {
    long deadline = System.nanoTime() + startWait.toNanos();
    while (true) {
      Optional<Owned> known = find(sessionId); // it may have been learnt meanwhile
      if (known.isPresent()) {
        return known;
      }
      if (System.nanoTime() >= deadline) {
        return Optional.empty();
      }
      Thread.sleep(Math.min(START_POLL.toMillis(), Math.max(1, left(deadline))));
      try {
        Optional<Owned> found = document.find();
        if (found.isPresent()) {
          return Optional.of(merge(found.get()));
        }
      } catch (IOException | RuntimeException e) {
        // the store is unavailable: asked again until the wait is over
      }
    }
  }

  private static long left(long deadline) {
    return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
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
