package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What a request hears while the broker cannot take its record: a 503 that says when to retry. */
class KafkaCommandBusTest {

  private final Tracer tracer = TracerProvider.noop().get("test");

  @Test
  void aRecordTheBrokerNeverAcknowledgesIsA503WithRetryAfterWithinTheWait() {
    // given a broker that does not answer (the producer's send never completes)
    MockProducer<String, byte[]> producer = unansweredProducer();
    KafkaCommandBus bus =
        new KafkaCommandBus(producer, Json.newMapper(), tracer, 0, Duration.ofMillis(300));

    // when a command is published
    long t0 = System.nanoTime();
    Problem problem =
        catchThrowableOfType(
            () -> bus.publish(Topics.SESSION_COMMANDS, "s-1", null), Problem.class);

    // then the request is answered 503 with Retry-After once the wait is over, not later
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.retryAfter()).contains(KafkaCommandBus.RETRY_AFTER);
    assertThat(problem.getMessage()).contains("nothing was accepted");
  }

  @Test
  void aRecordTheProducerGaveUpOnIsA503WithRetryAfter() {
    // given a producer that fails the record (its delivery timeout passed with the broker away)
    MockProducer<String, byte[]> producer = unansweredProducer();
    KafkaCommandBus bus = new KafkaCommandBus(producer, Json.newMapper(), tracer, 0);
    failNext(producer, new TimeoutException("expired"));

    // when a command is published
    Problem problem = refusal(bus);

    // then it is refused, saying when to try again
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.retryAfter()).contains(KafkaCommandBus.RETRY_AFTER);
  }

  @Test
  void whileTheBrokerIsAwayRequestsAreRefusedAtOnceAndOneProbesUntilARecordIsDelivered()
      throws Exception {
    // given a broker that failed a record (unreachable: the producer's delivery timeout ran out)
    MockProducer<String, byte[]> producer = unansweredProducer();
    KafkaCommandBus bus =
        new KafkaCommandBus(producer, Json.newMapper(), tracer, 0, Duration.ofSeconds(30));
    failNext(producer, new TimeoutException("expired"));
    assertThat(refusal(bus)).isNotNull();
    int sentBeforeOutage = producer.history().size();

    // when one request probes the broker (its send waits) and others come meanwhile
    CompletableFuture<Problem> probe = CompletableFuture.supplyAsync(() -> refusal(bus));
    within(() -> producer.history().size() > sentBeforeOutage, "the probe is sent");
    long t0 = System.nanoTime();
    Problem refused = refusal(bus);

    // then those are refused at once with Retry-After, and nothing of theirs reaches the producer
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.retryAfter()).contains(KafkaCommandBus.RETRY_AFTER);
    assertThat(producer.history()).hasSize(sentBeforeOutage + 1);

    // and once the probe's record is delivered, requests are sent again
    assertThat(producer.completeNext()).isTrue();
    assertThat(probe.get(5, TimeUnit.SECONDS)).isNull();
    CompletableFuture<Problem> after = CompletableFuture.supplyAsync(() -> refusal(bus));
    within(producer::completeNext, "the next command is sent");
    assertThat(after.get(5, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void aRecordRefusedForItselfDoesNotMakeTheBrokerAway() throws Exception {
    // given a record the broker refuses for what it is (too large), not for being unreachable
    MockProducer<String, byte[]> producer = unansweredProducer();
    KafkaCommandBus bus =
        new KafkaCommandBus(producer, Json.newMapper(), tracer, 0, Duration.ofSeconds(30));
    failNext(producer, new RecordTooLargeException("too large"));
    assertThat(refusal(bus)).isNotNull();

    // when the next command is published, then it is sent, not refused at once
    CompletableFuture<Problem> next = CompletableFuture.supplyAsync(() -> refusal(bus));
    within(producer::completeNext, "the next command is sent");
    assertThat(next.get(5, TimeUnit.SECONDS)).isNull();
  }

  /** Publishes one command; the problem it was refused with, or null when it was acknowledged. */
  private static Problem refusal(KafkaCommandBus bus) {
    return catchThrowableOfType(
        () -> bus.publish(Topics.SESSION_COMMANDS, "s-1", null), Problem.class);
  }

  /**
   * Fails the next record sent to the producer with {@code error}, once it has been sent (if one is
   * within five seconds; else the test fails on its own assertions).
   */
  private static void failNext(MockProducer<String, byte[]> producer, RuntimeException error) {
    Thread failer =
        new Thread(() -> within(() -> producer.errorNext(error), "a command is sent to be failed"));
    failer.start();
  }

  /** A producer whose sends complete only when the test says so. */
  private static MockProducer<String, byte[]> unansweredProducer() {
    return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  }

  /** Waits until {@code done} holds, failing the test if it does not within 5 s. */
  private static void within(java.util.function.BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 5 s: " + what);
      }
      Thread.onSpinWait();
    }
  }
}
