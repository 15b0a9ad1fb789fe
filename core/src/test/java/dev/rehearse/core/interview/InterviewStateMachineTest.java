package dev.rehearse.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.CompleteSession;
import dev.rehearse.core.events.SessionCommand.StartSession;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.CommandRejected;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterviewStateMachineTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final InterviewStateMachine machine =
      new InterviewStateMachine(
          new OfflineInterviewer(QuestionBank.builtIn()), new AnswerAnalyzer());

  private static StartSession start(String session, String user, int questions) {
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.BEHAVIORAL,
            "Backend Engineer",
            "senior",
            Optional.of("Acme"),
            "en",
            questions,
            Optional.empty());
    return new StartSession(SessionCommand.SCHEMA_VERSION, "c-start", session, user, spec, T0);
  }

  private static SubmitAnswer answer(String session, String user, String commandId, String text) {
    return new SubmitAnswer(
        SessionCommand.SCHEMA_VERSION,
        commandId,
        session,
        user,
        new Answer(text, Optional.of(2_000L), null, null, null, null),
        T0.plusSeconds(30));
  }

  @Test
  void startingRecordsTheSpecThenAsksTheFirstQuestionOfThePlan() {
    Transition t = machine.apply(Optional.empty(), start("s1", "u1", 2));

    assertThat(t.state()).isPresent();
    assertThat(t.events()).hasSize(2);
    SessionStarted started = (SessionStarted) t.events().get(0);
    assertThat(started.spec().role()).isEqualTo("Backend Engineer");
    assertThat(started.questionCount()).isEqualTo(2);
    QuestionAsked asked = (QuestionAsked) t.events().get(1);
    assertThat(asked.index()).isZero();
    assertThat(asked.questionCount()).isEqualTo(2);
    assertThat(asked.eventId()).isEqualTo("s1/question/0");
    assertThat(asked.commandId()).isEqualTo("c-start");
    assertThat(asked.text()).doesNotContain("{role}", "{company}");
  }

  @Test
  void anAnswerIsAnalysedThenTheNextQuestionAsked() {
    Transition started = machine.apply(Optional.empty(), start("s1", "u1", 2));

    Transition t =
        machine.apply(started.state(), answer("s1", "u1", "c1", "four words right here"));

    assertThat(t.events()).hasSize(2);
    AnswerAnalyzed analyzed = (AnswerAnalyzed) t.events().get(0);
    assertThat(analyzed.metrics().wordCount()).isEqualTo(4);
    assertThat(analyzed.metrics().wordsPerMinute()).contains(120.0);
    assertThat(analyzed.eventId()).isEqualTo("s1/answer/0");
    assertThat(((QuestionAsked) t.events().get(1)).index()).isEqualTo(1);
    assertThat(t.state().orElseThrow().current()).isEqualTo(1);
  }

  @Test
  void theLastAnswerCompletesTheSessionAndDropsItsState() {
    Transition started = machine.apply(Optional.empty(), start("s1", "u1", 1));

    Transition t = machine.apply(started.state(), answer("s1", "u1", "c1", "one two"));

    assertThat(t.state()).isEmpty();
    assertThat(t.events()).hasSize(2);
    SessionCompleted completed = (SessionCompleted) t.events().get(1);
    assertThat(completed.reason()).isEqualTo("plan-done");
    assertThat(completed.summary().answers()).isEqualTo(1);
    assertThat(completed.summary().totalWords()).isEqualTo(2);
    assertThat(completed.summary().averageWordsPerMinute()).contains(60.0);
  }

  @Test
  void theCandidateCanEndTheSessionEarly() {
    Transition started = machine.apply(Optional.empty(), start("s1", "u1", 3));

    Transition t =
        machine.apply(
            started.state(),
            new CompleteSession(SessionCommand.SCHEMA_VERSION, "c9", "s1", "u1", T0));

    assertThat(t.state()).isEmpty();
    assertThat(((SessionCompleted) t.events().get(0)).reason()).isEqualTo("completed-by-candidate");
  }

  @Test
  void aRedeliveredCommandChangesNothing() {
    Transition started = machine.apply(Optional.empty(), start("s1", "u1", 3));
    Transition first = machine.apply(started.state(), answer("s1", "u1", "c1", "one two"));

    Transition again = machine.apply(first.state(), answer("s1", "u1", "c1", "one two"));

    assertThat(again.events()).isEmpty();
    assertThat(again.state()).isEqualTo(first.state());
  }

  @Test
  void anotherUsersSessionLooksMissing() {
    Transition started = machine.apply(Optional.empty(), start("s1", "u1", 3));

    Transition t = machine.apply(started.state(), answer("s1", "intruder", "c1", "hello"));

    assertThat(t.state()).isEqualTo(started.state());
    assertThat(t.events())
        .singleElement()
        .extracting(e -> ((CommandRejected) e).reason())
        .isEqualTo(RejectionReason.SESSION_NOT_FOUND);
  }

  @Test
  void anAnswerToAnUnknownSessionIsRejected() {
    Transition t = machine.apply(Optional.empty(), answer("nope", "u1", "c1", "hello"));

    assertThat(t.state()).isEmpty();
    assertThat(t.events()).singleElement().isInstanceOf(CommandRejected.class);
  }

  @Test
  void anAnswerWithoutWordsIsRejectedAndTheQuestionStays() {
    Transition started = machine.apply(Optional.empty(), start("s1", "u1", 3));

    Transition t = machine.apply(started.state(), answer("s1", "u1", "c1", "?!"));

    assertThat(t.state()).isEqualTo(started.state());
    assertThat(((CommandRejected) t.events().get(0)).reason())
        .isEqualTo(RejectionReason.INVALID_ANSWER);
  }

  @Test
  void theSamePlanForTheSameSession() {
    SessionEvent a = machine.apply(Optional.empty(), start("s1", "u1", 3)).events().get(1);
    SessionEvent b = machine.apply(Optional.empty(), start("s1", "u1", 3)).events().get(1);

    assertThat(a).isEqualTo(b);
  }
}
