package dev.rehearse.core.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.fieldnames.FieldNames;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The value of {@code rehearse.profiles} (compacted, keyed by user id): a user's whole profile as
 * of one revision. A record with no value (a tombstone) means the profile was erased.
 *
 * @param revision unique per write, so a reader can tell when its write was projected
 */
@FieldNames
public record ProfileRecord(
    int schemaVersion, String userId, String revision, Profile profile, Instant updatedAt) {

  public static final int SCHEMA_VERSION = 1;

  /**
   * One record of {@code rehearse.profiles}: empty for a tombstone (an erasure).
   *
   * @throws IOException when the value is malformed or belongs to another user than its key
   */
  public static Optional<ProfileRecord> decode(String userId, byte[] value, ObjectMapper mapper)
      throws IOException {
    if (value == null) {
      return Optional.empty();
    }
    ProfileRecord record = mapper.readValue(value, ProfileRecord.class);
    if (!userId.equals(record.userId())) {
      throw new IOException("the record's key is not its user");
    }
    return Optional.of(record);
  }
}
