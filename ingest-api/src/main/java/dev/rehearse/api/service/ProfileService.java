package dev.rehearse.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.profile.Profile;
import dev.rehearse.core.profile.ProfileRecord;
import dev.rehearse.core.topics.Topics;
import dev.rehearse.search.BulkWriter;
import dev.rehearse.search.Indices;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
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
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Publisher publisher;
  private final BulkWriter documents;
  private final ObjectMapper mapper;
  // the profile's fields as the projection keeps them: absent ones left out
  private final ObjectMapper fields;
  private final Duration replyTimeout;
  private final Clock clock;

  public ProfileService(
      Publisher publisher,
      BulkWriter documents,
      ObjectMapper mapper,
      Duration replyTimeout,
      Clock clock) {
    this.publisher = publisher;
    this.documents = documents;
    this.mapper = mapper;
    this.fields = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_ABSENT);
    this.replyTimeout = replyTimeout;
    this.clock = clock;
  }

  public Reply create(Caller caller, Profile profile) throws IOException, InterruptedException {
    if (stored(caller.userId()).isPresent()) {
      throw new Problem(
          409, "Conflict", "a profile exists already; update it with PUT", Optional.empty());
    }
    return write(caller, profile, 201);
  }

  public Reply update(Caller caller, Profile profile) throws IOException, InterruptedException {
    stored(caller.userId()).orElseThrow(() -> Problem.notFound("profile"));
    return write(caller, profile, 200);
  }

  public Reply get(Caller caller) throws IOException {
    Map<String, Object> doc =
        stored(caller.userId()).orElseThrow(() -> Problem.notFound("profile"));
    return new Reply(200, view(doc));
  }

  /** Publishes the stored profile again under a new revision, so every projection rebuilds it. */
  public Reply reindex(Caller caller) throws IOException, InterruptedException {
    Map<String, Object> doc =
        stored(caller.userId()).orElseThrow(() -> Problem.notFound("profile"));
    Profile profile = mapper.convertValue(doc.get("profile"), Profile.class);
    ProfileRecord record = publish(caller, profile);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "indexing");
    body.put("revision", record.revision());
    body.put("poll", "/ai-interview/profile");
    return new Reply(202, body);
  }

  /**
   * Erasure: a tombstone on the profile (the indexing job removes its documents) and an erasure
   * batch for the sessions, turns and lake rows; answers where to follow it.
   */
  public Reply erase(Caller caller) {
    publisher.erase(Topics.PROFILES, caller.userId());
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
    publisher.publish(Topics.BATCH_REQUESTS, request.batchId(), request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "erasing");
    body.put("batchId", request.batchId());
    body.put(
        "detail",
        "the profile is removed now; sessions, answers and lake data are removed by the erasure"
            + " batch");
    body.put("poll", "/ai-interview/batches/" + request.batchId());
    return new Reply(202, body);
  }

  private Reply write(Caller caller, Profile profile, int status)
      throws IOException, InterruptedException {
    ProfileRecord record = publish(caller, profile);
    Optional<Map<String, Object>> projected = awaitRevision(caller.userId(), record.revision());
    Map<String, Object> body = new LinkedHashMap<>();
    body.putAll(fields.convertValue(profile, MAP));
    body.put("revision", record.revision());
    body.put("updatedAt", record.updatedAt().toString());
    body.put("indexed", projected.isPresent());
    return new Reply(status, body);
  }

  private ProfileRecord publish(Caller caller, Profile profile) {
    ProfileRecord record =
        new ProfileRecord(
            ProfileRecord.SCHEMA_VERSION,
            caller.userId(),
            UUID.randomUUID().toString(),
            profile,
            clock.instant());
    publisher.publish(Topics.PROFILES, caller.userId(), record);
    return record;
  }

  private Optional<Map<String, Object>> awaitRevision(String userId, String revision)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + replyTimeout.toNanos();
    while (true) {
      Optional<Map<String, Object>> doc = stored(userId);
      if (doc.isPresent() && revision.equals(doc.get().get("revision"))) {
        return doc;
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private Optional<Map<String, Object>> stored(String userId) throws IOException {
    return documents
        .get(Indices.PROFILES.alias(), userId)
        .filter(doc -> userId.equals(doc.get("userId")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> view(Map<String, Object> doc) {
    Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) doc.get("profile"));
    body.put("revision", doc.get("revision"));
    body.put("updatedAt", doc.get("updatedAt"));
    return body;
  }
}
