package dev.rehearse.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.events.SessionSummary;
import dev.rehearse.core.interview.FollowUps;
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

class FollowUpAnswersTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String WORDED = "Why Postgres rather than a key-value store for the orders?";

  private KeyedOneInputStreamOperatorTestHarness<String, Traced<SessionEvent>, Traced<SessionEvent>>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FollowUpAnswers(Duration.ofHours(4))),
            e -> e.value().sessionId(),
            Types.STRING);
    harness.setup(
        InterviewJob.EVENT_TYPE.createSerializer(
            harness.getExecutionConfig().getSerializerConfig()));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static QuestionAsked asked(String questionId, String text, int index) {
    return new QuestionAsked(
        1, "s1/question/" + index, "s1", "u1", "c" + index, index, 3, questionId, text, T0);
  }

  private static AnswerAnalyzed answered(String questionId, String question, int index) {
    String text = "Postgres gives us transactions at the cost of harder scaling.";
    return new AnswerAnalyzed(
        1,
        "s1/answer/" + index,
        "s1",
        "u1",
        "a" + index,
        index,
        InterviewType.SYSTEM_DESIGN,
        InterviewType.SYSTEM_DESIGN,
        "Engineer",
        questionId,
        question,
        text,
        new AnswerAnalyzer().analyze(Answer.ofText(text)),
        T0);
  }

  private void send(SessionEvent event) throws Exception {
    harness.processElement(
        new StreamRecord<>(new Traced<>(event, Optional.of("00-t-s-01"), Optional.of(4))));
  }

  private List<SessionEvent> out() {
    return harness.extractOutputValues().stream().map(Traced::value).toList();
  }

  @Test
  void theAnswerToAWordedFollowUpIsRecordedUnderTheQuestionAsAsked() throws Exception {
    send(asked("q0/follow-up", WORDED, 1));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    send(answered("q0/follow-up", FollowUps.TRADE_OFFS, 1));

    AnswerAnalyzed answer = (AnswerAnalyzed) out().get(1);
    assertThat(answer.question()).isEqualTo(WORDED);
    assertThat(answer)
        .usingRecursiveComparison()
        .ignoringFields("question")
        .isEqualTo(answered("q0/follow-up", FollowUps.TRADE_OFFS, 1));
    assertThat(harness.extractOutputValues().get(1).replyPartition()).contains(4);
    assertThat(harness.numKeyedStateEntries()).as("forgotten once answered").isZero();
  }

  @Test
  void otherEventsPassAsTheyCameAndKeepNothing() throws Exception {
    List<SessionEvent> in =
        List.of(
            asked("q0", "Design an order service.", 0),
            answered("q0", "Design an order service.", 0),
            asked("q1", "How would you shard it?", 1));

    for (SessionEvent e : in) {
      send(e);
    }

    assertThat(out()).isEqualTo(in);
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void aCompletedSessionForgetsAnUnansweredFollowUp() throws Exception {
    send(asked("q0/follow-up", WORDED, 1));

    send(
        new SessionCompleted(
            1,
            "s1/completed/0",
            "s1",
            "u1",
            "end",
            "completed-by-candidate",
            new SessionSummary(2, 1, 9, Optional.empty(), Optional.empty()),
            T0));

    assertThat(out()).hasSize(2);
    assertThat(harness.numKeyedStateEntries()).isZero();
  }
}
