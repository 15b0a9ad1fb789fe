package dev.rehearse.stream.sinks;

import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.IndexWrite;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Projects records onto Elasticsearch as idempotent writes ({@code projection} says which: session
 * events onto {@code sessions} and {@code turns}, profiles onto {@code profiles}). Writes are
 * batched: a batch goes out when it is full, when it is {@code maxDelay} old, and at every
 * checkpoint, so nothing acknowledged by a checkpoint is left unwritten.
 */
public final class ElasticsearchProjectionSink<T> implements Sink<T> {

  /** The writes a record causes; serializable, as it travels with the job graph. */
  @FunctionalInterface
  public interface Projection<T> extends java.io.Serializable {
    List<? extends IndexWrite> of(T record);
  }

  private static final long serialVersionUID = 1L;

  private final URI url;
  private final int maxBatch;
  private final Duration maxDelay;
  private final Projection<T> projection;

  public ElasticsearchProjectionSink(
      URI url, int maxBatch, Duration maxDelay, Projection<T> projection) {
    this.url = url;
    this.projection = projection;
    this.maxBatch = maxBatch;
    this.maxDelay = maxDelay;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new Writer<>(
        ElasticsearchClients.connect(url),
        context.getProcessingTimeService(),
        maxBatch,
        maxDelay,
        projection);
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final ElasticsearchClients clients;
    private final BulkWriter bulk;
    private final ProcessingTimeService time;
    private final int maxBatch;
    private final long maxDelayMs;
    private final Projection<T> projection;
    private final List<IndexWrite> pending = new ArrayList<>();
    private boolean flushScheduled;

    Writer(
        ElasticsearchClients clients,
        ProcessingTimeService time,
        int maxBatch,
        Duration maxDelay,
        Projection<T> projection) {
      this.clients = clients;
      this.projection = projection;
      this.bulk = new BulkWriter(clients.client());
      this.time = time;
      this.maxBatch = maxBatch;
      this.maxDelayMs = maxDelay.toMillis();
    }

    @Override
    public void write(T record, Context context) throws IOException {
      pending.addAll(projection.of(record));
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
      bulk.write(List.copyOf(pending));
      pending.clear();
    }

    @Override
    public void close() throws IOException {
      clients.close();
    }
  }
}
