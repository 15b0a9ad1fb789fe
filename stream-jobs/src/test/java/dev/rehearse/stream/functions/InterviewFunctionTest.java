package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.CompleteSession;
import dev.rehearse.core.events.SessionCommand.StartSession;
import dev.rehearse.core.events.SessionCommand.SubmitAnswer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionEvent.SessionStarted;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.stream.InterviewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterviewFunctionTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration IDLE = Duration.ofMinutes(30);

  private KeyedOneInputStreamOperatorTestHarness<String, Enriched, Traced<SessionEvent>> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new InterviewFunction(IDLE, Telemetry.Settings.none("test"))),
            e -> e.command().sessionId(),
            Types.STRING);
    // the job's output type: every event through one serializer, as in InterviewJob
    harness.setup(
        InterviewJob.EVENT_TYPE.createSerializer(
            harness.getExecutionConfig().getSerializerConfig()));
    harness.open();
    harness.setProcessingTime(0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static StartSession start(String session, int questions) {
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.TECHNICAL,
            "Engineer",
            "mid",
            Optional.empty(),
            "en",
            questions,
            Optional.empty());
    return new StartSession(
        SessionCommand.SCHEMA_VERSION, "start-" + session, session, "u1", spec, T0);
  }

  private static SubmitAnswer answer(String session, String commandId) {
    return new SubmitAnswer(
        SessionCommand.SCHEMA_VERSION,
        commandId,
        session,
        "u1",
        new Answer(
            "I used a queue to decouple the services", Optional.of(4_000L), null, null, null, null),
        T0.plusSeconds(20));
  }

  private void send(SessionCommand command) throws Exception {
    harness.processElement(new StreamRecord<>(Enriched.bare(command)));
  }

  private List<SessionEvent> events() {
    return harness.extractOutputValues().stream().map(Traced::value).toList();
  }

  @Test
  void aSessionKeepsStateAndOneIdleTimerWhileItRuns() throws Exception {
    send(start("s1", 2));

    assertThat(events()).hasSize(2);
    assertThat(events().get(0)).isInstanceOf(SessionStarted.class);
    assertThat(events().get(1)).isInstanceOf(QuestionAsked.class);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
  }

  @Test
  void eachAnswerReplacesTheIdleTimerInsteadOfAddingOne() throws Exception {
    send(start("s1", 3));
    harness.setProcessingTime(1_000);

    send(answer("s1", "a1"));

    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
  }

  @Test
  void theLastAnswerEmitsMetricsThenCompletionAndClearsStateAndTimers() throws Exception {
    send(start("s1", 1));

    send(answer("s1", "a1"));

    List<SessionEvent> out = events();
    assertThat(out.get(2)).isInstanceOf(AnswerAnalyzed.class);
    assertThat(((AnswerAnalyzed) out.get(2)).metrics().wordCount()).isEqualTo(8);
    assertThat(out.get(3)).isInstanceOf(SessionCompleted.class);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void completingEarlyClearsStateAndTimers() throws Exception {
    send(start("s1", 3));

    send(new CompleteSession(SessionCommand.SCHEMA_VERSION, "end", "s1", "u1", T0));

    assertThat(events().get(events().size() - 1)).isInstanceOf(SessionCompleted.class);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void anIdleSessionIsEndedAndForgotten() throws Exception {
    send(start("s1", 3));

    harness.setProcessingTime(IDLE.toMillis() + 1);

    SessionCompleted completed = (SessionCompleted) events().get(events().size() - 1);
    assertThat(completed.reason()).isEqualTo("idle-timeout");
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aDuplicateAnswerIsAppliedOnce() throws Exception {
    send(start("s1", 3));
    send(answer("s1", "a1"));
    int before = events().size();

    send(answer("s1", "a1"));

    assertThat(events()).hasSize(before);
  }

  @Test
  void anAnswerForAnUnknownSessionLeavesNoState() throws Exception {
    send(answer("ghost", "a1"));

    assertThat(events()).singleElement().isInstanceOf(SessionEvent.CommandRejected.class);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  /** A harness whose function sends followed-up answers to the side output when asked to. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Enriched, Traced<SessionEvent>>
      harness(boolean followUpsWorded) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Enriched, Traced<SessionEvent>> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new InterviewFunction(IDLE, Telemetry.Settings.none("test"), followUpsWorded)),
            e -> e.command().sessionId(),
            Types.STRING);
    h.setup(InterviewJob.EVENT_TYPE.createSerializer(h.getExecutionConfig().getSerializerConfig()));
    h.open();
    return h;
  }

  /** A design interview's first question answered with no trade-off: the rules follow it up. */
  private static void designAnsweredWithoutTradeOffs(
      KeyedOneInputStreamOperatorTestHarness<String, Enriched, Traced<SessionEvent>> h)
      throws Exception {
    InterviewSpec spec =
        new InterviewSpec(
            InterviewType.SYSTEM_DESIGN,
            "Engineer",
            "mid",
            Optional.empty(),
            "en",
            2,
            Optional.empty());
    h.processElement(
        new StreamRecord<>(
            Enriched.bare(
                new StartSession(SessionCommand.SCHEMA_VERSION, "start", "d1", "u1", spec, T0))));
    h.processElement(
        new StreamRecord<>(
            Enriched.bare(
                new SubmitAnswer(
                    SessionCommand.SCHEMA_VERSION,
                    "a1",
                    "d1",
                    "u1",
                    new Answer(
                        "I would put a load balancer in front of stateless servers and use Postgres.",
                        Optional.of(6_000L),
                        null,
                        null,
                        null,
                        null),
                    T0.plusSeconds(30)))));
  }

  @Test
  void whenAnLlmWordsFollowUpsAFollowedUpAnswerLeavesWithItsEventsOnTheSideOutput()
      throws Exception {
    var h = harness(true);
    designAnsweredWithoutTradeOffs(h);

    // the start's events on the main output; the answer's, together, on the side output
    assertThat(h.extractOutputValues())
        .extracting(e -> e.value().commandId())
        .containsOnly("start");
    FollowUpTurn turn = h.getSideOutput(InterviewFunction.FOLLOW_UPS).peek().getValue();
    assertThat(h.getSideOutput(InterviewFunction.FOLLOW_UPS)).hasSize(1);
    assertThat(turn.events())
        .extracting(e -> e.value().getClass().getSimpleName())
        .containsExactly("AnswerAnalyzed", "QuestionAsked");
    QuestionAsked followUp = (QuestionAsked) turn.events().get(1).value();
    assertThat(turn.draft().questionId()).isEqualTo(followUp.questionId());
    assertThat(turn.draft().ruleText()).isEqualTo(followUp.text());
    assertThat(turn.draft().answer()).contains("load balancer");
    h.close();
  }

  @Test
  void offlineAFollowedUpAnswersEventsStayOnTheMainOutput() throws Exception {
    var h = harness(false);
    designAnsweredWithoutTradeOffs(h);

    assertThat(h.getSideOutput(InterviewFunction.FOLLOW_UPS)).isNull();
    assertThat(h.extractOutputValues())
        .extracting(e -> e.value().getClass().getSimpleName())
        .containsExactly("SessionStarted", "QuestionAsked", "AnswerAnalyzed", "QuestionAsked");
    h.close();
  }

  @Test
  void sessionsAreIndependent() throws Exception {
    send(start("s1", 2));
    send(start("s2", 2));

    send(answer("s1", "a1"));

    assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
    assertThat(
            events().stream().filter(e -> e instanceof AnswerAnalyzed).map(SessionEvent::sessionId))
        .containsExactly("s1");
  }
}
