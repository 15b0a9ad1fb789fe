package dev.rehearse.api.service;

import dev.rehearse.core.profile.Profile;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Reads the projection of candidates' profiles (the latest revision of each). */
public interface ProfileReader {

  /** The user's profile as last projected, if there is one. */
  Optional<StoredProfile> profile(String userId) throws IOException;

  /** A profile with the revision the projection holds and when it was written. */
  record StoredProfile(Profile profile, String revision, Instant updatedAt) {}
}
