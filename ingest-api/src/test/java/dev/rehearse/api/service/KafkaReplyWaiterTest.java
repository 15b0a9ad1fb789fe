package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaReplyWaiterTest {

  private final ObjectMapper mapper = Json.newMapper();
  private final KafkaReplyWaiter replies = new KafkaReplyWaiter(mapper);
  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

  private ConsumerRecord<String, byte[]> record(SessionEvent event) {
    return new ConsumerRecord<>(
        "rehearse.session-events", 0, 0, event.sessionId(), Json.toBytes(mapper, event));
  }

  private static AnswerAnalyzed analyzed(String commandId) {
    return new AnswerAnalyzed(
        1,
        "s/answer/0",
        "s",
        "u",
        commandId,
        0,
        dev.rehearse.core.events.InterviewType.BEHAVIORAL,
        dev.rehearse.core.events.InterviewType.BEHAVIORAL,
        "backend engineer",
        "beh-001",
        "Q",
        "A",
        new AnswerAnalyzer().analyze(Answer.ofText("A")),
        T);
  }

  private static QuestionAsked asked(String commandId) {
    return new QuestionAsked(1, "s/question/1", "s", "u", commandId, 1, 3, "q", "Next?", T);
  }

  @Test
  void aReplyCompletesWithEveryEventOfItsCommandUpToTheLast() throws Exception {
    CompletableFuture<List<SessionEvent>> reply = replies.expect("c1");

    replies.onRecord("t", record(analyzed("c1")));
    assertThat(reply).isNotDone();
    replies.onRecord("t", record(asked("c1")));

    assertThat(reply.get()).containsExactly(analyzed("c1"), asked("c1"));
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void eventsOfOtherCommandsAndRedeliveriesAreIgnored() throws Exception {
    CompletableFuture<List<SessionEvent>> reply = replies.expect("c1");

    replies.onRecord("t", record(analyzed("other")));
    replies.onRecord("t", record(analyzed("c1")));
    replies.onRecord("t", record(analyzed("c1")));
    replies.onRecord("t", record(asked("c1")));

    assertThat(reply.get()).hasSize(2);
  }

  @Test
  void malformedEventsAreSkipped() {
    CompletableFuture<List<SessionEvent>> reply = replies.expect("c1");

    replies.onRecord("t", new ConsumerRecord<>("t", 0, 0, "s", "{not json".getBytes()));

    assertThat(reply).isNotDone();
  }

  @Test
  void aForgottenCommandStopsWaiting() {
    replies.expect("c1");

    replies.forget("c1");

    assertThat(replies.waiting()).isZero();
  }
}
