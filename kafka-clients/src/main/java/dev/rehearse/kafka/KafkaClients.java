package dev.rehearse.kafka;

import dev.rehearse.core.topics.Topic;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka producers and consumers with {@link KafkaSettings} and the registry's serdes: typed ones
 * for a single topic, and raw ones (UTF-8 keys, values as bytes) for clients of several topics and
 * readers that check each record themselves.
 */
public final class KafkaClients {

  private KafkaClients() {}

  /** A producer of {@code topic}'s records. */
  public static <V> KafkaProducer<String, V> producer(Properties settings, Topic<V> topic) {
    return new KafkaProducer<>(
        settings, TopicSerdes.keySerializer(), TopicSerdes.valueSerializer(topic));
  }

  /** A consumer of {@code topic}'s records; a malformed value fails the poll that reads it. */
  public static <V> KafkaConsumer<String, V> consumer(Properties settings, Topic<V> topic) {
    return new KafkaConsumer<>(
        settings, TopicSerdes.keyDeserializer(), TopicSerdes.valueDeserializer(topic));
  }

  /** A producer of values already written as bytes, to any topic. */
  public static KafkaProducer<String, byte[]> rawProducer(Properties settings) {
    return new KafkaProducer<>(settings, TopicSerdes.keySerializer(), new ByteArraySerializer());
  }

  /** A consumer of values as bytes, from any topic: the caller reads and checks each value. */
  public static KafkaConsumer<String, byte[]> rawConsumer(Properties settings) {
    return new KafkaConsumer<>(
        settings, TopicSerdes.keyDeserializer(), new ByteArrayDeserializer());
  }
}
