package dev.rehearse.core.interview;

import dev.rehearse.core.events.SessionEvent;
import java.util.List;
import java.util.Optional;

/**
 * The result of applying one command: the state to keep (empty when the session is over or never
 * existed, so the caller clears it) and the events to emit, in order.
 *
 * @param followUp when the events ask a follow-up, what an LLM needs to word it for the answer
 */
public record Transition(
    Optional<InterviewState> state, List<SessionEvent> events, Optional<FollowUpDraft> followUp) {

  public Transition {
    events = List.copyOf(events);
    followUp = followUp == null ? Optional.empty() : followUp;
  }

  /** A transition that asks no follow-up. */
  public Transition(Optional<InterviewState> state, List<SessionEvent> events) {
    this(state, events, Optional.empty());
  }
}
