package dev.rehearse.core.cohort;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.Map;

/**
 * A value of {@code rehearse.cohorts} (compacted). Each entity has its own key ({@link #key()}), so
 * concurrent changes to different members never overwrite each other; a tombstone on a key removes
 * that entity.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CohortRecord.Cohort.class, name = "cohort"),
  @JsonSubTypes.Type(value = CohortRecord.Member.class, name = "member"),
  @JsonSubTypes.Type(value = CohortRecord.Invite.class, name = "invite")
})
@FieldNames
public sealed interface CohortRecord {

  int SCHEMA_VERSION = 1;

  String cohortId();

  /** The record's key on the topic. */
  String key();

  /**
   * A cohort, owned by the cohort admin who created it.
   *
   * @param rubric the cohort's own {@link Rubric}; empty for the built-in rubric of each interview
   *     type (and in records written before cohorts had rubrics)
   */
  record Cohort(
      int schemaVersion,
      String cohortId,
      String name,
      String ownerId,
      Instant createdAt,
      Map<String, Double> rubric)
      implements CohortRecord {
    public Cohort {
      rubric = Rubric.checked(rubric);
    }

    /** The same cohort with another rubric (empty: the built-in ones). */
    public Cohort withRubric(Map<String, Double> weights) {
      return new Cohort(schemaVersion, cohortId, name, ownerId, createdAt, weights);
    }

    @Override
    public String key() {
      return keyOf(cohortId);
    }

    public static String keyOf(String cohortId) {
      return "cohort:" + cohortId;
    }
  }

  /**
   * A member of a cohort.
   *
   * @param via {@code admin} when enrolled by the cohort's admin, {@code invite} when the candidate
   *     redeemed a code
   */
  record Member(int schemaVersion, String cohortId, String userId, String via, Instant joinedAt)
      implements CohortRecord {
    @Override
    public String key() {
      return keyOf(cohortId, userId);
    }

    public static String keyOf(String cohortId, String userId) {
      return "member:" + cohortId + ":" + userId;
    }
  }

  /** A code candidates redeem to join a cohort, until it expires. */
  record Invite(
      int schemaVersion, String code, String cohortId, String createdBy, Instant expiresAt)
      implements CohortRecord {
    @Override
    public String key() {
      return keyOf(code);
    }

    public static String keyOf(String code) {
      return "invite:" + code;
    }
  }
}
