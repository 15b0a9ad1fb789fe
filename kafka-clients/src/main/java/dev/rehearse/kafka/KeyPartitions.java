package dev.rehearse.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a keyed record lands on when its producer leaves the choice to Kafka's default
 * partitioner (as the interview job's event sink does): the murmur2 hash of the UTF-8 key modulo
 * the partition count. A reader that follows a few sessions reads only their partitions.
 */
public final class KeyPartitions {

  private KeyPartitions() {}

  /** The partition of {@code key} on a topic of {@code partitions} partitions. */
  public static int of(String key, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic has at least one partition");
    }
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
