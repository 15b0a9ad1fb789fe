package dev.rehearse.stream.functions;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.interview.InterviewState;
import dev.rehearse.core.interview.InterviewStateMachine;
import dev.rehearse.core.interview.OfflineInterviewer;
import dev.rehearse.core.interview.QuestionBank;
import dev.rehearse.core.interview.Transition;
import dev.rehearse.observability.LogContext;
import dev.rehearse.research.ResearchQuestions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs each interview (keyed by session id) through the {@link InterviewStateMachine}. State is the
 * session's {@link InterviewState} and its idle timer; both are cleared when the session completes,
 * is rejected before it started, or stays idle for the configured timeout.
 */
public final class InterviewFunction extends KeyedProcessFunction<String, Enriched, SessionEvent> {

  private static final long serialVersionUID = 1L;

  private final Duration idleTimeout;

  private transient InterviewStateMachine machine;
  private transient ValueState<InterviewState> session;
  private transient ValueState<Long> idleTimer;

  public InterviewFunction(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  @Override
  public void open(OpenContext context) {
    machine =
        new InterviewStateMachine(
            new OfflineInterviewer(QuestionBank.builtIn(), ResearchQuestions.QUESTIONER),
            new AnswerAnalyzer());
    session =
        getRuntimeContext().getState(new ValueStateDescriptor<>("session", InterviewState.class));
    idleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("idle-timer", Types.LONG));
  }

  @Override
  public void processElement(Enriched command, Context ctx, Collector<SessionEvent> out)
      throws Exception {
    // the session's id in this thread's log lines while it is processed, and no longer
    try (LogContext log = LogContext.session(ctx.getCurrentKey())) {
      Transition transition =
          machine.apply(
              Optional.ofNullable(session.value()),
              command.command(),
              command.context(),
              command.plan(),
              command.audio());
      transition.events().forEach(out::collect);
      keep(transition, ctx);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SessionEvent> out)
      throws Exception {
    InterviewState state = session.value();
    idleTimer.clear();
    if (state != null) {
      try (LogContext log = LogContext.session(ctx.getCurrentKey())) {
        Transition transition = machine.expire(state, Instant.ofEpochMilli(timestamp));
        transition.events().forEach(out::collect);
      }
    }
    session.clear();
  }

  /** Keeps the new state with a fresh idle timer, or clears both when the session is over. */
  private void keep(Transition transition, Context ctx) throws Exception {
    Long timer = idleTimer.value();
    if (timer != null) {
      ctx.timerService().deleteProcessingTimeTimer(timer);
      idleTimer.clear();
    }
    if (transition.state().isEmpty()) {
      session.clear();
      return;
    }
    session.update(transition.state().get());
    long next = ctx.timerService().currentProcessingTime() + idleTimeout.toMillis();
    ctx.timerService().registerProcessingTimeTimer(next);
    idleTimer.update(next);
  }
}
