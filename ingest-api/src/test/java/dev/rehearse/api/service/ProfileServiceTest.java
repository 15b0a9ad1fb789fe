package dev.rehearse.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.api.service.BatchReplies.Accepted;
import dev.rehearse.api.service.ProfileReader.StoredProfile;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileServiceTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Caller ANA = new Caller("ana", Set.of("candidate"));
  private static final Profile PROFILE =
      new Profile(
          "backend engineer",
          Optional.empty(),
          Optional.empty(),
          Optional.of(4),
          Optional.empty(),
          List.of("java", "kafka"),
          List.of(),
          List.of(),
          List.of(),
          null,
          Optional.empty(),
          Optional.empty());

  private final InMemoryCommandBus bus = new InMemoryCommandBus();
  private final InMemoryProfileReader profiles = new InMemoryProfileReader();
  private final ProfileService service =
      new ProfileService(bus, profiles, Duration.ofMillis(150), Clock.fixed(NOW, ZoneOffset.UTC));

  /** The profile indexing job: projects every profile record the bus stores. */
  private void projecting() {
    bus.onSent(
        sent -> {
          if (sent.topic().equals(Topics.PROFILES.name())) {
            sent.value()
                .map(ProfileRecord.class::cast)
                .ifPresentOrElse(
                    r ->
                        profiles.put(
                            r.userId(),
                            new StoredProfile(r.profile(), r.revision(), r.updatedAt())),
                    () -> profiles.remove(sent.key()));
          }
        });
  }

  @Test
  void aNewProfileIsPublishedKeyedByUserAndRepliedOnceProjected() throws Exception {
    projecting();

    Reply<ProfileReplies.Profile> reply = service.create(ANA, PROFILE);

    ProfileRecord record = bus.values(Topics.PROFILES).get(0);
    assertThat(bus.sent().get(0).key()).isEqualTo("ana");
    assertThat(record.profile()).isEqualTo(PROFILE);
    assertThat(record.updatedAt()).isEqualTo(NOW);
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body())
        .isEqualTo(new ProfileReplies.Profile(PROFILE, record.revision(), NOW, Optional.of(true)));
  }

  @Test
  void aWriteTheProjectionHasNotCaughtUpWithIsRepliedNotIndexed() throws Exception {
    profiles.put("ana", new StoredProfile(PROFILE, "old-revision", NOW));

    Reply<ProfileReplies.Profile> reply = service.update(ANA, PROFILE);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().indexed()).contains(false);
    assertThat(reply.body().revision()).isNotEqualTo("old-revision");
  }

  @Test
  void creatingASecondProfileIsAConflictAndPublishesNothing() {
    profiles.put("ana", new StoredProfile(PROFILE, "r1", NOW));

    assertThatThrownBy(() -> service.create(ANA, PROFILE))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void updatingAMissingProfileIsNotFound() {
    assertThatThrownBy(() -> service.update(ANA, PROFILE))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
    assertThat(bus.sent()).isEmpty();
  }

  @Test
  void theProfileIsReadFromTheProjectionWithItsRevision() throws Exception {
    profiles.put("ana", new StoredProfile(PROFILE, "r7", NOW));

    Reply<ProfileReplies.Profile> reply = service.get(ANA);

    assertThat(reply.body())
        .isEqualTo(new ProfileReplies.Profile(PROFILE, "r7", NOW, Optional.empty()));
  }

  @Test
  void reindexingRepublishesTheStoredProfileUnderANewRevision() throws Exception {
    profiles.put("ana", new StoredProfile(PROFILE, "r7", NOW));

    Reply<Accepted> reply = service.reindex(ANA);

    ProfileRecord record = bus.values(Topics.PROFILES).get(0);
    assertThat(record.profile()).isEqualTo(PROFILE);
    assertThat(record.revision()).isNotEqualTo("r7");
    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body())
        .isEqualTo(
            new Accepted(
                "indexing",
                Optional.empty(),
                Optional.of(record.revision()),
                Optional.empty(),
                Optional.empty(),
                "/ai-interview/profile"));
  }

  @Test
  void erasingTombstonesTheProfileAndQueuesAnErasureBatch() {
    Reply<Accepted> reply = service.erase(ANA);

    assertThat(bus.sent().get(0).topic()).isEqualTo(Topics.PROFILES.name());
    assertThat(bus.sent().get(0).key()).isEqualTo("ana");
    assertThat(bus.sent().get(0).value()).isEmpty();
    BatchRequest request = bus.values(Topics.BATCH_REQUESTS).get(0);
    assertThat(request.job()).isEqualTo(BatchJob.ERASURE);
    assertThat(request.userIds()).containsExactly("ana");
    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().status()).isEqualTo("erasing");
    assertThat(reply.body().batchId()).contains(request.batchId());
    assertThat(reply.body().poll()).isEqualTo("/ai-interview/batches/" + request.batchId());
  }
}
