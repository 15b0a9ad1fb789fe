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
 * A thread that reads partitions of some topics (every partition, or those a {@link Partitions}
 * picks), without a consumer group, and hands each record to a handler. It starts at the end (live
 * replies) or at the beginning (rebuilding a view); callers can wait until it has caught up with
 * what was there at start, or until it has handed over a record they published (to read their own
 * write). It counts the records it read ({@link #consumed}).
 */
public final class TopicReader implements ViewProgress, AutoCloseable {

  /** Which partitions of some topics a reader reads, given each topic's partition count. */
  @FunctionalInterface
  public interface Partitions {

    /** The partitions to read; throws {@link IllegalStateException} when they cannot be read. */
    List<TopicPartition> pick(Map<String, Integer> partitionCounts);

    /** Every partition of every topic. */
    static Partitions all() {
      return counts ->
          counts.entrySet().stream()
              .flatMap(
                  e ->
                      java.util.stream.IntStream.range(0, e.getValue())
                          .mapToObj(p -> new TopicPartition(e.getKey(), p)))
              .toList();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

  /**
   * How long one poll waits for records. A poll returns as soon as a fetch brings records (the
   * broker answers a held fetch when a record is appended), and a waiting poll keeps fetching
   * inside the client; so the timeout only sets how often an idle reader wakes to hand over
   * nothing. Closing wakes it at once.
   */
  static final Duration POLL = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final CountDownLatch positioned = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicLong consumed =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile RuntimeException failed;
  private volatile List<TopicPartition> reading = List.of();
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
    this(name, bootstrap, topics, Partitions.all(), fromBeginning, handler);
  }

  /** A reader of the partitions of {@code topics} that {@code partitions} picks. */
  public TopicReader(
      String name,
      String bootstrap,
      List<String> topics,
      Partitions partitions,
      boolean fromBeginning,
      BiConsumer<String, ConsumerRecord<String, byte[]>> handler) {
    consumer = KafkaClients.rawConsumer(KafkaSettings.liveReader(bootstrap));
    thread =
        new Thread(
            () -> {
              try {
                Map<String, Integer> counts = new java.util.LinkedHashMap<>();
                topics.forEach(t -> counts.put(t, consumer.partitionsFor(t).size()));
                List<TopicPartition> assigned;
                try {
                  assigned = partitions.pick(counts);
                } catch (RuntimeException e) {
                  failed = e;
                  positioned.countDown();
                  throw e;
                }
                consumer.assign(assigned);
                reading = List.copyOf(assigned);
                if (fromBeginning) {
                  consumer.seekToBeginning(assigned);
                } else {
                  consumer.seekToEnd(assigned);
                }
                Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
                synchronized (progress) {
                  endAtStart = Map.copyOf(ends);
                  assigned.forEach(p -> next.put(p, consumer.position(p)));
                  progress.notifyAll();
                }
                positioned.countDown();
                while (true) {
                  var records = consumer.poll(POLL);
                  consumed.addAndGet(records.count());
                  for (ConsumerRecord<String, byte[]> r : records) {
                    handler.accept(r.topic(), r);
                  }
                  synchronized (progress) {
                    assigned.forEach(p -> next.put(p, consumer.position(p)));
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

  /**
   * Starts reading and returns once positioned on every partition; throws when the partitions it is
   * to read do not exist.
   */
  public TopicReader start(Duration timeout) throws InterruptedException {
    thread.start();
    if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(thread.getName() + " could not reach Kafka in " + timeout);
    }
    if (failed != null) {
      throw new IllegalStateException(thread.getName() + ": " + failed.getMessage(), failed);
    }
    return this;
  }

  /** The partitions it reads (once started). */
  public List<TopicPartition> reading() {
    return reading;
  }

  /** How many records this reader has read since it started. */
  public long consumed() {
    return consumed.get();
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
