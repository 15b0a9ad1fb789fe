package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topics;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
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
    MockProducer<String, byte[]> producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
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
  void aRecordTheProducerGaveUpOnIsA503WithRetryAfter() throws Exception {
    // given a producer that fails the record (its delivery timeout passed with the broker away)
    MockProducer<String, byte[]> producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    KafkaCommandBus bus = new KafkaCommandBus(producer, Json.newMapper(), tracer, 0);
    Thread failer =
        new Thread(
            () -> {
              while (!producer.errorNext(new TimeoutException("expired"))) {
                Thread.onSpinWait();
              }
            });
    failer.start();

    // when a command is published
    Problem problem =
        catchThrowableOfType(
            () -> bus.publish(Topics.SESSION_COMMANDS, "s-1", null), Problem.class);
    failer.join();

    // then it is refused, saying when to try again
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.retryAfter()).contains(KafkaCommandBus.RETRY_AFTER);
  }
}
