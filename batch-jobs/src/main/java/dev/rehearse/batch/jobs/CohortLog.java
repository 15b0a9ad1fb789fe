package dev.rehearse.batch.jobs;

import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.kafka.KafkaClients;
import dev.rehearse.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the compacted {@code rehearse.cohorts} topic, the source of truth of cohorts and their
 * members, from its start to its end as of now, and folds it into the current memberships. Read
 * without a consumer group: nothing is committed.
 */
public final class CohortLog {

  /** One member of one cohort. */
  public record Membership(String userId, String cohortId) {}

  private final String bootstrap;

  /**
   * @param bootstrap the Kafka brokers
   */
  public CohortLog(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** The members of every cohort that exists now. */
  public List<Membership> members() {
    Map<String, Optional<CohortRecord>> latest = new LinkedHashMap<>();
    try (KafkaConsumer<String, CohortRecord> consumer =
        KafkaClients.consumer(KafkaSettings.committedReader(bootstrap), Topics.COHORTS)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.COHORTS.name(), Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, CohortRecord> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null
              && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            latest.put(r.key(), Optional.ofNullable(r.value()));
          }
        }
      }
    }
    return members(latest);
  }

  /**
   * The memberships of the latest record of each key (empty for a tombstone), for the cohorts that
   * exist: a member of a deleted cohort is left out. Sorted by cohort, then user.
   */
  static List<Membership> members(Map<String, Optional<CohortRecord>> latest) {
    TreeSet<String> cohorts = new TreeSet<>();
    List<CohortRecord.Member> members = new ArrayList<>();
    for (Optional<CohortRecord> record : latest.values()) {
      if (record.isPresent() && record.get() instanceof CohortRecord.Cohort cohort) {
        cohorts.add(cohort.cohortId());
      } else if (record.isPresent() && record.get() instanceof CohortRecord.Member member) {
        members.add(member);
      }
    }
    return members.stream()
        .filter(m -> cohorts.contains(m.cohortId()))
        .map(m -> new Membership(m.userId(), m.cohortId()))
        .distinct()
        .sorted(
            java.util.Comparator.comparing(Membership::cohortId).thenComparing(Membership::userId))
        .toList();
  }
}
