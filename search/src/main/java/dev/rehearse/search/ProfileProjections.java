package dev.rehearse.search;

import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.search.documents.ProfileDocument;
import java.util.List;
import java.util.Optional;

/** How a record of {@code rehearse.profiles} projects onto the {@code profiles} index. Pure. */
public final class ProfileProjections {

  private ProfileProjections() {}

  /** The write one record causes: the new revision, or a delete for a tombstone. */
  public static List<IndexWrite> of(String userId, Optional<ProfileRecord> record) {
    if (record.isEmpty()) {
      return List.of(new Delete(Indices.PROFILES.alias(), userId));
    }
    ProfileRecord r = record.get();
    Profile profile = r.profile();
    ProfileDocument doc =
        new ProfileDocument(
            r.userId(),
            r.revision(),
            r.updatedAt(),
            profile.targetRole(),
            profile.seniority(),
            profile.technicalSkills(),
            profile);
    // the whole document: a merge would keep fields the update removed
    return List.of(new Replace(Indices.PROFILES.alias(), r.userId(), doc));
  }
}
