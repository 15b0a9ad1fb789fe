package dev.rehearse.core.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  private static final BatchRequest REQUEST =
      BatchRequest.sessions("b1", BatchJob.ASSESSMENT, "operator", List.of("s1"), Instant.EPOCH);

  @Test
  void everyTopicHasUtf8KeysAndJsonValuesOfItsType() {
    for (Topic<?> topic : Topics.all()) {
      assertThat(topic.keySerde()).isEqualTo(Serde.utf8());
      assertThat(topic.valueSerde()).isEqualTo(Serde.json(topic.valueType()));
    }
  }

  @Test
  void aValueRoundTripsThroughItsTopicsSerde() {
    Serde<BatchRequest> serde = Topics.BATCH_REQUESTS.valueSerde();

    byte[] bytes = serde.toBytes(REQUEST);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"batchId\":\"b1\"")
        .contains("\"at\":\"1970-01-01T00:00:00Z\"");
    assertThat(serde.fromBytes(bytes)).isEqualTo(REQUEST);
  }

  @Test
  void aTombstoneStaysNull() {
    assertThat(Topics.PROFILES.valueSerde().toBytes(null)).isNull();
    assertThat(Topics.PROFILES.valueSerde().fromBytes(null)).isNull();
    assertThat(Topics.PROFILES.keySerde().fromBytes(null)).isNull();
  }

  @Test
  void keysAreUtf8() {
    assertThat(Topics.SESSION_EVENTS.keySerde().toBytes("sessión"))
        .isEqualTo("sessión".getBytes(StandardCharsets.UTF_8));
    assertThat(
            Topics.SESSION_EVENTS.keySerde().fromBytes("sessión".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sessión");
  }

  @Test
  void aMalformedValueIsReportedUnchecked() {
    assertThatThrownBy(
            () ->
                Topics.BATCH_STATUS
                    .valueSerde()
                    .fromBytes("{\"nope\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void repliesAreKeptAnHourAndTheRestAsLongAsTheBrokerKeepsRecords() {
    assertThat(Topics.SESSION_REPLIES.settings())
        .containsExactly(
            Map.entry("cleanup.policy", "delete"),
            Map.entry("retention.ms", "3600000"),
            Map.entry("segment.ms", "600000"));
    assertThat(Topics.SESSION_EVENTS.settings())
        .containsExactly(Map.entry("cleanup.policy", "delete"));
    assertThat(Topics.PROFILES.settings()).containsExactly(Map.entry("cleanup.policy", "compact"));
  }

  @Test
  void aCompactedTopicTakesNoRetention() {
    assertThatThrownBy(
            () ->
                new Topic<>(
                    "t", "k", String.class, 1, true, java.util.Optional.of(Duration.ofHours(1))))
        .hasMessageContaining("compacted");
  }
}
