package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyPartitionsTest {

  @Test
  void aNumberedInstanceReadsThePartitionOfItsNumber() {
    assertThat(ReplyPartitions.of("0", 16)).isZero();
    assertThat(ReplyPartitions.of("1", 16)).isEqualTo(1);
    assertThat(ReplyPartitions.of("15", 16)).isEqualTo(15);
  }

  @Test
  void aNumberTheTopicHasNoPartitionForIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> ReplyPartitions.of("16", 16))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("16")
        .hasMessageContaining("0 to 15");
  }

  @Test
  void aNamedInstanceKeepsItsPartitionAcrossRestarts() {
    int first = ReplyPartitions.of("rehearse-api-7c9f6d-x2k4p", 16);

    assertThat(ReplyPartitions.of("rehearse-api-7c9f6d-x2k4p", 16)).isEqualTo(first);
    assertThat(first).isBetween(0, 15);
  }

  @Test
  void namedInstancesSpreadOverThePartitions() {
    Set<Integer> partitions = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      partitions.add(ReplyPartitions.of("rehearse-api-pod-" + i, 16));
    }

    assertThat(partitions).hasSizeGreaterThan(12);
  }

  @Test
  void onlyPlainDigitsAreANumber() {
    assertThat(ReplyPartitions.isNumber("7")).isTrue();
    assertThat(ReplyPartitions.isNumber("-1")).isFalse();
    assertThat(ReplyPartitions.isNumber("1e3")).isFalse();
    assertThat(ReplyPartitions.isNumber("99999999999")).isFalse();
    assertThat(ReplyPartitions.isNumber("")).isFalse();
  }
}
