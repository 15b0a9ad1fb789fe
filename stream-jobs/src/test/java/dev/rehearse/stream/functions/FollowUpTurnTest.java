package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.core.interview.FollowUpDraft;
import dev.rehearse.core.interview.FollowUps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpTurnTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static Traced<SessionEvent> traced(SessionEvent e) {
    return new Traced<>(e, Optional.of("00-trace-span-01"), Optional.of(3));
  }

  private static QuestionAsked asked(String questionId, String text, int index) {
    return new QuestionAsked(
        1, "s1/question/" + index, "s1", "u1", "a1", index, 3, questionId, text, T0);
  }

  private static final FollowUpDraft DRAFT =
      new FollowUpDraft(
          "q1/follow-up",
          FollowUps.TRADE_OFFS,
          FollowUps.Reason.NO_TRADE_OFFS,
          "Design a URL shortener.",
          "I would hash the URL and store it in Postgres.",
          "en");

  // an event of another kind, and a question of another id, that wording must leave alone
  private final FollowUpTurn turn =
      new FollowUpTurn(
          List.of(
              traced(new SessionStarted(1, "s1/started/0", "s1", "u1", "a1", null, 3, T0)),
              traced(asked("q0", "Design a URL shortener.", 0)),
              traced(asked("q1/follow-up", FollowUps.TRADE_OFFS, 1))),
          DRAFT);

  @Test
  void wordingReplacesOnlyTheFollowUpsTextAndKeepsItsTraceAndReplyPartition() {
    String text = "Why Postgres rather than a key-value store for the short codes?";

    List<Traced<SessionEvent>> worded = turn.worded(text);

    assertThat(worded.subList(0, 2)).isEqualTo(turn.events().subList(0, 2));
    QuestionAsked followUp = (QuestionAsked) worded.get(2).value();
    assertThat(followUp.text()).isEqualTo(text);
    assertThat(followUp)
        .usingRecursiveComparison()
        .ignoringFields("text")
        .isEqualTo(turn.events().get(2).value());
    assertThat(worded.get(2).traceparent()).isEqualTo(turn.events().get(2).traceparent());
    assertThat(worded.get(2).replyPartition()).contains(3);
  }

  @Test
  void asRuledTheEventsAreThoseTheRulesWrote() {
    assertThat(turn.asRuled()).isEqualTo(turn.events());
    assertThat(turn.sessionId()).isEqualTo("s1");
  }
}
