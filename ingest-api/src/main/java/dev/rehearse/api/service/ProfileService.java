package dev.rehearse.api.service;

import dev.rehearse.api.service.BatchReplies.Accepted;
import dev.rehearse.api.service.ProfileReader.StoredProfile;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.core.topics.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The candidate's profile: writes go to {@code rehearse.profiles} (the record of truth), reads come
 * from the {@code profiles} projection the profile indexing job keeps. A write waits (bounded)
 * until its revision is projected, so the caller's next read sees it.
 */
public final class ProfileService {

  private static final Duration POLL = Duration.ofMillis(50);

  private final CommandBus bus;
  private final ProfileReader profiles;
  private final Duration replyTimeout;
  private final Clock clock;
  private final ResumeExtractor resumes;

  /** With résumé files read within {@link ResumeExtractor.Limits#DEFAULT}. */
  public ProfileService(
      CommandBus bus, ProfileReader profiles, Duration replyTimeout, Clock clock) {
    this(bus, profiles, replyTimeout, clock, new ResumeExtractor(ResumeExtractor.Limits.DEFAULT));
  }

  public ProfileService(
      CommandBus bus,
      ProfileReader profiles,
      Duration replyTimeout,
      Clock clock,
      ResumeExtractor resumes) {
    this.bus = bus;
    this.profiles = profiles;
    this.replyTimeout = replyTimeout;
    this.clock = clock;
    this.resumes = resumes;
  }

  public Reply<ProfileReplies.Profile> create(Caller caller, Profile profile)
      throws IOException, InterruptedException {
    if (profiles.profile(caller.userId()).isPresent()) {
      throw new Problem(
          409, "Conflict", "a profile exists already; update it with PUT", Optional.empty());
    }
    return write(caller, profile, 201);
  }

  public Reply<ProfileReplies.Profile> update(Caller caller, Profile profile)
      throws IOException, InterruptedException {
    profiles.profile(caller.userId()).orElseThrow(() -> Problem.notFound("profile"));
    return write(caller, profile, 200);
  }

  /** The bounds résumé files are read within. */
  public ResumeExtractor.Limits resumeLimits() {
    return resumes.limits();
  }

  /**
   * Replaces the profile's {@code resumeText} with the text of an uploaded file, through the same
   * write as {@link #update}; the file is read only once the caller has a profile (404 otherwise),
   * and nothing is published when it cannot be read.
   */
  public Reply<ProfileReplies.ResumeUploaded> uploadResume(
      Caller caller, ResumeExtractor.Format format, byte[] file)
      throws IOException, InterruptedException {
    StoredProfile stored =
        profiles.profile(caller.userId()).orElseThrow(() -> Problem.notFound("profile"));
    ResumeExtractor.Extracted resume = resumes.extract(format, file);
    Profile p = stored.profile();
    Profile updated =
        new Profile(
            p.targetRole(),
            p.currentRole(),
            p.company(),
            p.yearsOfExperience(),
            p.seniority(),
            p.technicalSkills(),
            p.softSkills(),
            p.education(),
            p.certifications(),
            p.preferences(),
            p.bio(),
            Optional.of(resume.text()));
    Reply<ProfileReplies.Profile> written = write(caller, updated, 200);
    return new Reply<>(
        written.status(),
        new ProfileReplies.ResumeUploaded(
            written.body(),
            resume.chars(),
            resume.truncated(),
            resume.truncated()
                ? Optional.of(
                    "the text was cut to its first "
                        + resumes.limits().maxChars()
                        + " characters, the most a profile keeps")
                : Optional.empty()));
  }

  public Reply<ProfileReplies.Profile> get(Caller caller) throws IOException {
    StoredProfile stored =
        profiles.profile(caller.userId()).orElseThrow(() -> Problem.notFound("profile"));
    return new Reply<>(
        200,
        new ProfileReplies.Profile(
            stored.profile(), stored.revision(), stored.updatedAt(), Optional.empty()));
  }

  /** Publishes the stored profile again under a new revision, so every projection rebuilds it. */
  public Reply<Accepted> reindex(Caller caller) throws IOException {
    StoredProfile stored =
        profiles.profile(caller.userId()).orElseThrow(() -> Problem.notFound("profile"));
    ProfileRecord record = publish(caller, stored.profile());
    return new Reply<>(
        202,
        new Accepted(
            "indexing",
            Optional.empty(),
            Optional.of(record.revision()),
            Optional.empty(),
            Optional.empty(),
            "/ai-interview/profile"));
  }

  /**
   * Erasure: a tombstone on the profile (the indexing job removes its documents) and an erasure
   * batch for the sessions, turns and lake rows; answers where to follow it.
   */
  public Reply<Accepted> erase(Caller caller) {
    bus.erase(Topics.PROFILES, caller.userId());
    BatchRequest request =
        new BatchRequest(
            BatchRequest.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            BatchJob.ERASURE,
            caller.userId(),
            List.of(),
            List.of(caller.userId()),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            Map.of(),
            clock.instant());
    bus.publish(Topics.BATCH_REQUESTS, request.batchId(), request);
    return new Reply<>(
        202,
        new Accepted(
            "erasing",
            Optional.of(request.batchId()),
            Optional.empty(),
            Optional.empty(),
            Optional.of(
                "the profile is removed now; sessions, answers and lake data are removed by the"
                    + " erasure batch"),
            "/ai-interview/batches/" + request.batchId()));
  }

  private Reply<ProfileReplies.Profile> write(Caller caller, Profile profile, int status)
      throws IOException, InterruptedException {
    ProfileRecord record = publish(caller, profile);
    boolean indexed = awaitRevision(caller.userId(), record.revision());
    return new Reply<>(
        status,
        new ProfileReplies.Profile(
            profile, record.revision(), record.updatedAt(), Optional.of(indexed)));
  }

  private ProfileRecord publish(Caller caller, Profile profile) {
    ProfileRecord record =
        new ProfileRecord(
            ProfileRecord.SCHEMA_VERSION,
            caller.userId(),
            UUID.randomUUID().toString(),
            profile,
            clock.instant());
    bus.publish(Topics.PROFILES, caller.userId(), record);
    return record;
  }

  /** Waits (bounded) until the projection holds {@code revision}; false if it did not in time. */
  private boolean awaitRevision(String userId, String revision)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + replyTimeout.toNanos();
    while (true) {
      if (profiles.profile(userId).filter(p -> revision.equals(p.revision())).isPresent()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
