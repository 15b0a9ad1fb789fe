package dev.rehearse.core.events;

import java.util.Optional;

/** What interview the candidate asked for. */
public record InterviewSpec(
    InterviewType type,
    String role,
    String seniority,
    Optional<String> company,
    String language,
    int questionCount,
    Optional<String> title) {

  public InterviewSpec {
    company = company == null ? Optional.empty() : company;
    title = title == null ? Optional.empty() : title;
  }
}
