package dev.rehearse.core.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpsTest {

  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();
  private static final String NO_RESULT =
      "When our release process kept breaking, I was responsible for fixing it. I wrote a"
          + " checklist and automated the build steps.";
  private static final String WITH_RESULT =
      NO_RESULT + " As a result, failed releases dropped from five a month to none.";

  private static PlannedQuestion asked(InterviewType type) {
    return new PlannedQuestion("q1", type, "Tell me about it.", false);
  }

  private static Optional<PlannedQuestion> after(PlannedQuestion q, String answer) {
    return FollowUps.after(q, answer, ANALYZER.analyze(Answer.ofText(answer)));
  }

  @Test
  void aStoryWithoutAResultIsAskedForTheOutcome() {
    PlannedQuestion followUp = after(asked(InterviewType.BEHAVIORAL), NO_RESULT).orElseThrow();

    assertThat(followUp.text()).isEqualTo(FollowUps.OUTCOME);
    assertThat(followUp.followUp()).isTrue();
    assertThat(followUp.questionId()).isEqualTo("q1/follow-up");
    assertThat(FollowUps.isFollowUp(followUp.questionId())).isTrue();
    assertThat(FollowUps.isFollowUp("q1")).isFalse();
    assertThat(after(asked(InterviewType.BEHAVIORAL), WITH_RESULT)).isEmpty();
  }

  @Test
  void aDesignWithoutTradeOffsIsAskedForThem() {
    String design = "I would put a load balancer in front of stateless servers and use Postgres.";
    assertThat(after(asked(InterviewType.SYSTEM_DESIGN), design).orElseThrow().text())
        .isEqualTo(FollowUps.TRADE_OFFS);
    assertThat(after(asked(InterviewType.SYSTEM_DESIGN), design + " The downside is cost."))
        .isEmpty();
  }

  @Test
  void followUpsAreNeverFollowedUpAndOtherTypesGetNone() {
    assertThat(
            after(
                new PlannedQuestion("q1/follow-up", InterviewType.BEHAVIORAL, "x", true),
                NO_RESULT))
        .isEmpty();
    assertThat(after(asked(InterviewType.TECHNICAL), NO_RESULT)).isEmpty();
  }

  @Test
  void theStateMachineAsksTheFollowUpNextThenGoesOnWithThePlan() {
    InterviewStateMachine machine =
        new InterviewStateMachine(new OfflineInterviewer(QuestionBank.builtIn()), ANALYZER);
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.BEHAVIORAL,
            "Engineer",
            "mid",
            Optional.empty(),
            "en",
            2,
            Optional.empty());
    Instant t = Instant.parse("2026-11-26T10:00:00Z");
    Transition started =
        machine.apply(
            Optional.empty(), new SessionCommand.StartSession(1, "c0", "s", "u", spec, t));
    String planned = ((QuestionAsked) started.events().get(1)).text();

    Transition first = machine.apply(started.state(), answer("c1", NO_RESULT, t));
    QuestionAsked followUp = (QuestionAsked) first.events().get(1);
    assertThat(followUp.text()).isEqualTo(FollowUps.OUTCOME);
    assertThat(followUp.index()).isEqualTo(1);
    assertThat(followUp.questionCount()).isEqualTo(3);

    Transition second =
        machine.apply(first.state(), answer("c2", "It shipped on time and nobody was paged.", t));
    QuestionAsked next = (QuestionAsked) second.events().get(1);
    assertThat(next.text()).isNotEqualTo(planned).isNotEqualTo(FollowUps.OUTCOME);
    assertThat(next.index()).isEqualTo(2);
  }

  @Test
  void eachFollowUpNamesWhatTheAnswerLeftOut() {
    String design = "I would put a load balancer in front of stateless servers and use Postgres.";
    assertThat(
            FollowUps.decide(
                    asked(InterviewType.BEHAVIORAL),
                    NO_RESULT,
                    ANALYZER.analyze(Answer.ofText(NO_RESULT)))
                .orElseThrow()
                .reason())
        .isEqualTo(FollowUps.Reason.NO_OUTCOME);
    assertThat(
            FollowUps.decide(
                    asked(InterviewType.SYSTEM_DESIGN),
                    design,
                    ANALYZER.analyze(Answer.ofText(design)))
                .orElseThrow()
                .reason())
        .isEqualTo(FollowUps.Reason.NO_TRADE_OFFS);
  }

  @Test
  void aTransitionThatAsksAFollowUpCarriesWhatAnLlmNeedsToWordIt() {
    InterviewStateMachine machine =
        new InterviewStateMachine(new OfflineInterviewer(QuestionBank.builtIn()), ANALYZER);
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.BEHAVIORAL,
            "Engineer",
            "mid",
            Optional.empty(),
            "en",
            2,
            Optional.empty());
    Instant t = Instant.parse("2026-11-26T10:00:00Z");
    Transition started =
        machine.apply(
            Optional.empty(), new SessionCommand.StartSession(1, "c0", "s", "u", spec, t));
    QuestionAsked planned = (QuestionAsked) started.events().get(1);
    assertThat(started.followUp()).isEmpty();

    Transition first = machine.apply(started.state(), answer("c1", NO_RESULT, t));

    QuestionAsked followUp = (QuestionAsked) first.events().get(1);
    FollowUpDraft draft = first.followUp().orElseThrow();
    assertThat(draft.questionId()).isEqualTo(followUp.questionId());
    assertThat(draft.ruleText()).isEqualTo(followUp.text()).isEqualTo(FollowUps.OUTCOME);
    assertThat(draft.reason()).isEqualTo(FollowUps.Reason.NO_OUTCOME);
    assertThat(draft.question()).isEqualTo(planned.text());
    assertThat(draft.answer()).isEqualTo(NO_RESULT);
    assertThat(draft.language()).isEqualTo(spec.language());
    // the answer to the follow-up moves on: nothing to word
    assertThat(machine.apply(first.state(), answer("c2", "It shipped on time.", t)).followUp())
        .isEmpty();
  }

  @Test
  void aSessionGetsAtMostThreeFollowUps() {
    InterviewStateMachine machine =
        new InterviewStateMachine(new OfflineInterviewer(QuestionBank.builtIn()), ANALYZER);
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.BEHAVIORAL,
            "Engineer",
            "mid",
            Optional.empty(),
            "en",
            6,
            Optional.empty());
    Instant t = Instant.parse("2026-11-26T10:00:00Z");
    Transition state =
        machine.apply(
            Optional.empty(), new SessionCommand.StartSession(1, "c0", "s", "u", spec, t));
    int followUps = 0;
    for (int i = 0; i < 12 && state.state().isPresent(); i++) {
      state = machine.apply(state.state(), answer("c" + (i + 1), NO_RESULT, t));
      followUps +=
          (int)
              state.events().stream()
                  .filter(e -> e instanceof QuestionAsked q && q.text().equals(FollowUps.OUTCOME))
                  .count();
    }
    assertThat(followUps).isEqualTo(FollowUps.MAX_PER_SESSION);
    assertThat(state.state()).isEmpty();
  }

  private static SessionCommand.SubmitAnswer answer(String id, String text, Instant t) {
    return new SessionCommand.SubmitAnswer(
        1, id, "s", "u", new Answer(text, Optional.of(10_000L), null, null, null, null), t);
  }
}
