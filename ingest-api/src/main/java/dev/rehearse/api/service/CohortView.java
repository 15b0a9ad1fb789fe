package dev.rehearse.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.cohort.CohortRecord;
import dev.rehearse.core.cohort.CohortRecord.Cohort;
import dev.rehearse.core.cohort.CohortRecord.Invite;
import dev.rehearse.core.cohort.CohortRecord.Member;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cohorts, their members and invites, folded from the compacted {@code rehearse.cohorts} topic
 * (read from the beginning at start, so a restart loses nothing). Small: a cohort holds ids, not
 * candidates' data.
 */
public final class CohortView {

  private static final Logger LOG = LoggerFactory.getLogger(CohortView.class);

  private final ObjectMapper mapper;
  private final Map<String, Cohort> cohorts = new HashMap<>();
  private final Map<String, Map<String, Member>> members = new HashMap<>();
  private final Map<String, Invite> invites = new HashMap<>();

  public CohortView(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public synchronized Optional<Cohort> cohort(String cohortId) {
    return Optional.ofNullable(cohorts.get(cohortId));
  }

  /** The cohorts {@code ownerId} owns, or every cohort when {@code ownerId} is empty; by name. */
  public synchronized List<Cohort> cohorts(Optional<String> ownerId) {
    return cohorts.values().stream()
        .filter(c -> ownerId.map(c.ownerId()::equals).orElse(true))
        .sorted(Comparator.comparing(Cohort::name).thenComparing(Cohort::cohortId))
        .toList();
  }

  /** A cohort's members, oldest first. */
  public synchronized List<Member> members(String cohortId) {
    return members.getOrDefault(cohortId, Map.of()).values().stream()
        .sorted(Comparator.comparing(Member::joinedAt).thenComparing(Member::userId))
        .toList();
  }

  public synchronized Optional<Member> member(String cohortId, String userId) {
    return Optional.ofNullable(members.getOrDefault(cohortId, Map.of()).get(userId));
  }

  public synchronized Optional<Invite> invite(String code) {
    return Optional.ofNullable(invites.get(code));
  }

  public void onRecord(String topic, ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    if (key == null) {
      return;
    }
    if (record.value() == null) {
      erase(key);
      return;
    }
    try {
      CohortRecord value = mapper.readValue(record.value(), CohortRecord.class);
      if (!key.equals(value.key())) {
        LOG.warn("skipping a cohort record whose key does not match at offset {}", record.offset());
        return;
      }
      synchronized (this) {
        if (value instanceof Cohort c) {
          cohorts.put(c.cohortId(), c);
        } else if (value instanceof Member m) {
          members.computeIfAbsent(m.cohortId(), id -> new LinkedHashMap<>()).put(m.userId(), m);
        } else if (value instanceof Invite i) {
          invites.put(i.code(), i);
        }
      }
    } catch (IOException e) {
      LOG.warn("skipping a malformed cohort record at offset {}", record.offset());
    }
  }

  private synchronized void erase(String key) {
    String[] parts = key.split(":", 3);
    switch (parts[0]) {
      case "cohort" -> {
        cohorts.remove(parts[1]);
        members.remove(parts[1]);
      }
      case "member" -> {
        if (parts.length == 3) {
          Map<String, Member> of = members.get(parts[1]);
          if (of != null) {
            of.remove(parts[2]);
          }
        }
      }
      case "invite" -> invites.remove(parts[1]);
      default -> LOG.warn("ignoring a tombstone for an unknown key kind");
    }
  }
}
