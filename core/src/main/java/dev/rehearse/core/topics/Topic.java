package dev.rehearse.core.topics;

/**
 * A Kafka topic of Rehearse: its name, what its key holds, the type of its values, how it is
 * created, and how its keys and values are written on the wire.
 *
 * @param key what the record key is (every key is a UTF-8 string)
 * @param compacted whether the topic keeps only the latest value per key
 * @param keySerde how keys become bytes and back
 * @param valueSerde how values become bytes and back (a null value is a tombstone)
 */
public record Topic<V>(
    String name,
    String key,
    Class<V> valueType,
    int partitions,
    boolean compacted,
    Serde<String> keySerde,
    Serde<V> valueSerde) {

  /** A topic of UTF-8 keys and JSON values of {@code valueType}, as every Rehearse topic is. */
  public Topic(String name, String key, Class<V> valueType, int partitions, boolean compacted) {
    this(name, key, valueType, partitions, compacted, Serde.utf8(), Serde.json(valueType));
  }
}
