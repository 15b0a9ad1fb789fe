package dev.rehearse.core.profile;

import java.time.Instant;

/**
 * The value of {@code rehearse.profiles} (compacted, keyed by user id): a user's whole profile as
 * of one revision. A record with no value (a tombstone) means the profile was erased.
 *
 * @param revision unique per write, so a reader can tell when its write was projected
 */
public record ProfileRecord(
    int schemaVersion, String userId, String revision, Profile profile, Instant updatedAt) {

  public static final int SCHEMA_VERSION = 1;
}
