package dev.rehearse.core.topics;

/**
 * A Kafka topic of Rehearse: its name, what its key holds, the type of its values, and how it is
 * created.
 *
 * @param key what the record key is (every key is a UTF-8 string)
 * @param compacted whether the topic keeps only the latest value per key
 */
public record Topic<V>(
    String name, String key, Class<V> valueType, int partitions, boolean compacted) {}
