package dev.rehearse.stream.functions;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.interview.InterviewState;
import dev.rehearse.core.interview.InterviewStateMachine;
import dev.rehearse.core.interview.OfflineInterviewer;
import dev.rehearse.core.interview.QuestionBank;
import dev.rehearse.core.interview.Transition;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.observability.LogContext;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.research.ResearchQuestions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs each interview (keyed by session id) through the {@link InterviewStateMachine}. State is the
 * session's {@link InterviewState} and its idle timer; both are cleared when the session completes,
 * is rejected before it started, or stays idle for the configured timeout.
 *
 * <p>Each command is processed in a span of its trace (a child of the span that published it), and
 * its events carry that span on ({@link Traced}): to the events topic, the projections and the
 * lake. They also carry the command's reply partition; an expired session's events have none (no
 * request waits for them).
 *
 * <p>When an LLM words follow-ups, an answer that is followed up goes out with its events together
 * on the side output {@link #FOLLOW_UPS} ({@link FollowUpTurn}) instead, for the LLM step to word
 * the question before they go on.
 */
public final class InterviewFunction
    extends KeyedProcessFunction<String, Enriched, Traced<SessionEvent>> {

  private static final long serialVersionUID = 1L;
  private static final String SPAN = "process " + Topics.SESSION_COMMANDS.name();

  /** The answers followed up, with their events, when an LLM words follow-ups. */
  public static final OutputTag<FollowUpTurn> FOLLOW_UPS =
      new OutputTag<>("follow-ups", TypeInformation.of(FollowUpTurn.class));

  private final Duration idleTimeout;
  private final Telemetry.Settings telemetry;
  private final boolean followUpsWorded;

  private transient Tracer tracer;
  private transient InterviewStateMachine machine;
  private transient ValueState<InterviewState> session;
  private transient ValueState<Long> idleTimer;

  /**
   * @param telemetry where the processing spans go
   */
  public InterviewFunction(Duration idleTimeout, Telemetry.Settings telemetry) {
    this(idleTimeout, telemetry, false);
  }

  /**
   * @param followUpsWorded whether an answer that is followed up goes to {@link #FOLLOW_UPS}, with
   *     its events, for an LLM to word the follow-up
   */
  public InterviewFunction(
      Duration idleTimeout, Telemetry.Settings telemetry, boolean followUpsWorded) {
    this.idleTimeout = idleTimeout;
    this.telemetry = telemetry;
    this.followUpsWorded = followUpsWorded;
  }

  @Override
  public void open(OpenContext context) {
    tracer = Telemetry.tracer(Telemetry.shared(telemetry));
    machine =
        new InterviewStateMachine(
            new OfflineInterviewer(QuestionBank.builtIn(), ResearchQuestions.QUESTIONER),
            new AnswerAnalyzer());
    session =
        getRuntimeContext().getState(new ValueStateDescriptor<>("session", InterviewState.class));
    idleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("idle-timer", Types.LONG));
  }

  @Override
  public void processElement(Enriched command, Context ctx, Collector<Traced<SessionEvent>> out)
      throws Exception {
    Span span =
        tracer
            .spanBuilder(SPAN)
            .setParent(TraceHeaders.context(command.traceparent()))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.destination.name", Topics.SESSION_COMMANDS.name())
            .setAttribute("rehearse.session.id", ctx.getCurrentKey())
            .setAttribute("rehearse.command.type", command.command().getClass().getSimpleName())
            .startSpan();
    // the session's id and the span in this thread's log lines while it is processed, no longer
    try (LogContext log = LogContext.session(ctx.getCurrentKey());
        Scope scope = span.makeCurrent()) {
      Transition transition =
          machine.apply(
              Optional.ofNullable(session.value()),
              command.command(),
              command.context(),
              command.plan(),
              command.audio());
      Optional<String> trace = TraceHeaders.traceparent(span);
      // the command's events go to its publisher's reply partition too (see InterviewJob)
      List<Traced<SessionEvent>> events =
          transition.events().stream()
              .map(e -> new Traced<>(e, trace, command.replyPartition()))
              .toList();
      if (followUpsWorded && transition.followUp().isPresent()) {
        ctx.output(FOLLOW_UPS, new FollowUpTurn(events, transition.followUp().get()));
      } else {
        events.forEach(out::collect);
      }
      keep(transition, ctx);
    } finally {
      span.end();
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Traced<SessionEvent>> out)
      throws Exception {
    InterviewState state = session.value();
    idleTimer.clear();
    if (state != null) {
      try (LogContext log = LogContext.session(ctx.getCurrentKey())) {
        Transition transition = machine.expire(state, Instant.ofEpochMilli(timestamp));
        transition.events().forEach(e -> out.collect(Traced.untraced(e)));
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
