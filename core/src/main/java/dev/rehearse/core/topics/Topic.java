package dev.rehearse.core.topics;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Kafka topic of Rehearse: its name, what its key holds, the type of its values, how it is
 * created, and how its keys and values are written on the wire.
 *
 * @param key what the record key is (every key is a UTF-8 string)
 * @param compacted whether the topic keeps only the latest value per key
 * @param retention how long records are kept before they may be deleted; empty for the broker's
 *     default (7 days)
 * @param keySerde how keys become bytes and back
 * @param valueSerde how values become bytes and back (a null value is a tombstone)
 */
public record Topic<V>(
    String name,
    String key,
    Class<V> valueType,
    int partitions,
    boolean compacted,
    Optional<Duration> retention,
    Serde<String> keySerde,
    Serde<V> valueSerde) {

  /** A log segment closes after this share of the retention, so old records go soon after it. */
  private static final int SEGMENTS_PER_RETENTION = 6;

  public Topic {
    if (compacted && retention.isPresent()) {
      throw new IllegalArgumentException(name + ": a compacted topic keeps its latest values");
    }
  }

  /**
   * A topic of UTF-8 keys and JSON values of {@code valueType}, as every Rehearse topic is, kept as
   * long as the broker keeps records by default.
   */
  public Topic(String name, String key, Class<V> valueType, int partitions, boolean compacted) {
    this(name, key, valueType, partitions, compacted, Optional.empty());
  }

  /** A topic of UTF-8 keys and JSON values of {@code valueType} with its own retention. */
  public Topic(
      String name,
      String key,
      Class<V> valueType,
      int partitions,
      boolean compacted,
      Optional<Duration> retention) {
    this(
        name,
        key,
        valueType,
        partitions,
        compacted,
        retention,
        Serde.utf8(),
        Serde.json(valueType));
  }

  /**
   * The topic-level settings it is created with, as Kafka names them: its cleanup policy and, with
   * a retention of its own, {@code retention.ms} and a {@code segment.ms} of a sixth of it (Kafka
   * deletes whole segments only, and the active one never: without it, records would stay until the
   * default segment of 7 days closes).
   */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("cleanup.policy", compacted ? "compact" : "delete");
    retention.ifPresent(
        r -> {
          settings.put("retention.ms", String.valueOf(r.toMillis()));
          settings.put("segment.ms", String.valueOf(r.toMillis() / SEGMENTS_PER_RETENTION));
        });
    return Collections.unmodifiableMap(settings);
  }
}
