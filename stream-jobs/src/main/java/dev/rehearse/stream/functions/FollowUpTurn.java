package dev.rehearse.stream.functions;

import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.interview.FollowUpDraft;
import java.util.List;

/**
 * The events of an answer that the interview follows up, in order (the answer analysed, then the
 * follow-up asked in the rule's words), with what an LLM needs to word the follow-up ({@link
 * FollowUpDraft}). They travel together, so whatever words the question, the events leave in their
 * order.
 */
public record FollowUpTurn(List<Traced<SessionEvent>> events, FollowUpDraft draft) {

  public FollowUpTurn {
    events = List.copyOf(events);
  }

  /** The session the turn belongs to. */
  public String sessionId() {
    return events.get(0).value().sessionId();
  }

  /** The events as the rules wrote them. */
  public List<Traced<SessionEvent>> asRuled() {
    return events;
  }

  /** The events with the follow-up's question worded as {@code text}; the others as they were. */
  public List<Traced<SessionEvent>> worded(String text) {
    return events.stream()
        .map(
            e ->
                e.value() instanceof QuestionAsked q && q.questionId().equals(draft.questionId())
                    ? new Traced<SessionEvent>(
                        withText(q, text), e.traceparent(), e.replyPartition())
                    : e)
        .toList();
  }

  private static QuestionAsked withText(QuestionAsked q, String text) {
    return new QuestionAsked(
        q.schemaVersion(),
        q.eventId(),
        q.sessionId(),
        q.userId(),
        q.commandId(),
        q.index(),
        q.questionCount(),
        q.questionId(),
        text,
        q.at(),
        q.source(),
        q.sourceUrl());
  }
}
