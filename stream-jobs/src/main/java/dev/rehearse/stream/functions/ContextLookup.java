package dev.rehearse.stream.functions;

import dev.rehearse.core.config.LlmSettings;
import dev.rehearse.core.events.SessionCommand;
import dev.rehearse.core.events.SessionCommand.StartSession;
import dev.rehearse.core.interview.ProfileContext;
import dev.rehearse.observability.LogContext;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.Embedder;
import dev.rehearse.search.ProfileRetriever;
import dev.rehearse.stream.llm.LlmPlanner;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.URI;
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
 * Prepares each session start off the task thread, so a slow lookup never holds up other sessions
 * (other commands pass at once, those of a session whose start is being prepared right behind it):
 * retrieves the profile context (RAG: kNN over the candidate's profile chunks) and, when LLM
 * providers are configured, has them plan the interview. A lookup that fails gives an empty context
 * and an LLM that fails none of the plan: the interview starts anyway, planned by the offline
 * interviewer. Flink metrics count LLM plans, failures and fallbacks, and gauge the last plan's
 * latency.
 */
public final class ContextLookup extends RichAsyncFunction<Traced<SessionCommand>, Enriched> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ContextLookup.class);

  private final URI elasticsearch;
  private final List<LlmSettings> llms;
  private final Telemetry.Settings telemetry;
  private transient Tracer tracer;
  private transient LlmPlanner planner;
  private transient ElasticsearchClients es;
  private transient ProfileRetriever retriever;
  private transient ExecutorService pool;
  private transient StartsFirst starts;

  /**
   * @param telemetry where the spans of a start's preparation and of its LLM calls go, children of
   *     the start command's trace
   */
  public ContextLookup(URI elasticsearch, List<LlmSettings> llms, Telemetry.Settings telemetry) {
    this.elasticsearch = elasticsearch;
    this.llms = List.copyOf(llms);
    this.telemetry = telemetry;
  }

  @Override
  public void open(OpenContext context) {
    es = ElasticsearchClients.connect(elasticsearch);
    retriever = new ProfileRetriever(es.client(), Embedder.shared());
    MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("llm");
    Counter planned = metrics.counter("plans");
    Counter failures = metrics.counter("failures");
    Counter fallbacks = metrics.counter("fallbacks");
    AtomicLong lastLatency = new AtomicLong();
    metrics.gauge("lastPlanMillis", (Gauge<Long>) lastLatency::get);
    tracer = Telemetry.tracer(Telemetry.shared(telemetry));
    planner =
        new LlmPlanner(
            llms,
            tracer,
            new LlmPlanner.Listener() {
              @Override
              public void planned(String provider, long millis) {
                planned.inc();
                lastLatency.set(millis);
              }

              @Override
              public void failed(String provider, String reason) {
                failures.inc();
              }

              @Override
              public void fellBack() {
                fallbacks.inc();
              }
            });
    starts = new StartsFirst();
    pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "context-lookup");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void asyncInvoke(Traced<SessionCommand> command, ResultFuture<Enriched> result) {
    String session = command.value().sessionId();
    if (!(command.value() instanceof StartSession start)) {
      // behind the session's start if that is still being prepared (commands replayed after a
      // restore come in a row), else at once
      starts.after(session, () -> result.complete(List.of(Enriched.bare(command))));
      return;
    }
    starts.starting(
        session,
        CompletableFuture.supplyAsync(() -> prepare(command, start), pool)
            .thenAccept(e -> result.complete(List.of(e))));
  }

  private Enriched prepare(Traced<SessionCommand> command, StartSession start) {
    // a pool thread: the session's id in its log lines, and the start's trace, while it prepares
    Span span =
        tracer
            .spanBuilder("prepare session")
            .setParent(command.context())
            .setAttribute("rehearse.session.id", start.sessionId())
            .startSpan();
    try (LogContext log = LogContext.session(start.sessionId());
        Scope scope = span.makeCurrent()) {
      ProfileContext context = lookup(start);
      return new Enriched(
          command,
          context,
          planner.enabled()
              ? planner.plan(start.sessionId(), start.spec(), context)
              : java.util.Optional.empty());
    } finally {
      span.end();
    }
  }

  private ProfileContext lookup(StartSession start) {
    try {
      return retriever.context(
          start.userId(),
          ProfileRetriever.query(
              start.spec().type().wireName(), start.spec().role(), start.spec().company()));
    } catch (Exception e) {
      LOG.warn("profile context of session {} unavailable: {}", start.sessionId(), e.toString());
      return ProfileContext.EMPTY;
    }
  }

  @Override
  public void timeout(Traced<SessionCommand> command, ResultFuture<Enriched> result) {
    if (command.value() instanceof StartSession) {
      LOG.warn("profile context of session {} timed out", command.value().sessionId());
    }
    result.complete(List.of(Enriched.bare(command)));
  }

  @Override
  public void close() throws Exception {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (es != null) {
      es.close();
    }
  }
}
