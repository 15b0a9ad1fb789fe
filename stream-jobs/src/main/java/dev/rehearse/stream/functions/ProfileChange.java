package dev.rehearse.stream.functions;

import dev.rehearse.core.profile.ProfileRecord;
import java.util.Optional;

/** One record of {@code rehearse.profiles}: a new revision of a user's profile, or its erasure. */
public record ProfileChange(String userId, Optional<ProfileRecord> record) {

  public ProfileChange {
    record = record == null ? Optional.empty() : record;
  }

  public boolean erased() {
    return record.isEmpty();
  }
}
