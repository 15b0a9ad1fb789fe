package dev.rehearse.api.service;

import dev.rehearse.core.topics.Topic;

/**
 * Where the API sends what it accepted: commands and records on the topics of {@code Topics}. A
 * call returns only once the broker acknowledged the record, so a 2xx reply means it is stored; a
 * record that could not be stored is a 503 {@link Problem}.
 */
public interface CommandBus {

  /** Publishes {@code value} under {@code key}; returns where the broker stored it. */
  <V> Acknowledged publish(Topic<V> topic, String key, V value);

  /** Publishes a tombstone (no value) under {@code key} of a compacted topic. */
  <V> Acknowledged erase(Topic<V> topic, String key);

  /** Where the broker stored a record: a reader that handed it over has seen the write. */
  record Acknowledged(String topic, int partition, long offset) {}
}
