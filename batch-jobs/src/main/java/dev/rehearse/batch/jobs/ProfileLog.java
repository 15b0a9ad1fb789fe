package dev.rehearse.batch.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code rehearse.profiles} topic, the source of truth of profiles, from given
 * offsets to its end: the latest record of each user (empty for an erasure) and where it stopped.
 * Read without a consumer group: nothing is committed.
 */
public final class ProfileLog {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileLog.class);

  /** The changes read, by user in the order last seen, and the offsets after them. */
  record Changes(
      Map<String, Optional<ProfileRecord>> latest, Map<TopicPartition, Long> endOffsets) {}

  private final String bootstrap;
  private final ObjectMapper mapper = Json.newMapper();

  /**
   * @param bootstrap the Kafka brokers
   */
  public ProfileLog(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Everything from the start of every partition. */
  Changes readAll() {
    return read(Map.of());
  }

  /** From {@code from} (the start of a partition it does not name) to the end, as of now. */
  Changes read(Map<TopicPartition, Long> from) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            KafkaSettings.committedReader(bootstrap),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.PROFILES.name(), Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      for (TopicPartition partition : partitions) {
        consumer.seek(partition, from.getOrDefault(partition, 0L));
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Map<String, Optional<ProfileRecord>> latest = new LinkedHashMap<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))
              || r.key() == null) {
            continue;
          }
          String userId = new String(r.key(), StandardCharsets.UTF_8);
          try {
            latest.remove(userId);
            latest.put(userId, ProfileRecord.decode(userId, r.value(), mapper));
          } catch (IOException e) {
            LOG.warn(
                "skipping a malformed profile record at offset {}: {}", r.offset(), e.getMessage());
          }
        }
      }
      return new Changes(latest, end);
    }
  }
}
