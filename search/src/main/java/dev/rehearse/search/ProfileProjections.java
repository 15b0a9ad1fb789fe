package dev.rehearse.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a record of {@code rehearse.profiles} projects onto the {@code profiles} index. Pure. */
public final class ProfileProjections {

  private static final ObjectMapper MAPPER =
      Json.newMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_ABSENT);

  private ProfileProjections() {}

  /** The write one record causes: the new revision, or a delete for a tombstone. */
  public static List<IndexWrite> of(String userId, Optional<ProfileRecord> record) {
    if (record.isEmpty()) {
      return List.of(new Delete(Indices.PROFILES.alias(), userId));
    }
    ProfileRecord r = record.get();
    Profile profile = r.profile();
    Map<String, Object> doc = new HashMap<>();
    doc.put("userId", r.userId());
    doc.put("revision", r.revision());
    doc.put("updatedAt", r.updatedAt().toString());
    doc.put("targetRole", profile.targetRole());
    profile.seniority().ifPresent(s -> doc.put("seniority", s));
    doc.put("technicalSkills", profile.technicalSkills());
    doc.put("profile", MAPPER.convertValue(profile, new TypeReference<Map<String, Object>>() {}));
    // the whole document: a merge would keep fields the update removed
    return List.of(new Replace(Indices.PROFILES.alias(), r.userId(), doc));
  }
}
