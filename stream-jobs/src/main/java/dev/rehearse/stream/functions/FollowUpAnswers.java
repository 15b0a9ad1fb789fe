package dev.rehearse.stream.functions;

import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import dev.rehearse.core.events.SessionEvent.QuestionAsked;
import dev.rehearse.core.events.SessionEvent.SessionCompleted;
import dev.rehearse.core.interview.FollowUps;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Records the answer to a follow-up under the question as it was asked. The interview's state keeps
 * the rules' wording of a follow-up; when an LLM worded it, the candidate saw another text, and
 * their answer's {@code answer-analyzed} event (and so its turn) carries that one instead. Keyed by
 * session: the text of the follow-up last asked is kept until it is answered or the session
 * completes (an idle session completes too); a time-to-live of {@code keptFor} bounds what a lost
 * completion would leave. Every other event passes as it came, in its order.
 */
public final class FollowUpAnswers
    extends KeyedProcessFunction<String, Traced<SessionEvent>, Traced<SessionEvent>> {

  private static final long serialVersionUID = 1L;

  /** A follow-up as it was asked. */
  public record Asked(String questionId, String text) {}

  private final Duration keptFor;
  private transient ValueState<Asked> asked;

  /**
   * @param keptFor how long an unanswered follow-up's text is kept at most: longer than a session
   *     may stay idle
   */
  public FollowUpAnswers(Duration keptFor) {
    this.keptFor = keptFor;
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<Asked> descriptor = new ValueStateDescriptor<>("follow-up", Asked.class);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(keptFor).build());
    asked = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(
      Traced<SessionEvent> event, Context ctx, Collector<Traced<SessionEvent>> out)
      throws Exception {
    SessionEvent value = event.value();
    if (value instanceof QuestionAsked q && FollowUps.isFollowUp(q.questionId())) {
      asked.update(new Asked(q.questionId(), q.text()));
    } else if (value instanceof AnswerAnalyzed a && asked.value() != null) {
      Asked followUp = asked.value();
      if (followUp.questionId().equals(a.questionId())) {
        asked.clear();
        out.collect(
            new Traced<>(asAsked(a, followUp.text()), event.traceparent(), event.replyPartition()));
        return;
      }
    } else if (value instanceof SessionCompleted) {
      asked.clear();
    }
    out.collect(event);
  }

  /** {@code answer} under {@code question}, or as it is when that is its question already. */
  static SessionEvent asAsked(AnswerAnalyzed answer, String question) {
    if (answer.question().equals(question)) {
      return answer;
    }
    return new AnswerAnalyzed(
        answer.schemaVersion(),
        answer.eventId(),
        answer.sessionId(),
        answer.userId(),
        answer.commandId(),
        answer.index(),
        answer.interviewType(),
        answer.questionType(),
        answer.role(),
        answer.questionId(),
        question,
        answer.answer(),
        answer.metrics(),
        answer.at(),
        answer.source(),
        answer.sourceUrl());
  }
}
