package dev.rehearse.kafka;

import dev.rehearse.core.topics.Serde;
import dev.rehearse.core.topics.Topic;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializers and deserializers of the topic registry's serdes: {@link Topic#keySerde()} and
 * {@link Topic#valueSerde()}.
 */
public final class TopicSerdes {

  private TopicSerdes() {}

  /** Keys of every topic: UTF-8 strings. */
  public static Serializer<String> keySerializer() {
    return serializer(Serde.utf8());
  }

  /** Keys of every topic: UTF-8 strings. */
  public static Deserializer<String> keyDeserializer() {
    return deserializer(Serde.utf8());
  }

  /** The values of {@code topic}; a null value is a tombstone. */
  public static <V> Serializer<V> valueSerializer(Topic<V> topic) {
    return serializer(topic.valueSerde());
  }

  /**
   * The values of {@code topic}; a tombstone reads as null. A record that is not a {@code V} fails
   * the poll that reads it.
   */
  public static <V> Deserializer<V> valueDeserializer(Topic<V> topic) {
    return deserializer(topic.valueSerde());
  }

  /** A Kafka serializer of {@code serde}. */
  public static <T> Serializer<T> serializer(Serde<T> serde) {
    return (topic, value) -> serde.toBytes(value);
  }

  /** A Kafka deserializer of {@code serde}. */
  public static <T> Deserializer<T> deserializer(Serde<T> serde) {
    return (topic, bytes) -> serde.fromBytes(bytes);
  }
}
