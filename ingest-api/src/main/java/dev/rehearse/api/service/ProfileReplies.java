package dev.rehearse.api.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Optional;

/** The bodies of the profile replies. */
public final class ProfileReplies {

  private ProfileReplies() {}

  /**
   * The candidate's profile (its fields, absent ones left out) with its revision; on writes,
   * whether the revision was already projected when the reply left.
   */
  public record Profile(
      @JsonUnwrapped dev.rehearse.core.profile.Profile profile,
      String revision,
      Instant updatedAt,
      Optional<Boolean> indexed) {}
}
