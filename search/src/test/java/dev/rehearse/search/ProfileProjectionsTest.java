package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileProjectionsTest {

  private static final Profile PROFILE =
      new Profile(
          "Backend Engineer",
          Optional.empty(),
          Optional.of("Acme"),
          Optional.of(4),
          Optional.of("mid"),
          List.of("Java", "Kafka"),
          List.of(),
          List.of(
              new Profile.Education(
                  "TU Delft", Optional.of("MSc"), Optional.empty(), Optional.of(2020))),
          List.of(),
          new Profile.Preferences(
              List.of(InterviewType.TECHNICAL), Optional.empty(), Optional.empty()),
          Optional.empty(),
          Optional.of("Built a Kafka pipeline."));

  @Test
  void aRevisionReplacesTheWholeDocumentWithAbsentFieldsLeftOut() {
    ProfileRecord record =
        new ProfileRecord(1, "u1", "rev-1", PROFILE, Instant.parse("2026-03-01T10:00:00Z"));

    List<IndexWrite> writes = ProfileProjections.of("u1", Optional.of(record));

    assertThat(writes).hasSize(1).first().isInstanceOf(Replace.class);
    Replace replace = (Replace) writes.get(0);
    assertThat(replace.alias()).isEqualTo("profiles");
    assertThat(replace.id()).isEqualTo("u1");
    assertThat(Documents.json(replace.document()))
        .containsEntry("revision", "rev-1")
        .containsEntry("targetRole", "Backend Engineer")
        .containsEntry("technicalSkills", List.of("Java", "Kafka"));
    @SuppressWarnings("unchecked")
    Map<String, Object> profile =
        (Map<String, Object>) Documents.json(replace.document()).get("profile");
    assertThat(profile).containsEntry("company", "Acme").doesNotContainKey("bio");
    assertThat(profile.get("education").toString()).contains("TU Delft").doesNotContain("field");
  }

  @Test
  void aTombstoneDeletesTheDocument() {
    assertThat(ProfileProjections.of("u1", Optional.empty()))
        .containsExactly(new Delete("profiles", "u1"));
  }
}
