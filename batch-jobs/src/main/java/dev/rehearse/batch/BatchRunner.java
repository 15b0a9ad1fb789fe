package dev.rehearse.batch;

import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.events.BatchStatus.State;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.LogContext;
import dev.rehearse.observability.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one batch request on the warm SparkSession and reports its life as {@link BatchStatus}
 * events: running, then succeeded with the count processed or failed with the reason. Each run is a
 * span, a child of the request's trace (the span that published it), current while the job runs
 * (its LLM calls are its children) and in the MDC of its log lines.
 */
public final class BatchRunner {

  private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

  /** One batch job: runs a request to its end and returns how many items it processed. */
  @FunctionalInterface
  public interface Job {
    long run(BatchRequest request, Progress progress) throws Exception;
  }

  /** Where a running job is: a running status with the step's name and the share done (0–1). */
  @FunctionalInterface
  public interface Progress {
    void step(String name, double done);

    /** Reports nothing: for jobs run outside the runner. */
    Progress NONE = (name, done) -> {};
  }

  private final Map<BatchJob, Job> jobs;
  private final Consumer<BatchStatus> statuses;
  private final Clock clock;
  private final Tracer tracer;

  public BatchRunner(
      Map<BatchJob, Job> jobs, Consumer<BatchStatus> statuses, Clock clock, Tracer tracer) {
    this.jobs = Map.copyOf(jobs);
    this.statuses = statuses;
    this.clock = clock;
    this.tracer = tracer;
  }

  /** Runs the request in a trace of its own. */
  public BatchStatus run(BatchRequest request) {
    return run(request, Context.root());
  }

  /**
   * Runs the request to its end, in a span that is a child of {@code parent} (the trace its
   * record's headers carry); never throws for a failing job, it reports it.
   */
  public BatchStatus run(BatchRequest request, Context parent) {
    Span span =
        tracer
            .spanBuilder("batch " + request.job().wireName())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("rehearse.batch.id", request.batchId())
            .setAttribute("rehearse.batch.job", request.job().wireName())
            .startSpan();
    try (Scope scope = span.makeCurrent();
        LogContext log = LogContext.span(span.getSpanContext())) {
      BatchStatus end = runTraced(request);
      if (end.state() == State.FAILED) {
        span.setStatus(StatusCode.ERROR, end.detail().orElse("failed"));
      } else {
        end.processed().ifPresent(n -> span.setAttribute("rehearse.batch.processed", n));
      }
      return end;
    } finally {
      span.end();
    }
  }

  private BatchStatus runTraced(BatchRequest request) {
    statuses.accept(
        status(request, State.RUNNING, Optional.empty(), Optional.empty(), Optional.of(0.0)));
    LOG.info("batch {} ({}) running", request.batchId(), request.job().wireName());
    BatchStatus end;
    try {
      Job job = jobs.get(request.job());
      if (job == null) {
        throw new IllegalArgumentException("this runner has no job " + request.job().wireName());
      }
      long processed =
          job.run(
              request,
              (step, done) -> {
                LOG.info("batch {}: {}", request.batchId(), step);
                statuses.accept(
                    status(
                        request,
                        State.RUNNING,
                        Optional.empty(),
                        Optional.of(step),
                        Optional.of(Math.max(0, Math.min(1, done)))));
              });
      end =
          status(
              request, State.SUCCEEDED, Optional.of(processed), Optional.empty(), Optional.of(1.0));
      LOG.info("batch {} succeeded: {} processed", request.batchId(), processed);
    } catch (Exception e) {
      LOG.error("batch {} failed", request.batchId(), e);
      report(request, e);
      end =
          status(request, State.FAILED, Optional.empty(), Optional.of(reason(e)), Optional.empty());
    }
    statuses.accept(end);
    return end;
  }

  /**
   * A failed batch as an error report (when error tracking is on): tagged with the batch and its
   * job; the users it was about go along only to be hashed, in the message too.
   */
  private static void report(BatchRequest request, Exception e) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.BATCH_ID, request.batchId());
    tags.put(Tags.BATCH_JOB, request.job().wireName());
    if (!request.userIds().isEmpty()) {
      tags.put(Tags.USER_IDS, String.join(",", request.userIds()));
    }
    ErrorTracking.capture(e, tags);
  }

  /** A short reason for the status event: the exception's class and message, no stack trace. */
  static String reason(Throwable e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    String reason = e.getClass().getSimpleName() + message;
    return reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
  }

  private BatchStatus status(
      BatchRequest request,
      State state,
      Optional<Long> processed,
      Optional<String> detail,
      Optional<Double> progress) {
    return new BatchStatus(
        BatchStatus.SCHEMA_VERSION,
        request.batchId(),
        request.job(),
        state,
        processed,
        detail,
        progress,
        clock.instant());
  }
}
