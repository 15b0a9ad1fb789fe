package dev.rehearse.stream.functions;

import java.util.Optional;

/**
 * What the profile job asks its research step to do for one user: research {@code company} for
 * {@code role}, or, without a company, drop the user's research (the profile no longer names one,
 * or it was erased).
 *
 * @param revision the profile revision that asked
 * @param seq orders a user's tasks: a result of a task older than the latest one seen is stale
 */
public record ResearchTask(
    String userId,
    String revision,
    long seq,
    Optional<String> company,
    String role,
    Optional<String> seniority) {

  public ResearchTask {
    company = company == null ? Optional.empty() : company;
    seniority = seniority == null ? Optional.empty() : seniority;
  }

  /** Drop the user's research. */
  public static ResearchTask clear(String userId, String revision, long seq) {
    return new ResearchTask(userId, revision, seq, Optional.empty(), "", Optional.empty());
  }
}
