package dev.rehearse.api.service;

import dev.rehearse.core.events.SessionSummary;
import java.io.IOException;
import java.util.Optional;

/**
 * Who owns each interview session and whether it is over, as far as this API instance knows (the
 * sessions it started, the events of its own commands, and documents it read): the API checks a
 * session command against it before it publishes anything, so another user's session or one it
 * cannot attribute never reaches the interviewer.
 */
public interface SessionOwners {

  /** The session, if this instance knows it. */
  Optional<Owned> find(String sessionId);

  /**
   * Waits a short, bounded time for a session neither this instance nor its document knows yet: it
   * may have been started a moment ago through another instance (whose events this one does not
   * read), and its document be on its way to the store. Asks {@code document} again until it
   * answers or the wait is over; the session if found, then remembered.
   */
  Optional<Owned> awaitStart(String sessionId, Lookup document) throws InterruptedException;

  /**
   * Remembers a session learnt elsewhere than from its events: started by this instance, or read
   * from its session document. What the events said wins: a completed session stays completed.
   */
  void remember(Owned session);

  /** Where a session is looked up when this instance does not know it: its document. */
  @FunctionalInterface
  interface Lookup {

    /** The session; empty when it is not there (yet). */
    Optional<Owned> find() throws IOException;
  }

  /** A session's owner and, once it is over, how it ended. */
  record Owned(String sessionId, String userId, Optional<Completion> completion) {

    public static Owned active(String sessionId, String userId) {
      return new Owned(sessionId, userId, Optional.empty());
    }

    public boolean completed() {
      return completion.isPresent();
    }

    public boolean ownedBy(String user) {
      return userId.equals(user);
    }
  }

  /** How a session ended: the reason and summary of its {@code SessionCompleted} event. */
  record Completion(Optional<String> reason, Optional<SessionSummary> summary) {}
}
