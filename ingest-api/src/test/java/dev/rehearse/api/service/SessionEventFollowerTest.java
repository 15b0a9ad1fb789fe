package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.RejectionReason;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.json.Json;
import dev.rehearse.kafka.KeyPartitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionEventFollowerTest {

  private static final String TOPIC = "rehearse.session-events";
  private static final int PARTITIONS = 4;

  private final ObjectMapper mapper = Json.newMapper();
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("latest");
  private SessionEventFollower follower;

  /** A session id on partition {@code partition}, the {@code nth} such. */
  private static String sessionOn(int partition, int nth) {
    return IntStream.range(0, 1_000)
        .mapToObj(i -> "session-" + i)
        .filter(s -> KeyPartitions.of(s, PARTITIONS) == partition)
        .skip(nth)
        .findFirst()
        .orElseThrow();
  }

  @BeforeEach
  void start() throws Exception {
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        TOPIC,
        IntStream.range(0, PARTITIONS)
            .mapToObj(p -> new PartitionInfo(TOPIC, p, node, new Node[0], new Node[0]))
            .toList());
    // events were written before anything was watched
    consumer.updateEndOffsets(
        Map.of(
            new TopicPartition(TOPIC, 0), 7L,
            new TopicPartition(TOPIC, 1), 7L,
            new TopicPartition(TOPIC, 2), 7L,
            new TopicPartition(TOPIC, 3), 7L));
    follower = new SessionEventFollower(consumer, TOPIC, mapper, Duration.ofSeconds(5));
    follower.start(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws Exception {
    follower.close();
  }

  private ConsumerRecord<String, byte[]> event(String sessionId, long offset) {
    SessionEvent event =
        new SessionEvent.CommandRejected(
            1,
            sessionId + "/" + offset,
            sessionId,
            "u",
            "c" + offset,
            RejectionReason.INVALID_ANSWER,
            "no words",
            Instant.EPOCH);
    return new ConsumerRecord<>(
        TOPIC,
        KeyPartitions.of(sessionId, PARTITIONS),
        offset,
        sessionId,
        Json.toBytes(mapper, event));
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void nothingIsReadWhileNoSessionIsWatched() throws Exception {
    Thread.sleep(100);

    assertThat(consumer.assignment()).isEmpty();
    assertThat(follower.reading()).isEmpty();
    assertThat(follower.consumed()).isZero();
  }

  @Test
  void aWatchedSessionsPartitionAloneIsReadFromItsEndAtTheWatch() {
    String watched = sessionOn(2, 0);

    follower.watch(watched, e -> {});

    TopicPartition partition = new TopicPartition(TOPIC, 2);
    assertThat(consumer.assignment()).containsExactly(partition);
    assertThat(consumer.position(partition)).isEqualTo(7L);
    assertThat(follower.reading()).containsExactly(2);
  }

  @Test
  void aWatcherGetsItsSessionsEventsAndNotThoseOfOthersOnThePartition() throws Exception {
    String watched = sessionOn(1, 0);
    String neighbour = sessionOn(1, 1);
    BlockingQueue<SessionEvent> got = new LinkedBlockingQueue<>();
    follower.watch(watched, got::add);

    consumer.addRecord(event(neighbour, 7));
    consumer.addRecord(event(watched, 8));
    consumer.addRecord(event(neighbour, 9));

    SessionEvent first = got.poll(5, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(first.sessionId()).isEqualTo(watched);
    eventually(() -> follower.consumed() == 3);
    assertThat(got).isEmpty();
  }

  @Test
  void sessionsOnSeveralPartitionsAreReadTogetherAndTheLastUnwatchStopsTheReading()
      throws Exception {
    Consumer<SessionEvent> a = e -> {};
    Consumer<SessionEvent> b = e -> {};
    follower.watch(sessionOn(0, 0), a);
    follower.watch(sessionOn(3, 0), b);
    assertThat(follower.reading()).containsExactlyInAnyOrder(0, 3);

    follower.unwatch(sessionOn(0, 0), a);
    eventually(() -> follower.reading().equals(java.util.Set.of(3)));
    assertThat(consumer.assignment()).containsExactly(new TopicPartition(TOPIC, 3));

    follower.unwatch(sessionOn(3, 0), b);
    eventually(() -> follower.reading().isEmpty());
    assertThat(consumer.assignment()).isEmpty();
    assertThat(follower.watching()).isZero();
  }

  @Test
  void aPartitionStillWatchedKeepsItsPositionWhenAnotherIsAdded() throws Exception {
    String first = sessionOn(1, 0);
    BlockingQueue<SessionEvent> got = new LinkedBlockingQueue<>();
    follower.watch(first, got::add);
    consumer.addRecord(event(first, 7));
    assertThat(got.poll(5, TimeUnit.SECONDS)).isNotNull();

    follower.watch(sessionOn(2, 0), e -> {});

    assertThat(consumer.position(new TopicPartition(TOPIC, 1))).isEqualTo(8L);
    consumer.addRecord(event(first, 8));
    assertThat(got.poll(5, TimeUnit.SECONDS))
        .extracting(SessionEvent::eventId)
        .isEqualTo(first + "/8");
    assertThat(List.copyOf(got)).isEmpty();
  }
}
