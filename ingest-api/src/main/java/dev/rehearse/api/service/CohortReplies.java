package dev.rehearse.api.service;

import dev.rehearse.search.documents.SessionDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bodies of the cohort replies. */
public final class CohortReplies {

  private CohortReplies() {}

  /** A cohort: its rubric only when it brings its own. */
  public record Cohort(
      String id,
      String name,
      String ownerId,
      Instant createdAt,
      Optional<Map<String, Double>> rubric,
      int memberCount) {}

  /** The cohorts the caller may see, by name. */
  public record CohortList(List<Cohort> cohorts) {}

  /**
   * A member: on enrolment with its cohort; in a member list with its progress (completed sessions,
   * their average score, and the latest one as the session projection keeps it).
   */
  public record Member(
      Optional<String> cohortId,
      String userId,
      String via,
      Instant joinedAt,
      Optional<Long> completedSessions,
      Optional<Double> averageScore,
      Optional<SessionDocument> latest) {}

  /** A cohort's members, oldest first. */
  public record MemberList(String cohortId, int total, List<Member> members) {}

  /** An invite code candidates redeem to join a cohort. */
  public record Invite(String code, String cohortId, Instant expiresAt) {}

  /** A redeemed invite: {@code joined} or {@code already-member}. */
  public record Joined(String cohortId, String name, String status) {}
}
