package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.topics.Topic;
import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command bus on Kafka: an idempotent producer with {@code acks=all}. */
public final class KafkaCommandBus implements CommandBus, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaCommandBus.class);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<String, byte[]> producer;
  private final ObjectMapper mapper;

  public KafkaCommandBus(String bootstrap, ObjectMapper mapper) {
    this.producer = KafkaClients.rawProducer(KafkaSettings.requestProducer(bootstrap));
    this.mapper = mapper;
  }

  @Override
  public <V> Acknowledged publish(Topic<V> topic, String key, V value) {
    return send(topic, key, Json.toBytes(mapper, value));
  }

  @Override
  public <V> Acknowledged erase(Topic<V> topic, String key) {
    if (!topic.compacted()) {
      throw new IllegalArgumentException(topic.name() + " is not compacted");
    }
    return send(topic, key, null);
  }

  private Acknowledged send(Topic<?> topic, String key, byte[] value) {
    try {
      RecordMetadata at =
          producer
              .send(new ProducerRecord<>(topic.name(), key, value))
              .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new Acknowledged(at.topic(), at.partition(), at.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      LOG.error("publishing to {} failed: {}", topic.name(), e.toString());
      throw unavailable();
    }
  }

  private static Problem unavailable() {
    return new Problem(
        503,
        "Service unavailable",
        "the request could not be stored; nothing was accepted, try again",
        Optional.empty());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
