package dev.rehearse.core.interview;

import dev.rehearse.core.events.SessionEvent;
import java.util.List;
import java.util.Optional;

/**
 * The result of applying one command: the state to keep (empty when the session is over or never
 * existed, so the caller clears it) and the events to emit, in order.
 */
public record Transition(Optional<InterviewState> state, List<SessionEvent> events) {

  public Transition {
    events = List.copyOf(events);
  }
}
