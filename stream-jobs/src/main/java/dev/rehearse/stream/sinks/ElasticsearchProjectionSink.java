package dev.rehearse.stream.sinks;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.rehearse.kafka.TraceHeaders;
import dev.rehearse.observability.Telemetry;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.IndexWrite;
import dev.rehearse.search.IndexWriteCodec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects records onto Elasticsearch as idempotent writes ({@code projection} says which: session
 * events onto {@code sessions} and {@code turns}, profiles onto {@code profiles}). Writes are
 * batched: a batch goes out when it is full, when it is {@code maxDelay} old, and at every
 * checkpoint. While Elasticsearch does not answer (or answers that it cannot take writes yet, as
 * while it starts), the writes wait and are sent again with a growing pause; the rest of the job
 * goes on (replies do not wait for the index), and a checkpoint keeps the waiting writes in its
 * state, so nothing acknowledged by a checkpoint is lost. Past {@link #MAX_KEPT} waiting writes the
 * sink fails the job, which restarts from its last checkpoint. A traced record's writes are a span
 * of its trace, from the record's arrival to the bulk request's answer.
 */
public final class ElasticsearchProjectionSink<T>
    implements Sink<T>, SupportsWriterState<T, List<IndexWrite>> {

  /**
   * The most writes kept while Elasticsearch does not take them: some 4 minutes of answers at 100 a
   * second (two writes each), a few tens of megabytes of heap and of checkpoint.
   */
  static final int MAX_KEPT = 50_000;

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchProjectionSink.class);

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
  public StatefulSinkWriter<T, List<IndexWrite>> createWriter(WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<T, List<IndexWrite>> restoreWriter(
      WriterInitContext context, Collection<List<IndexWrite>> kept) {
    List<IndexWrite> waiting = new ArrayList<>();
    kept.forEach(waiting::addAll);
    return new Writer<>(
        ElasticsearchClients.connect(url),
        context.getProcessingTimeService(),
        maxBatch,
        maxDelay,
        projection,
        Telemetry.tracer(Telemetry.shared(telemetry)),
        trace,
        waiting);
  }

  @Override
  public SimpleVersionedSerializer<List<IndexWrite>> getWriterStateSerializer() {
    return new KeptWrites();
  }

  /** The waiting writes in a checkpoint: {@link IndexWriteCodec}'s JSON. */
  static final class KeptWrites implements SimpleVersionedSerializer<List<IndexWrite>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<IndexWrite> writes) throws IOException {
      return IndexWriteCodec.encode(writes);
    }

    @Override
    public List<IndexWrite> deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("kept index writes of an unknown version " + version);
      }
      return IndexWriteCodec.decode(serialized);
    }
  }

  private static final class Writer<T> implements StatefulSinkWriter<T, List<IndexWrite>> {
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

    /** Since when Elasticsearch has not taken the waiting writes (nanoTime); 0 while it does. */
    private long failingSince;

    private Duration nextRetry = FIRST_RETRY;

    Writer(
        ElasticsearchClients clients,
        ProcessingTimeService time,
        int maxBatch,
        Duration maxDelay,
        Projection<T> projection,
        Tracer tracer,
        Trace<T> trace,
        List<IndexWrite> waiting) {
      this.clients = clients;
      this.projection = projection;
      this.bulk = new BulkWriter(clients.client());
      this.time = time;
      this.maxBatch = maxBatch;
      this.maxDelayMs = maxDelay.toMillis();
      this.tracer = tracer;
      this.trace = trace;
      if (!waiting.isEmpty()) {
        // writes a checkpoint kept while Elasticsearch was away: sent first
        pending.addAll(waiting);
        LOG.info("{} index writes kept by the checkpoint are sent again", waiting.size());
        schedule(0);
      }
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
      if (failingSince != 0) {
        // Elasticsearch is away: the retry timer sends, no record waits for it
        if (pending.size() > MAX_KEPT) {
          throw new IOException(
              "Elasticsearch has taken no writes for "
                  + Duration.ofNanos(System.nanoTime() - failingSince).toSeconds()
                  + " s and "
                  + pending.size()
                  + " wait: the job restarts from its last checkpoint");
        }
      } else if (pending.size() >= maxBatch) {
        send(false);
      } else if (!pending.isEmpty()) {
        schedule(maxDelayMs);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      // at a checkpoint, what Elasticsearch does not take now goes into the checkpoint's state
      send(endOfInput);
    }

    @Override
    public List<List<IndexWrite>> snapshotState(long checkpointId) {
      return pending.isEmpty() ? List.of() : List.of(List.copyOf(pending));
    }

    /** A send in {@code delayMs}, unless one is due; it runs in the task's mailbox thread. */
    private void schedule(long delayMs) {
      if (!flushScheduled) {
        flushScheduled = true;
        time.registerTimer(time.getCurrentProcessingTime() + delayMs, ts -> send(false));
      }
    }

    /**
     * Sends the oldest batch of waiting writes, or, when {@code strict}, all of them, in order; a
     * backlog (what waited while Elasticsearch was away) goes one batch per turn of the task, so
     * the records waiting behind it, and their replies, are not held up. When Elasticsearch is away
     * (or not ready for writes) the writes wait for a retry, unless {@code strict}; a write it
     * refuses fails the job.
     */
    private void send(boolean strict) throws IOException {
      flushScheduled = false;
      try {
        do {
          List<IndexWrite> batch = pending.subList(0, Math.min(maxBatch, pending.size()));
          bulk.write(List.copyOf(batch));
          batch.clear();
        } while (strict && !pending.isEmpty());
      } catch (IOException | RuntimeException e) {
        spans.forEach(span -> span.setStatus(StatusCode.ERROR, e.toString()));
        endSpans();
        if (strict || !retryable(e)) {
          throw e;
        }
        if (failingSince == 0) {
          failingSince = System.nanoTime();
          LOG.warn(
              "Elasticsearch takes no writes ({}); {} wait and are sent again until it does",
              e.toString(),
              pending.size());
        }
        schedule(nextRetry.toMillis());
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
        return;
      }
      endSpans();
      if (failingSince != 0) {
        LOG.info(
            "Elasticsearch takes writes again after {} s",
            Duration.ofNanos(System.nanoTime() - failingSince).toSeconds());
        failingSince = 0;
        nextRetry = FIRST_RETRY;
      }
      if (!pending.isEmpty()) {
        schedule(0);
      }
    }

    /** A failure of the cluster's state or of the connection, not of the writes themselves. */
    private static boolean retryable(Exception e) {
      if (e instanceof BulkWriter.ItemsFailed failed) {
        return failed.retryable();
      }
      if (e instanceof ElasticsearchException refused) {
        return BulkWriter.retryable(refused.status());
      }
      return e instanceof IOException;
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
