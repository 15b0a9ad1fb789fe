package dev.rehearse.api.service;

import dev.rehearse.kafka.KeyPartitions;

/**
 * Which partition of {@code rehearse.session-replies} an API instance reads, from its {@code
 * REHEARSE_API_INSTANCE}: a number is the partition itself (each instance its own number, kept
 * across restarts, below the partition count); a name (a pod's, on Kubernetes) is hashed onto a
 * partition, so instances without numbers spread over the partitions without coordination. Two
 * instances on one partition both read its replies: each still gets its own, and reads the other's
 * too.
 */
public final class ReplyPartitions {

  private ReplyPartitions() {}

  /** The partition of instance {@code instance} on a topic of {@code partitions} partitions. */
  public static int of(String instance, int partitions) {
    if (!isNumber(instance)) {
      return KeyPartitions.of(instance, partitions);
    }
    int partition = Integer.parseInt(instance);
    if (partition >= partitions) {
      throw new IllegalStateException(
          "instance "
              + partition
              + " has no partition: the replies topic has "
              + partitions
              + " (0 to "
              + (partitions - 1)
              + "); give the instances numbers below that, or add partitions");
    }
    return partition;
  }

  /** Whether {@code instance} is a plain partition number (digits, within an int). */
  public static boolean isNumber(String instance) {
    if (instance.isEmpty() || instance.length() > 9) {
      return false;
    }
    return instance.chars().allMatch(Character::isDigit);
  }
}
