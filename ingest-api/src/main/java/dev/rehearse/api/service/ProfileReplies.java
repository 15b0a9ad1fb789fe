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

  /**
   * The reply of a résumé upload: the profile as written, with the number of characters read from
   * the file and kept as {@code resumeText}; {@code truncated} (and a {@code note}) when the text
   * was longer than a profile keeps and was cut.
   */
  public record ResumeUploaded(
      @JsonUnwrapped Profile profile,
      int extractedChars,
      boolean truncated,
      Optional<String> note) {}
}
