package dev.rehearse.api.service;

import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that reads every partition of some topics, without a consumer group, and hands each
 * record to a handler. It starts at the end (live replies) or at the beginning (rebuilding a view);
 * callers can wait until it has caught up with what was there at start, or until it has handed over
 * a record they published (to read their own write).
 */
public final class TopicReader implements ViewProgress, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final CountDownLatch positioned = new CountDownLatch(1);
  private final Object progress = new Object();
  // next offset to hand over, per partition; guarded by progress
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private Map<TopicPartition, Long> endAtStart = Map.of();

  public TopicReader(
      String name,
      String bootstrap,
      List<String> topics,
      boolean fromBeginning,
      BiConsumer<String, ConsumerRecord<String, byte[]>> handler) {
    consumer = KafkaClients.rawConsumer(KafkaSettings.liveReader(bootstrap));
    thread =
        new Thread(
            () -> {
              try {
                List<TopicPartition> partitions =
                    topics.stream()
                        .flatMap(
                            t ->
                                consumer.partitionsFor(t).stream()
                                    .map(p -> new TopicPartition(t, p.partition())))
                        .toList();
                consumer.assign(partitions);
                if (fromBeginning) {
                  consumer.seekToBeginning(partitions);
                } else {
                  consumer.seekToEnd(partitions);
                }
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                synchronized (progress) {
                  endAtStart = Map.copyOf(ends);
                  partitions.forEach(p -> next.put(p, consumer.position(p)));
                  progress.notifyAll();
                }
                positioned.countDown();
                while (true) {
                  for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    handler.accept(r.topic(), r);
                  }
                  synchronized (progress) {
                    partitions.forEach(p -> next.put(p, consumer.position(p)));
                    progress.notifyAll();
                  }
                }
              } catch (WakeupException stopping) {
                LOG.debug("{} stopping", name);
              } catch (RuntimeException e) {
                LOG.error("{} stopped", name, e);
              } finally {
                consumer.close();
              }
            },
            name);
    thread.setDaemon(true);
  }

  /** Starts reading and returns once positioned on every partition. */
  public TopicReader start(Duration timeout) throws InterruptedException {
    thread.start();
    if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(thread.getName() + " could not reach Kafka in " + timeout);
    }
    return this;
  }

  /** Waits until every record that was on the topics at start has been handed over. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return await(
        timeout,
        () -> endAtStart.entrySet().stream().allMatch(e -> reached(e.getKey(), e.getValue())));
  }

  /** Waits until the record {@code published} has been handed over; false on timeout. */
  @Override
  public boolean awaitHandled(CommandBus.Acknowledged published, Duration timeout)
      throws InterruptedException {
    TopicPartition partition = new TopicPartition(published.topic(), published.partition());
    return await(timeout, () -> reached(partition, published.offset() + 1));
  }

  private boolean reached(TopicPartition partition, long offset) {
    return next.getOrDefault(partition, -1L) >= offset;
  }

  private boolean await(Duration timeout, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (!done.getAsBoolean()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        progress.wait(left);
      }
      return true;
    }
  }

  public boolean alive() {
    return thread.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
