package dev.rehearse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TopicSerdesTest {

  @Test
  void keysAreWrittenAsKafkasStringSerializerWritesThem() {
    try (StringSerializer kafkas = new StringSerializer()) {
      assertThat(TopicSerdes.keySerializer().serialize("t", "sessión-1"))
          .isEqualTo(kafkas.serialize("t", "sessión-1"));
    }
    assertThat(TopicSerdes.keyDeserializer().deserialize("t", "k".getBytes())).isEqualTo("k");
  }

  @Test
  void aTopicsValuesRoundTripAndATombstoneStaysNull() {
    BatchRequest request =
        BatchRequest.sessions("b1", BatchJob.REINDEX, "operator", List.of(), Instant.EPOCH);
    String topic = Topics.BATCH_REQUESTS.name();

    byte[] bytes = TopicSerdes.valueSerializer(Topics.BATCH_REQUESTS).serialize(topic, request);

    assertThat(bytes).isEqualTo(Topics.BATCH_REQUESTS.valueSerde().toBytes(request));
    assertThat(TopicSerdes.valueDeserializer(Topics.BATCH_REQUESTS).deserialize(topic, bytes))
        .isEqualTo(request);
    assertThat(TopicSerdes.valueSerializer(Topics.PROFILES).serialize(topic, null)).isNull();
    assertThat(TopicSerdes.valueDeserializer(Topics.PROFILES).deserialize(topic, null)).isNull();
  }
}
