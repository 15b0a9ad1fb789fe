package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.events.BatchStatus.State;
import dev.rehearse.core.topics.Topics;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest status of recent batches, rebuilt from the batch topics at start (so a restart loses
 * nothing): a request seen means queued, then the runner's statuses; a status never goes back.
 */
public final class BatchView {

  private static final Logger LOG = LoggerFactory.getLogger(BatchView.class);
  private static final int MAX_BATCHES = 10_000;

  /** A batch as the API shows it. */
  public record Entry(BatchRequest request, BatchStatus status) {}

  private final ObjectMapper mapper;
  private final Map<String, Entry> batches =
      new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_BATCHES;
        }
      };

  public BatchView(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public synchronized Optional<Entry> get(String batchId) {
    return Optional.ofNullable(batches.get(batchId));
  }

  public void onRecord(String topic, ConsumerRecord<String, byte[]> record) {
    try {
      if (topic.equals(Topics.BATCH_REQUESTS.name())) {
        BatchRequest request = mapper.readValue(record.value(), BatchRequest.class);
        BatchStatus queued =
            new BatchStatus(
                BatchStatus.SCHEMA_VERSION,
                request.batchId(),
                request.job(),
                State.QUEUED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                request.at());
        synchronized (this) {
          batches.putIfAbsent(request.batchId(), new Entry(request, queued));
        }
      } else {
        BatchStatus status = mapper.readValue(record.value(), BatchStatus.class);
        synchronized (this) {
          batches.computeIfPresent(
              status.batchId(),
              (id, entry) ->
                  status.state().ordinal() >= entry.status().state().ordinal()
                      ? new Entry(entry.request(), status)
                      : entry);
        }
      }
    } catch (IOException e) {
      LOG.warn("skipping a malformed record on {} at offset {}", topic, record.offset());
    }
  }
}
