package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.cohort.CohortRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CohortLogTest {

  private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

  private static void put(Map<String, Optional<CohortRecord>> log, CohortRecord record) {
    log.put(record.key(), Optional.of(record));
  }

  private static CohortRecord.Cohort cohort(String id) {
    return new CohortRecord.Cohort(1, id, "Cohort " + id, "admin-1", AT, Map.of());
  }

  private static CohortRecord.Member member(String cohort, String user) {
    return new CohortRecord.Member(1, cohort, user, "admin", AT);
  }

  @Test
  void theMembersAreThoseOfTheLatestRecordOfEachKeyInCohortsThatExist() {
    Map<String, Optional<CohortRecord>> log = new LinkedHashMap<>();
    put(log, cohort("c1"));
    put(log, member("c1", "u2"));
    put(log, member("c1", "u1"));
    put(log, member("c1", "u3"));
    // u3 was removed: a tombstone on their key
    log.put(CohortRecord.Member.keyOf("c1", "u3"), Optional.empty());
    // c2 was deleted; its member's record is left behind
    put(log, member("c2", "u1"));
    log.put(CohortRecord.Cohort.keyOf("c2"), Optional.empty());
    put(log, new CohortRecord.Invite(1, "CODE", "c1", "admin-1", AT));

    assertThat(CohortLog.members(log))
        .containsExactly(
            new CohortLog.Membership("u1", "c1"), new CohortLog.Membership("u2", "c1"));
  }

  @Test
  void noCohortsMeansNoMembers() {
    assertThat(CohortLog.members(Map.of())).isEmpty();
  }
}
