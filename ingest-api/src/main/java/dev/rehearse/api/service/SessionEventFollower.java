package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import dev.rehearse.kafka.KeyPartitions;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams' events: every event of the sessions this instance streams, read from {@code
 * rehearse.session-events} whichever instance published their commands. The topic is keyed by
 * session id, so a session's events are all on one partition ({@link KeyPartitions}): the follower
 * reads only the partitions that hold a watched session, from their end at the moment the watch
 * began, and none while no stream is open. An open stream costs its instance the other events of
 * its partition (a quarter of all events with four partitions, all of them once streams cover every
 * partition); no stream, no cost.
 *
 * <p>One thread owns the consumer (group-less, {@code assign()}); a watch or the last unwatch of a
 * partition changes what it reads at its next poll, a new partition at once (the poll is woken).
 */
public final class SessionEventFollower implements SessionWatch, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionEventFollower.class);
  // records end a poll at once, a watch wakes it: the timeout only sets how often an idle poll of
  // watched partitions returns empty, and how long a partition no longer watched is still read
  private static final Duration POLL = TopicReader.POLL;

  private final String topic;
  private final ObjectMapper mapper;
  private final Duration positionTimeout;
  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final Thread thread;
  private final AtomicLong consumed = new AtomicLong();
  private final Object lock = new Object();
  // guarded by lock: the watchers by session; the topic's partitions (0 until known); the
  // partitions read and positioned on; the changes to the watchers made, and those the partitions
  // read reflect
  private final Map<String, Set<Consumer<SessionEvent>>> watchers = new HashMap<>();
  private int partitionCount;
  private Set<Integer> positioned = Set.of();
  private long requested;
  private long applied;
  private volatile boolean closing;

  /**
   * @param positionTimeout how long a watch waits for the thread to read its session's partition
   */
  public SessionEventFollower(
      String bootstrap, String topic, ObjectMapper mapper, Duration positionTimeout) {
    this(
        KafkaClients.rawConsumer(KafkaSettings.liveReader(bootstrap)),
        topic,
        mapper,
        positionTimeout);
  }

  /** A follower reading with {@code consumer}, which it owns (and closes). */
  SessionEventFollower(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      ObjectMapper mapper,
      Duration positionTimeout) {
    this.topic = topic;
    this.mapper = mapper;
    this.positionTimeout = positionTimeout;
    this.consumer = consumer;
    this.thread = new Thread(this::run, "session-streams-reader");
    thread.setDaemon(true);
  }

  /** Starts the thread; returns once the topic's partitions are known. */
  public SessionEventFollower start(Duration timeout) throws InterruptedException {
    thread.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (partitionCount == 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !thread.isAlive()) {
          throw new IllegalStateException("could not read the partitions of " + topic);
        }
        lock.wait(Math.min(left, 200));
      }
    }
    return this;
  }

  @Override
  public void watch(String sessionId, Consumer<SessionEvent> watcher) {
    int partition;
    long change;
    synchronized (lock) {
      watchers.computeIfAbsent(sessionId, id -> new LinkedHashSet<>()).add(watcher);
      partition = KeyPartitions.of(sessionId, partitionCount);
      change = ++requested;
      lock.notifyAll();
    }
    consumer.wakeup(); // the thread may be in a poll of other partitions
    long deadline = System.nanoTime() + positionTimeout.toNanos();
    try {
      synchronized (lock) {
        while (applied < change || !positioned.contains(partition)) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0 || closing) {
            LOG.warn("the stream of session {} may miss events: {} is slow", sessionId, topic);
            return;
          }
          lock.wait(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void unwatch(String sessionId, Consumer<SessionEvent> watcher) {
    boolean last = false;
    synchronized (lock) {
      Set<Consumer<SessionEvent>> set = watchers.get(sessionId);
      if (set != null && set.remove(watcher) && set.isEmpty()) {
        watchers.remove(sessionId);
        requested++; // its partition is dropped if no other session needs it
        last = true;
      }
    }
    if (last) {
      // the thread may wait in a poll of up to 30 s, reading that partition all the while
      consumer.wakeup();
    }
  }

  /** How many records this follower has read since it started. */
  public long consumed() {
    return consumed.get();
  }

  /** How many watchers are registered. */
  public int watching() {
    synchronized (lock) {
      return watchers.values().stream().mapToInt(Set::size).sum();
    }
  }

  /** The partitions read now. */
  public Set<Integer> reading() {
    synchronized (lock) {
      return positioned;
    }
  }

  public boolean alive() {
    return thread.isAlive();
  }

  private void run() {
    try {
      int count = consumer.partitionsFor(topic).size();
      synchronized (lock) {
        partitionCount = count;
        lock.notifyAll();
      }
      Set<Integer> assigned = Set.of();
      while (!closing) {
        try {
          Change change = awaitChange(count, assigned);
          if (change == null) {
            return;
          }
          if (!change.wanted().equals(assigned)) {
            reassign(assigned, change.wanted());
            assigned = change.wanted();
          }
          synchronized (lock) {
            positioned = assigned;
            applied = Math.max(applied, change.upTo());
            lock.notifyAll();
          }
          if (assigned.isEmpty()) {
            continue; // nothing to read: wait for a watch
          }
          ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
          consumed.addAndGet(records.count());
          for (ConsumerRecord<String, byte[]> record : records) {
            handOver(record);
          }
        } catch (WakeupException woken) {
          // a watch needs a partition, or the follower is closing: the loop looks again
        }
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("the session streams' reader stopped", e);
    } finally {
      consumer.close();
    }
  }

  /** The partitions to read, reflecting the watchers' changes up to {@code upTo}. */
  private record Change(Set<Integer> wanted, long upTo) {}

  /**
   * The partitions of the watched sessions; while none is watched, waits for a watch (null when
   * closing). Computed again only after a change to the watchers.
   */
  private Change awaitChange(int count, Set<Integer> assigned) throws InterruptedException {
    synchronized (lock) {
      while (!closing && requested == applied && assigned.isEmpty()) {
        lock.wait();
      }
      if (closing) {
        return null;
      }
      if (requested == applied) {
        return new Change(assigned, applied);
      }
      Set<Integer> wanted = new HashSet<>();
      for (String sessionId : watchers.keySet()) {
        wanted.add(KeyPartitions.of(sessionId, count));
      }
      return new Change(Set.copyOf(wanted), requested);
    }
  }

  /**
   * Reads {@code wanted}: a partition read already keeps its position, a new one starts at its end
   * (the watch that asked for it waits until then, so it misses nothing).
   */
  private void reassign(Set<Integer> assigned, Set<Integer> wanted) {
    List<TopicPartition> all = wanted.stream().map(p -> new TopicPartition(topic, p)).toList();
    consumer.assign(all);
    List<TopicPartition> added =
        all.stream().filter(tp -> !assigned.contains(tp.partition())).toList();
    if (!added.isEmpty()) {
      consumer.seekToEnd(added);
      added.forEach(consumer::position); // looks the end up now, not at the next poll
    }
    if (!wanted.isEmpty()) {
      LOG.debug("session streams read partitions {} of {}", wanted, topic);
    }
  }

  private void handOver(ConsumerRecord<String, byte[]> record) {
    List<Consumer<SessionEvent>> watching;
    synchronized (lock) {
      Set<Consumer<SessionEvent>> set = watchers.get(record.key());
      watching = set == null ? null : List.copyOf(set);
    }
    if (watching == null) {
      return; // another session of the partition: read, not parsed
    }
    SessionEvent event;
    try {
      event = mapper.readValue(record.value(), SessionEvent.class);
    } catch (IOException e) {
      LOG.warn("skipping a malformed session event at offset {}", record.offset());
      return;
    }
    for (Consumer<SessionEvent> watcher : watching) {
      try {
        watcher.accept(event);
      } catch (RuntimeException e) {
        LOG.debug("a session stream watcher failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    consumer.wakeup();
    thread.join(5_000);
  }
}
