package dev.rehearse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** Each use's settings, value by value: they are the ones each client had before they met here. */
class KafkaSettingsTest {

  private static final String BOOTSTRAP = "127.0.0.1:9092";

  private static Map<Object, Object> of(Properties p) {
    return Map.copyOf(p);
  }

  @Test
  void aProducerIsDurableAndIdempotent() {
    assertThat(of(KafkaSettings.producer(BOOTSTRAP)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("bootstrap.servers", BOOTSTRAP, "acks", "all", "enable.idempotence", "true"));
  }

  @Test
  void theApisProducerSendsAtOnceAndGivesUpInBoundedTime() {
    assertThat(of(KafkaSettings.requestProducer(BOOTSTRAP)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers", BOOTSTRAP,
                "acks", "all",
                "enable.idempotence", "true",
                "linger.ms", "0",
                "delivery.timeout.ms", "5000",
                "request.timeout.ms", "4000",
                "max.block.ms", "5000"));
  }

  @Test
  void theStreamProducerWaitsAFewMillisecondsToSendRecordsTogether() {
    assertThat(of(KafkaSettings.streamProducer(BOOTSTRAP)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers",
                BOOTSTRAP,
                "acks",
                "all",
                "enable.idempotence",
                "true",
                "linger.ms",
                "5"));
  }

  @Test
  void readersHaveNoGroupAndCommitNothing() {
    assertThat(of(KafkaSettings.reader(BOOTSTRAP)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("bootstrap.servers", BOOTSTRAP, "enable.auto.commit", "false"));
    // the live reader follows its topics all the time: an idle fetch waits 5 s on the broker
    assertThat(of(KafkaSettings.liveReader(BOOTSTRAP)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers",
                BOOTSTRAP,
                "enable.auto.commit",
                "false",
                "fetch.max.wait.ms",
                "5000"));
    assertThat(of(KafkaSettings.committedReader(BOOTSTRAP)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers",
                BOOTSTRAP,
                "enable.auto.commit",
                "false",
                "isolation.level",
                "read_committed"));
  }

  @Test
  void consumersCommitThemselves() {
    assertThat(of(KafkaSettings.consumer(BOOTSTRAP, "g")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers", BOOTSTRAP,
                "group.id", "g",
                "enable.auto.commit", "false",
                "fetch.max.wait.ms", "5000"));
    assertThat(of(KafkaSettings.workConsumer(BOOTSTRAP, "g", Duration.ofHours(2))))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers", BOOTSTRAP,
                "group.id", "g",
                "enable.auto.commit", "false",
                "fetch.max.wait.ms", "5000",
                "auto.offset.reset", "earliest",
                "max.poll.records", "1",
                "max.poll.interval.ms", "7200000"));
  }

  @Test
  void anIdleFetchIsHeldWellWithinTheClientsRequestTimeout() {
    // a held fetch that outlived request.timeout.ms would be cancelled and its connection dropped
    Object requestTimeout =
        ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG);
    long fetchWait =
        Long.parseLong(
            KafkaSettings.liveReader(BOOTSTRAP)
                .getProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));

    assertThat(fetchWait).isLessThanOrEqualTo(((Number) requestTimeout).longValue() / 2);
  }

  @Test
  void theAdminClientFailsFast() {
    assertThat(of(KafkaSettings.admin(BOOTSTRAP)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers",
                BOOTSTRAP,
                "request.timeout.ms",
                "5000",
                "default.api.timeout.ms",
                "10000"));
  }

  @Test
  void eachCallGivesSettingsOfItsOwn() {
    Properties mine = KafkaSettings.producer(BOOTSTRAP);
    mine.put("linger.ms", "5");

    assertThat(KafkaSettings.producer(BOOTSTRAP)).doesNotContainKey("linger.ms");
  }
}
