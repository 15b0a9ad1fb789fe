package dev.rehearse.stream.functions;

import dev.rehearse.core.config.LlmSettings;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.observability.LogContext;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.stream.llm.FollowUpWriter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words each follow-up for the answer it follows, off the task thread: the LLM providers ({@link
 * FollowUpWriter}) get the question answered, the answer (fenced as data) and what it left out, and
 * a valid question they write replaces the rule's wording in the follow-up's {@code question-asked}
 * event. An LLM that fails, writes something invalid or is too slow (the step's timeout) leaves the
 * rule's wording: the answer's events always go on, in their order. Flink metrics ({@code llm.*})
 * count the follow-ups worded, the failed calls, the follow-ups no provider worded and those that
 * timed out, and gauge the last wording's latency.
 */
public final class FollowUpWording extends RichAsyncFunction<FollowUpTurn, Traced<SessionEvent>> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(FollowUpWording.class);

  /** LLM calls at once per task: follow-ups are a fraction of the answers. */
  static final int THREADS = 4;

  private final List<LlmSettings> llms;
  private final Duration timeout;
  private final Telemetry.Settings telemetry;
  private transient Tracer tracer;
  private transient FollowUpWriter writer;
  private transient ExecutorService pool;
  private transient Counter timeouts;

  /**
   * @param timeout the longest one provider's call may take; the step's own timeout bounds all
   * @param telemetry where the spans of the LLM calls go, children of the answer's trace
   */
  public FollowUpWording(List<LlmSettings> llms, Duration timeout, Telemetry.Settings telemetry) {
    this.llms = List.copyOf(llms);
    this.timeout = timeout;
    this.telemetry = telemetry;
  }

  @Override
  public void open(OpenContext context) {
    MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("llm");
    Counter worded = metrics.counter("followUps");
    Counter failures = metrics.counter("followUpFailures");
    Counter keptRule = metrics.counter("followUpsRuleWorded");
    timeouts = metrics.counter("followUpTimeouts");
    AtomicLong lastLatency = new AtomicLong();
    metrics.gauge("lastFollowUpMillis", (Gauge<Long>) lastLatency::get);
    tracer = Telemetry.tracer(Telemetry.shared(telemetry));
    writer =
        new FollowUpWriter(
            llms,
            timeout,
            tracer,
            new FollowUpWriter.Listener() {
              @Override
              public void worded(String provider, long millis) {
                worded.inc();
                lastLatency.set(millis);
              }

              @Override
              public void failed(String provider, String reason) {
                failures.inc();
              }

              @Override
              public void keptRule() {
                keptRule.inc();
              }
            },
            Duration.ofSeconds(30));
    pool =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "follow-up-wording");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void asyncInvoke(FollowUpTurn turn, ResultFuture<Traced<SessionEvent>> result) {
    CompletableFuture.supplyAsync(() -> word(turn), pool)
        .exceptionally(
            e -> {
              LOG.warn("follow-up of session {} not worded: {}", turn.sessionId(), e.toString());
              return turn.asRuled();
            })
        .thenAccept(result::complete);
  }

  /** The turn's events, the follow-up worded by the LLM when one wrote a valid question. */
  private List<Traced<SessionEvent>> word(FollowUpTurn turn) {
    // a pool thread: the session's id in its log lines, and the answer's trace, while it words
    Span span =
        tracer
            .spanBuilder("word follow-up")
            .setParent(turn.events().get(0).context())
            .setAttribute("rehearse.session.id", turn.sessionId())
            .startSpan();
    try (LogContext log = LogContext.session(turn.sessionId());
        Scope scope = span.makeCurrent()) {
      return writer
          .write(turn.sessionId(), turn.draft())
          .map(w -> turn.worded(w.text()))
          .orElseGet(turn::asRuled);
    } finally {
      span.end();
    }
  }

  @Override
  public void timeout(FollowUpTurn turn, ResultFuture<Traced<SessionEvent>> result) {
    LOG.warn("follow-up of session {} timed out: the rule's wording stays", turn.sessionId());
    timeouts.inc();
    result.complete(turn.asRuled());
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
