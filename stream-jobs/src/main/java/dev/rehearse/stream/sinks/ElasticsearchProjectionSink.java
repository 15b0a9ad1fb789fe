package dev.rehearse.stream.sinks;

import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.IndexWrite;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Projects records onto Elasticsearch as idempotent writes ({@code projection} says which: session
 * events onto {@code sessions} and {@code turns}, profiles onto {@code profiles}). Writes are
 * batched: a batch goes out when it is full, when it is {@code maxDelay} old, and at every
 * checkpoint, so nothing acknowledged by a checkpoint is left unwritten. A traced record's writes
 * are a span of its trace, from the record's arrival to the bulk request's answer.
 */
public final class ElasticsearchProjectionSink<T> implements Sink<T> {

  /** The writes a record causes; serializable, as it travels with the job graph. */
  @FunctionalInterface
  public interface Projection<T> extends java.io.Serializable {
    List<? extends IndexWrite> of(T record);
  }

  /** The trace a record belongs to (its {@code traceparent}); serializable like the projection. */
  @FunctionalInterface
  public interface Trace<T> extends java.io.Serializable {
    Optional<String> traceparent(T record);
  }

  private static final long serialVersionUID = 1L;

  private final URI url;
  private final int maxBatch;
  private final Duration maxDelay;
  private final Projection<T> projection;
  private final Telemetry.Settings telemetry;
  private final Trace<T> trace;

  /** Untraced writes. */
  public ElasticsearchProjectionSink(
      URI url, int maxBatch, Duration maxDelay, Projection<T> projection) {
    this(
        url,
        maxBatch,
        maxDelay,
        projection,
        Telemetry.Settings.none("none"),
        r -> Optional.empty());
  }

  /**
   * @param telemetry where the spans of traced records' writes go
   * @param trace the trace of a record
   */
  public ElasticsearchProjectionSink(
      URI url,
      int maxBatch,
      Duration maxDelay,
      Projection<T> projection,
      Telemetry.Settings telemetry,
      Trace<T> trace) {
    this.url = url;
    this.projection = projection;
    this.maxBatch = maxBatch;
    this.maxDelay = maxDelay;
    this.telemetry = telemetry;
    this.trace = trace;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new Writer<>(
        ElasticsearchClients.connect(url),
        context.getProcessingTimeService(),
        maxBatch,
        maxDelay,
        projection,
        Telemetry.tracer(Telemetry.shared(telemetry)),
        trace);
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final ElasticsearchClients clients;
    private final BulkWriter bulk;
    private final ProcessingTimeService time;
    private final int maxBatch;
    private final long maxDelayMs;
    private final Projection<T> projection;
    private final Tracer tracer;
    private final Trace<T> trace;
    private final List<IndexWrite> pending = new ArrayList<>();

    /** The spans of the traced records whose writes are pending; ended with their bulk request. */
    private final List<Span> spans = new ArrayList<>();

    private boolean flushScheduled;

    Writer(
        ElasticsearchClients clients,
        ProcessingTimeService time,
        int maxBatch,
        Duration maxDelay,
        Projection<T> projection,
        Tracer tracer,
        Trace<T> trace) {
      this.clients = clients;
      this.projection = projection;
      this.bulk = new BulkWriter(clients.client());
      this.time = time;
      this.maxBatch = maxBatch;
      this.maxDelayMs = maxDelay.toMillis();
      this.tracer = tracer;
      this.trace = trace;
    }

    @Override
    public void write(T record, Context context) throws IOException {
      List<? extends IndexWrite> writes = projection.of(record);
      Optional<String> parent = trace.traceparent(record);
      if (parent.isPresent() && !writes.isEmpty()) {
        spans.add(
            tracer
                .spanBuilder("elasticsearch bulk")
                .setParent(TraceHeaders.context(parent))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system.name", "elasticsearch")
                .setAttribute("db.operation.name", "bulk")
                .setAttribute("rehearse.writes", (long) writes.size())
                .startSpan());
      }
      pending.addAll(writes);
      if (pending.size() >= maxBatch) {
        send();
      } else if (!pending.isEmpty() && !flushScheduled) {
        flushScheduled = true;
        // the callback runs in the task's mailbox thread, never beside write()
        time.registerTimer(time.getCurrentProcessingTime() + maxDelayMs, ts -> send());
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      send();
    }

    private void send() throws IOException {
      flushScheduled = false;
      if (pending.isEmpty()) {
        return;
      }
      try {
        bulk.write(List.copyOf(pending));
      } catch (IOException | RuntimeException e) {
        spans.forEach(span -> span.setStatus(StatusCode.ERROR, e.toString()));
        throw e;
      } finally {
        endSpans();
      }
      pending.clear();
    }

    private void endSpans() {
      spans.forEach(Span::end);
      spans.clear();
    }

    @Override
    public void close() throws IOException {
      endSpans();
      clients.close();
    }
  }
}
