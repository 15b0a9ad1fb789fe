package dev.rehearse.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that reads every partition of some topics, without a consumer group, and hands each
 * record to a handler. It starts at the end (live replies) or at the beginning (rebuilding a view).
 */
final class TopicReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final CountDownLatch positioned = new CountDownLatch(1);

  TopicReader(
      String name,
      String bootstrap,
      List<String> topics,
      boolean fromBeginning,
      BiConsumer<String, ConsumerRecord<String, byte[]>> handler) {
    consumer = new KafkaConsumer<>(KafkaProps.reader(bootstrap));
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
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (true) {
                  for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    handler.accept(r.topic(), r);
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
  TopicReader start(Duration timeout) throws InterruptedException {
    thread.start();
    if (!positioned.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(thread.getName() + " could not reach Kafka in " + timeout);
    }
    return this;
  }

  boolean alive() {
    return thread.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
