package dev.rehearse.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeyPartitionsTest {

  @Test
  void aKeyLandsWhereKafkasDefaultPartitionerPutsIt() {
    for (int i = 0; i < 1_000; i++) {
      String key = UUID.randomUUID().toString();
      for (int partitions : new int[] {1, 4, 7, 16}) {
        assertThat(KeyPartitions.of(key, partitions))
            .as(key + " of " + partitions)
            .isEqualTo(
                BuiltInPartitioner.partitionForKey(
                    key.getBytes(StandardCharsets.UTF_8), partitions));
      }
    }
  }

  @Test
  void sessionIdsSpreadOverEveryPartition() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(KeyPartitions.of(UUID.randomUUID().toString(), 4));
    }

    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void aTopicHasAtLeastOnePartition() {
    assertThatThrownBy(() -> KeyPartitions.of("s1", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
