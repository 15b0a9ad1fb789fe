package dev.rehearse.stream;

import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.ElasticsearchClients;
import dev.rehearse.search.Projections;
import dev.rehearse.search.Upsert;
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
 * Projects session events onto Elasticsearch ({@code sessions}, {@code turns}) as idempotent
 * upserts. Writes are batched: a batch goes out when it is full, when it is {@code maxDelay} old,
 * and at every checkpoint, so nothing acknowledged by a checkpoint is left unwritten.
 */
public final class ElasticsearchProjectionSink implements Sink<SessionEvent> {

  private static final long serialVersionUID = 1L;

  private final URI url;
  private final int maxBatch;
  private final Duration maxDelay;

  public ElasticsearchProjectionSink(URI url, int maxBatch, Duration maxDelay) {
    this.url = url;
    this.maxBatch = maxBatch;
    this.maxDelay = maxDelay;
  }

  @Override
  public SinkWriter<SessionEvent> createWriter(WriterInitContext context) {
    return new Writer(
        ElasticsearchClients.connect(url), context.getProcessingTimeService(), maxBatch, maxDelay);
  }

  private static final class Writer implements SinkWriter<SessionEvent> {
    private final ElasticsearchClients clients;
    private final BulkWriter bulk;
    private final ProcessingTimeService time;
    private final int maxBatch;
    private final long maxDelayMs;
    private final List<Upsert> pending = new ArrayList<>();
    private boolean flushScheduled;

    Writer(
        ElasticsearchClients clients, ProcessingTimeService time, int maxBatch, Duration maxDelay) {
      this.clients = clients;
      this.bulk = new BulkWriter(clients.client());
      this.time = time;
      this.maxBatch = maxBatch;
      this.maxDelayMs = maxDelay.toMillis();
    }

    @Override
    public void write(SessionEvent event, Context context) throws IOException {
      pending.addAll(Projections.of(event));
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
